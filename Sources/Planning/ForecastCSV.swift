import CCPlanBase
import ContactHistory
import Foundation

/// ccplan's forecast file: one row per queue, channel and interval, sorted by queue, channel and
/// time, closed intervals included with volume 0.
///
///     queue,channel,interval_start,volume,volume_p10,volume_p90,aht_seconds,model
///     support,voice,2026-11-02T08:00:00+01:00,41.27,33.9,48.6,241.5,svd(k=5)
///
/// Numbers are written in their shortest round-trip form, so that reading the file back (or
/// passing a row's volume and AHT to `ccplan erlang`) gives exactly the same doubles.
public enum ForecastCSV {
    /// The header line (with its newline) for the given quantile levels.
    public static func header(levels: [Double]) -> String {
        (["queue", "channel", "interval_start", "volume"] + levels.map { "volume_\(quantileName($0))" }
            + ["aht_seconds", "model"]).joined(separator: ",") + "\n"
    }

    /// The rows (without header) of one queue's forecast.
    ///
    /// - Complexity: O(intervals).
    public static func rows(_ f: QueueForecast) -> String {
        var bytes: [UInt8] = []
        appendRows(f, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``rows(_:)`` to a byte buffer.
    ///
    /// - Complexity: O(intervals).
    public static func appendRows(_ f: QueueForecast, to out: inout [UInt8]) {
        var prefix: [UInt8] = []
        appendCSVField(f.queue, to: &prefix)
        prefix.append(UInt8(ascii: ","))
        prefix.append(contentsOf: f.channel.rawValue.utf8)
        prefix.append(UInt8(ascii: ","))
        var model: [UInt8] = []
        appendCSVField(f.model, to: &model)
        out.reserveCapacity(out.count + f.intervals.count * (prefix.count + model.count + 60))
        for i in f.intervals {
            out.append(contentsOf: prefix)
            appendISO8601(i.start, offset: i.utcOffset, to: &out)
            out.append(UInt8(ascii: ","))
            appendShortestNumber(i.volume, to: &out)
            for q in i.quantiles {
                out.append(UInt8(ascii: ","))
                appendShortestNumber(q, to: &out)
            }
            out.append(UInt8(ascii: ","))
            if let aht = i.ahtSeconds { appendShortestNumber(aht, to: &out) }
            out.append(UInt8(ascii: ","))
            out.append(contentsOf: model)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// The CSV text of forecasts (sorted by queue, channel, time). All forecasts must share the
    /// same quantile levels.
    ///
    /// - Complexity: O(rows).
    public static func render(_ forecasts: [QueueForecast]) -> String {
        let levels = forecasts.first?.quantileLevels ?? [0.1, 0.9]
        return header(levels: levels)
            + forecasts.sorted(by: { ($0.queue, $0.channel) < ($1.queue, $1.channel) }).map(rows).joined()
    }
}
