import CCPlanBase
import ContactHistory

/// Renderings of backtest results. Times are the only figures that vary between runs.
public enum BacktestReport {
    /// An aligned table for people.
    public static func table(_ rows: [BacktestRow]) -> String {
        let header = ["queue", "channel", "model", "folds", "WAPE", "MAPE", "RMSE", "bias", "MASE", "ms/fold", ""]
        var cells: [[String]] = [header]
        for r in rows {
            cells.append([
                r.queue, r.channel.rawValue, r.model, "\(r.folds)", percent(r.wape), percent(r.mape), fixed(r.rmse, 2),
                percent(r.bias), fixed(r.mase, 3), fixed(r.seconds * 1000, 1), r.chosenByAuto ? "*" : "",
            ])
        }
        return aligned(cells) + "\n* a model auto uses on the full history (alone or in its pool)\n\n"
            + totalsTable(rows)
    }

    /// Rows of cells in columns: the first three (queue, channel, model) left-aligned, the rest right.
    static func aligned(_ cells: [[String]]) -> String {
        let widths = (cells.first ?? []).indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// The second table: WAPE (bias) of interval, day, ISO-week and calendar-month totals, and the
    /// coverage of the p10–p90 range. Weeks and months count only when whole inside a fold.
    static func totalsTable(_ rows: [BacktestRow]) -> String {
        let header = ["queue", "channel", "model", "interval", "day", "week", "month", "p10–p90 coverage"]
        func cell(_ wape: Double, _ bias: Double) -> String {
            wape.isFinite ? "\(percent(wape)) (\(bias >= 0 ? "+" : "")\(percent(bias)))" : "–"
        }
        var cells: [[String]] = [header]
        for r in rows {
            cells.append([
                r.queue, r.channel.rawValue, r.model, cell(r.wape, r.bias), cell(r.dayWAPE, r.dayBias),
                cell(r.weekWAPE, r.weekBias), cell(r.monthWAPE, r.monthBias), percent(r.coverage),
            ])
        }
        return "WAPE (bias) of totals; weeks and months only when whole inside a fold\n" + aligned(cells) + "\n"
    }

    /// CSV with the metrics as fractions.
    public static func csv(_ rows: [BacktestRow]) -> String {
        var out = "queue,channel,model,folds,wape,mape,rmse,bias,mase,seconds_per_fold,chosen_by_auto,"
        out += "day_wape,day_bias,week_wape,week_bias,month_wape,month_bias,coverage_p10_p90\n"
        for r in rows {
            out += "\(csvField(r.queue)),\(r.channel.rawValue),\(csvField(r.model)),\(r.folds),"
            out += [r.wape, r.mape, r.rmse, r.bias, r.mase].map { fixed($0, 6) }.joined(separator: ",")
            out += ",\(fixed(r.seconds, 6)),\(r.chosenByAuto),"
            out +=
                [r.dayWAPE, r.dayBias, r.weekWAPE, r.weekBias, r.monthWAPE, r.monthBias, r.coverage]
                .map { fixed($0, 6) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// JSON: `{"results": [...]}`.
    public static func json(_ rows: [BacktestRow]) -> String {
        JSONText.object([
            (
                "results",
                .array(
                    rows.map { r in
                        .object([
                            ("queue", .string(r.queue)), ("channel", .string(r.channel.rawValue)),
                            ("model", .string(r.model)),
                            ("folds", .integer(r.folds)), ("wape", .finite(r.wape)), ("mape", .finite(r.mape)),
                            ("rmse", .finite(r.rmse)),
                            ("bias", .finite(r.bias)), ("mase", .finite(r.mase)),
                            ("seconds_per_fold", .finite(r.seconds)),
                            ("chosen_by_auto", .bool(r.chosenByAuto)),
                            ("day_wape", .finite(r.dayWAPE)), ("day_bias", .finite(r.dayBias)),
                            ("week_wape", .finite(r.weekWAPE)),
                            ("week_bias", .finite(r.weekBias)), ("month_wape", .finite(r.monthWAPE)),
                            ("month_bias", .finite(r.monthBias)),
                            ("coverage_p10_p90", .finite(r.coverage)),
                        ])
                    })
            )
        ]).rendered()
    }

    static func percent(_ x: Double) -> String { x.isFinite ? fixed(x * 100, 2) + "%" : "–" }
}
