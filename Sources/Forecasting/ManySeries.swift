import Dispatch

extension Forecaster {
    /// Forecasts many queues (or channels) at once, in parallel across `maxConcurrency` threads.
    /// Each series is forecast exactly as by ``forecast(history:calendar:horizonDays:)`` — the
    /// result for a series does not depend on the others or on the thread count (bit-identical).
    /// Keep BLAS single-threaded (the default of ``LinearAlgebra/BLASThreads``): ccplan parallelises
    /// across queues instead.
    ///
    /// - Returns: one result per series, in order: the forecast or the error it raised.
    /// - Complexity: Σ per-series cost / min(maxConcurrency, series count).
    public func forecast(histories: [DailyIntervalSeries], calendar: ForecastCalendar = .none, horizonDays: Int,
                         maxConcurrency: Int = 2) -> [Result<Forecast, ForecastingError>] {
        let engine = self
        return Parallel.map(histories, workers: maxConcurrency) { history in
            do {
                return .success(try engine.forecast(history: history, calendar: calendar, horizonDays: horizonDays))
            } catch let e as ForecastingError {
                return .failure(e)
            } catch {
                return .failure(.numerical("\(error)"))
            }
        }
    }
}

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
