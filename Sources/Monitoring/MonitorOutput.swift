import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// Writes a monitoring run's files into a directory, atomically (as `ccplan plan` writes a plan):
/// intervals.csv, daily.csv, weekly.csv, monthly.csv, monitor.json and report.html.
public enum MonitorOutput {
    /// The files, in the order they are written.
    public static let files = [
        "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv", "monitor.json", "report.html",
    ]

    /// Replaces `path` only when it is absent, empty or a monitoring run's output (never a
    /// directory holding anything else).
    ///
    /// - Throws: ``OutputError``: refused (exit 73), or when the directory cannot be written or
    ///   swapped in (exit 75).
    /// - Complexity: O(intervals).
    public static func write(_ result: MonitorResult, provenance: MonitorProvenance, planTitle: String, to path: String)
        throws
    {
        let isOutput = AtomicOutput.isOutput(files: files, marker: "monitor.json")
        try AtomicOutput.replaceDirectory(at: path, isReplaceable: isOutput) { dir in
            var bytes = Array(MonitorFiles.intervalsHeader.utf8)
            for q in result.queues { MonitorFiles.appendIntervalRows(q, to: &bytes) }
            try AtomicOutput.write(bytes, to: dir + "/intervals.csv")
            for (period, file) in [(RollUpPeriod.day, "daily.csv"), (.week, "weekly.csv"), (.month, "monthly.csv")] {
                var rows = Array(MonitorFiles.periodHeader(period).utf8)
                for q in result.queues {
                    MonitorFiles.appendPeriodRows(
                        period == .day ? q.daily : period == .week ? q.weekly : q.monthly, to: &rows)
                }
                try AtomicOutput.write(rows, to: dir + "/" + file)
            }
            try AtomicOutput.write(MonitorJSON.render(result, provenance: provenance), to: dir + "/monitor.json")
            try AtomicOutput.write(
                MonitorReport.render(result, provenance: provenance, planTitle: planTitle), to: dir + "/report.html")
        }
    }

    /// The printed summary: one line per queue, channel and month.
    public static func table(_ result: MonitorResult) -> String {
        var cells = [
            [
                "queue", "channel", "month", "forecast", "actual", "error", "SL", "planned", "forecast", "delivery",
                "other", "status",
            ]
        ]
        for q in result.queues {
            for m in q.monthly {
                let parts = MonitorFiles.attribution(m)
                cells.append([
                    TerminalText.escaped(q.queue), q.channel.rawValue, m.label, fixed(m.forecastVolume, 0),
                    fixed(m.actualVolume, 0),
                    percent(m.bias.map { -$0 / (1 + $0) }), percent(m.actualServiceLevel),
                    percent(m.plannedServiceLevel),
                    points(parts[1]), points(parts[2]), points(parts[3]),
                    m.breaches.isEmpty ? "ok" : "BREACH " + m.breaches.map(\.key).joined(separator: ","),
                ])
            }
        }
        let widths = cells[0].indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        var out = cells.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 3 || c == row.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingSpaces
        }.joined(separator: "\n")
        out += "\n(error: actual vs forecast; forecast, delivery, other: the SL gap actual − planned, explained)\n"
        for (r, b) in result.breaches {
            let unit = b.key.hasSuffix("service_level") ? " pp" : "%"
            out +=
                "breach: \(TerminalText.escaped(r.queue)) \(r.channel.rawValue) \(r.label) \(b.key) "
                + "\(fixed(b.value * 100, 1))\(unit) (limit \(fixed(b.limit * 100, 1))\(unit))\n"
        }
        for u in result.unmatched {
            out +=
                "not in the plan: \(TerminalText.escaped(u.queue)) \(u.channel.rawValue), \(u.intervals) intervals (\(u.reason))\n"
        }
        return out
    }

    static func percent(_ x: Double?) -> String { x.map { fixed($0 * 100, 1) + "%" } ?? "–" }
    static func points(_ x: Double?) -> String { x.map { ($0 > 0 ? "+" : "") + fixed($0 * 100, 1) } ?? "–" }
}
