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
        let results = ResultSlots<Result<Forecast, ForecastingError>>(count: histories.count,
                                                                      initial: .failure(.invalidParameter("not run")))
        let workers = max(1, min(maxConcurrency, histories.count))
        let next = Counter()
        let engine = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.take(below: histories.count) {
                let r: Result<Forecast, ForecastingError>
                do {
                    r = .success(try engine.forecast(history: histories[i], calendar: calendar, horizonDays: horizonDays))
                } catch let e as ForecastingError {
                    r = .failure(e)
                } catch {
                    r = .failure(.numerical("\(error)"))
                }
                results.set(i, r)
            }
        }
        return results.values
    }
}

/// Result storage written from worker threads, one slot per index (each written once), under a lock.
private final class ResultSlots<T>: @unchecked Sendable {
    private var storage: [T]
    private let lock = DispatchQueue(label: "ccplan.forecasting.results")
    init(count: Int, initial: T) { storage = Array(repeating: initial, count: count) }
    func set(_ i: Int, _ value: T) { lock.sync { storage[i] = value } }
    var values: [T] { lock.sync { storage } }
}

/// A shared work counter.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = DispatchQueue(label: "ccplan.forecasting.counter")
    func take(below limit: Int) -> Int? {
        lock.sync {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
