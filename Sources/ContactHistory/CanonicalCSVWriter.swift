import CCPlanBase
import Foundation

/// Writes series in the canonical CSV format that `HistoryReader` reads back unchanged.
///
/// Columns: `interval_start,queue,channel,interval_minutes,offered,handled,abandoned,handle_seconds`.
/// One row per observed interval (absent intervals have no row), timestamps ISO 8601 with the
/// series' UTC offset, numbers in their shortest exact form, NaN as an empty field.
public enum CanonicalCSVWriter {
    /// The header line.
    public static let header = "interval_start,queue,channel,interval_minutes,offered,handled,abandoned,handle_seconds"

    /// Writes series to `path` (atomically).
    ///
    /// - Complexity: O(*n*) in the total number of intervals.
    public static func write(_ series: [IntervalSeries], to path: String) throws {
        let file = try AtomicTextFile(path: path)
        try file.write(header + "\n")
        for s in series { try appendRows(of: s) { try file.write($0) } }
        try file.commit()
    }

    /// The whole CSV text (for small outputs and tests).
    ///
    /// - Complexity: O(*n*) in the total number of intervals.
    public static func render(_ series: [IntervalSeries]) -> String {
        var text = header + "\n"
        for s in series { appendRows(of: s) { text += $0 } }
        return text
    }

    private static func appendRows(of s: IntervalSeries, _ emit: (String) throws -> Void) rethrows {
        var clock = ZoneClock(s.timeZone)
        let queue = csvField(s.queue)
        var chunk = ""
        for i in s.indices where s.states[i] == .observed {
            let t = s.intervalStart(i)
            chunk += iso8601(t, offset: Int(clock.offset(at: t)))
            chunk += ",\(queue),\(s.channel.rawValue),\(s.intervalMinutes),\(shortestNumber(s.offered[i])),"
            chunk +=
                "\(shortestNumber(s.handled[i])),\(shortestNumber(s.abandoned[i])),\(shortestNumber(s.handleSeconds[i]))\n"
            if chunk.utf8.count > 1 << 16 {
                try emit(chunk)
                chunk = ""
            }
        }
        try emit(chunk)
    }
}
