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
        return header(levels: levels) + forecasts.sorted(by: { ($0.queue, $0.channel) < ($1.queue, $1.channel) }).map(rows).joined()
    }

    /// Reads a forecast file: ccplan's own, or one produced by a CCC or another tool with the
    /// columns `interval_start` and `volume` (aliases `offered`, `calls`, `contacts`, `forecast`),
    /// and optionally `queue`, `channel`, `aht_seconds`, `volume_pNN`, `model`.
    ///
    /// - Parameters:
    ///   - timeZone: the zone of local timestamps without an offset, and of the roll-ups.
    ///   - defaultAHT: used where a row has no AHT.
    /// - Throws: ``PlanError/badForecast(_:)`` naming `file:line:column` for a malformed row, an
    ///   unknown channel, a negative or non-finite number, a missing column, a duplicate interval,
    ///   a missing AHT, or an empty file.
    /// - Complexity: O(rows · log rows).
    public static func read(path: String, timeZone: TimeZone, defaultAHT: Double?) throws(PlanError) -> [QueueForecast] {
        let table: CSVTable
        do { table = try CSVTable.read(path: path) } catch { throw .badForecast(error.description) }
        let header = table.header.map { $0.lowercased() }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        func fail(_ line: Int, _ column: Int, _ message: String) -> PlanError {
            .badForecast(FileIssue(file: path, line: line, column: column, message: message).description)
        }
        guard let startColumn = column(["interval_start", "timestamp", "start"]) else {
            throw fail(1, 1, "missing column 'interval_start'")
        }
        guard let volumeColumn = column(["volume", "offered", "calls", "contacts", "forecast"]) else {
            throw fail(1, 1, "missing column 'volume' (or offered, calls, contacts, forecast)")
        }
        let queueColumn = column(["queue"]), channelColumn = column(["channel"])
        let ahtColumn = column(["aht_seconds", "aht"]), modelColumn = column(["model"])
        var quantileColumns: [(level: Double, column: Int)] = []
        for (c, name) in header.enumerated() where name.hasPrefix("volume_p") {
            guard let p = Double(name.dropFirst("volume_p".count)), p > 0, p < 100 else {
                throw fail(1, c + 1, "'\(name)' is not a quantile column (expected volume_p10, volume_p90, …)")
            }
            quantileColumns.append((p / 100, c))
        }
        quantileColumns.sort { $0.level < $1.level }
        let decimalComma = table.delimiter == UInt8(ascii: ";")

        struct Key: Hashable { var queue: String; var channel: Channel }
        var rows: [Key: [ForecastInterval]] = [:]
        var models: [Key: String] = [:]
        var clock = ZoneClock(timeZone)
        var seen = Set<String>()
        for row in table.rows {
            func fail(_ c: Int, _ message: String) -> PlanError { .badForecast(table.issue(row, c, message).description) }
            func value(_ c: Int, _ what: String) throws(PlanError) -> Double {
                let text = row[c]
                let normalized = decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text
                guard let x = Double(normalized), x.isFinite else { throw fail(c, "expected a number for \(what), found '\(text)'") }
                guard x >= 0 else { throw fail(c, "\(what) cannot be negative, found \(text)") }
                return x
            }
            let queue = queueColumn.map { CSVInjection.restored(row[$0]) }.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            let channelText = channelColumn.map { row[$0].lowercased() } ?? ""
            guard let channel = channelText.isEmpty ? .voice : Channel(rawValue: channelText) else {
                throw fail(channelColumn ?? 0, "unknown channel '\(channelText)' (expected voice, chat or email)")
            }
            let startText = row[startColumn]
            let parts: Timestamp.Parts
            switch Timestamp.parse(startText) {
            case .success(let p) where p.fraction == 0: parts = p
            case .success: throw fail(startColumn, "fractional seconds are not allowed in an interval start, found '\(startText)'")
            case .failure(let error): throw fail(startColumn, "\(error), found '\(startText)'")
            }
            let instant: Int64
            if let t = parts.instant {
                instant = t
            } else {
                switch clock.resolve(local: parts.local) {
                case .unique(let t): instant = t
                case .ambiguous(let t, _): instant = t
                case .gap: throw fail(startColumn, "'\(startText)' does not exist in \(timeZone.identifier) (daylight-saving gap)")
                }
            }
            guard seen.insert("\(queue)\u{1F}\(channel.rawValue)\u{1F}\(instant)").inserted else {
                throw fail(startColumn, "duplicate interval \(startText) for \(queue)/\(channel.rawValue)")
            }
            let volume = try value(volumeColumn, "volume")
            var quantiles: [Double] = []
            for q in quantileColumns { quantiles.append(try value(q.column, "volume_\(quantileName(q.level))")) }
            var aht: Double? = defaultAHT
            if let c = ahtColumn, !row[c].isEmpty {
                aht = try value(c, "aht_seconds")
            }
            guard let aht, aht > 0 || volume == 0 else {
                throw fail(ahtColumn ?? volumeColumn, "no handle time for this interval: add aht_seconds or pass --aht")
            }
            let offset = Int(clock.offset(at: instant))
            let key = Key(queue: queue, channel: channel)
            let localDay = Int(floorDiv(instant + Int64(offset), 86_400))
            rows[key, default: []].append(ForecastInterval(
                start: instant, utcOffset: offset, localDate: CivilDate(dayNumber: localDay),
                volume: volume, quantiles: quantiles, ahtSeconds: aht))
            if let m = modelColumn, models[key] == nil, !row[m].isEmpty { models[key] = row[m] }
        }
        guard !rows.isEmpty else { throw .badForecast("\(path): the forecast has no rows") }
        var result: [QueueForecast] = []
        for (key, var intervals) in rows {
            intervals.sort { $0.start < $1.start }
            var step = Int64.max
            for i in 1..<max(1, intervals.count) { step = min(step, intervals[i].start - intervals[i - 1].start) }
            if step == .max { step = 1800 }
            guard step % 60 == 0, 1440 % Int(step / 60) == 0 else {
                throw .badForecast("\(path): \(key.queue)/\(key.channel.rawValue): intervals \(step / 60) minutes apart do not divide a day")
            }
            result.append(QueueForecast(
                queue: key.queue, channel: key.channel, timeZone: timeZone, intervalMinutes: Int(step / 60),
                quantileLevels: quantileColumns.map(\.level), intervals: intervals, model: models[key] ?? "external"))
        }
        return result.sorted { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
    }
}
