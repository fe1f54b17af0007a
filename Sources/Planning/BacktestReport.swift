import CCPlanBase
import ContactHistory

/// Renderings of backtest results. Times are the only figures that vary between runs.
public enum BacktestReport {
    /// An aligned table for people.
    public static func table(_ rows: [BacktestRow]) -> String {
        let header = ["queue", "channel", "model", "folds", "WAPE", "MAPE", "RMSE", "bias", "MASE", "ms/fold", ""]
        var cells: [[String]] = [header]
        for r in rows {
            cells.append([r.queue, r.channel.rawValue, r.model, "\(r.folds)", percent(r.wape), percent(r.mape), fixed(r.rmse, 2),
                          percent(r.bias), fixed(r.mase, 3), fixed(r.seconds * 1000, 1), r.chosenByAuto ? "*" : ""])
        }
        let widths = header.indices.map { c in cells.map { $0[c].count }.max() ?? 0 }
        var out = cells.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        out += "\n* the model auto picks on the full history\n"
        return out
    }

    /// CSV with the metrics as fractions.
    public static func csv(_ rows: [BacktestRow]) -> String {
        var out = "queue,channel,model,folds,wape,mape,rmse,bias,mase,seconds_per_fold,chosen_by_auto\n"
        for r in rows {
            out += "\(csvField(r.queue)),\(r.channel.rawValue),\(csvField(r.model)),\(r.folds),"
            out += [r.wape, r.mape, r.rmse, r.bias, r.mase].map { fixed($0, 6) }.joined(separator: ",")
            out += ",\(fixed(r.seconds, 6)),\(r.chosenByAuto)\n"
        }
        return out
    }

    /// JSON: `{"results": [...]}`.
    public static func json(_ rows: [BacktestRow]) -> String {
        JSONText.object([("results", .array(rows.map { r in
            .object([
                ("queue", .string(r.queue)), ("channel", .string(r.channel.rawValue)), ("model", .string(r.model)),
                ("folds", .integer(r.folds)), ("wape", .finite(r.wape)), ("mape", .finite(r.mape)), ("rmse", .finite(r.rmse)),
                ("bias", .finite(r.bias)), ("mase", .finite(r.mase)), ("seconds_per_fold", .finite(r.seconds)),
                ("chosen_by_auto", .bool(r.chosenByAuto)),
            ])
        }))]).rendered()
    }

    static func percent(_ x: Double) -> String { x.isFinite ? fixed(x * 100, 2) + "%" : "–" }
}
