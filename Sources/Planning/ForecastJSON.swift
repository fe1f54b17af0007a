import CCPlanBase

/// A forecast as JSON: one object per queue and channel with its intervals.
public enum ForecastJSON {
    /// - Complexity: O(intervals).
    public static func render(_ forecasts: [QueueForecast]) -> String {
        JSONText.object([
            (
                "forecasts",
                .array(
                    forecasts.map { f in
                        .object([
                            ("queue", .string(f.queue)), ("channel", .string(f.channel.rawValue)),
                            ("time_zone", .string(f.timeZone.identifier)),
                            ("interval_minutes", .integer(f.intervalMinutes)),
                            ("model", .string(f.model)), ("backtest_wape", .finite(f.backtestWAPE)),
                            ("quantile_levels", .array(f.quantileLevels.map { .number($0) })),
                            (
                                "intervals",
                                .array(
                                    f.intervals.map { i in
                                        .object(
                                            [("interval_start", .string(i.isoStart)), ("volume", .number(i.volume))]
                                                + zip(f.quantileLevels, i.quantiles).map {
                                                    ("volume_\(quantileName($0))", JSONText.number($1))
                                                }
                                                + [("aht_seconds", .finite(i.ahtSeconds))])
                                    })
                            ),
                        ])
                    })
            )
        ]).rendered()
    }
}
