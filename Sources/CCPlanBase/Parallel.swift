import Dispatch

/// Work spread over threads, results in input order whatever the thread count.
public enum Parallel {
    /// `items.map(transform)` on up to `workers` threads (each item exactly once; the output
    /// order is the input order, so results do not depend on the number of workers).
    ///
    /// - Complexity: Σ transform cost / min(workers, items.count).
    public static func map<T: Sendable, R: Sendable>(
        _ items: [T], workers: Int, _ transform: @Sendable (T) -> R
    ) -> [R] {
        guard !items.isEmpty else { return [] }
        let slots = ResultSlots<R>(count: items.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            while let i = next.take(below: items.count) { slots.set(i, transform(items[i])) }
        }
        return slots.values
    }
}

/// Result storage written from worker threads, one slot per index (each written once), under a lock.
private final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = DispatchQueue(label: "ccplan.parallel.results")
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.sync { storage[i] = value } }
    var values: [T] { lock.sync { storage.map { $0! } } }
}

/// A shared work counter.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = DispatchQueue(label: "ccplan.parallel.counter")
    func take(below limit: Int) -> Int? {
        lock.sync {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
