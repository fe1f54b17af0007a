import CCPlanBase

extension Forecaster {
    /// Forecasts many queues (or channels) at once, in parallel across `maxConcurrency` threads.
    /// Each series is forecast exactly as by ``forecast(history:calendar:horizonDays:)`` — the
    /// result for a series does not depend on the others or on the thread count (bit-identical).
    /// Keep BLAS single-threaded (the default of ``LinearAlgebra/BLASThreads``): ccplan parallelises
    /// across queues instead.
    ///
    /// - Returns: one result per series, in order: the forecast or the error it raised.
    /// - Complexity: Σ per-series cost / min(maxConcurrency, series count).
    public func forecast(
        histories: [DailyIntervalSeries], calendar: ForecastCalendar = .none, horizonDays: Int,
        maxConcurrency: Int = 2
    ) -> [Result<Forecast, ForecastingError>] {
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
