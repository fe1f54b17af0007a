import CCPlanBase

extension Forecaster {
    /// The backtest errors that make the ranges (see ``rangeOrigins``) and, beyond the short band,
    /// the long-horizon backtest's day-total errors.
    func predictionRanges(
        _ context: ForecastContext, selection: AutoSelection, auto: AutoModel,
        isAuto: Bool
    ) throws -> PredictionRanges {
        let s = context.slotsPerDay
        var sample = selection.residuals
        if isAuto, !selection.origins.isEmpty, rangeOrigins > selection.origins.count {
            // The newest holdouts: the ones the choice was made on (already forecast by the short
            // band's model), then older ones up to `rangeOrigins`.
            let short = selection.shortChosen ?? selection.chosen
            let h = selection.horizonDays
            let older = AutoModel.holdoutOrigins(
                history: context.history, horizonDays: h, count: rangeOrigins - selection.origins.count,
                minimumTrainingDays: auto.minimumTrainingDays,
                skip: selection.origins.count)
            for origin in older {
                let fold = try Fold(
                    history: context.history, calendar: context.calendar, origin: origin, horizonDays: h,
                    closedLookbackWeeks: closedLookbackWeeks)
                guard let f = try? fold.forecast(short) else { continue }
                sample.add(forecast: f, actual: fold.actual, slots: s)
            }
        }
        var dayErrors = selection.longChoice?.errors
        if !isAuto, let day = model as? DayLevelModel, let lead = context.leadDays, lead > AutoModel.shortBandDays {
            dayErrors = try day.backtestErrors(context)
        }
        return PredictionRanges(sample: sample, dayErrors: dayErrors)
    }

    /// Interval and day-total quantiles at ``quantileLevels`` (sorted), never crossing.
    func quantiles(_ context: ForecastContext, volume: [Double], ranges: PredictionRanges) -> ([[Double]], [[Double]]) {
        let s = context.slotsPerDay
        let lastDay = context.history.dates.last?.dayNumber ?? 0
        let levels = quantileLevels.sorted()
        var quantiles = [[Double]](repeating: [Double](repeating: 0, count: volume.count), count: levels.count)
        var daily = [[Double]](repeating: [Double](repeating: 0, count: context.targetDates.count), count: levels.count)
        for (t, date) in context.targetDates.enumerated() {
            let lead = date.dayNumber - lastDay
            var total = 0.0
            for j in 0..<s {
                let f = volume[t * s + j]
                total += f
                for (l, level) in levels.enumerated() {
                    var q = ranges.quantile(forecast: f, lead: lead, level: level)
                    if l > 0 { q = max(q, quantiles[l - 1][t * s + j]) }  // never cross
                    quantiles[l][t * s + j] = q
                }
            }
            for (l, level) in levels.enumerated() {
                var q = ranges.dayQuantile(total: total, lead: lead, level: level)
                if l > 0 { q = max(q, daily[l - 1][t]) }
                daily[l][t] = q
            }
        }
        return (quantiles, daily)
    }
}
