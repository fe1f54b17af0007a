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
        var out = ""
        let prefix = "\(csvField(f.queue)),\(f.channel.rawValue),"
        let model = csvField(f.model)
        for i in f.intervals {
            out += prefix + i.isoStart + "," + number(i.volume)
            for q in i.quantiles { out += "," + number(q) }
            out += "," + (i.ahtSeconds.map(number) ?? "") + "," + model + "\n"
        }
        return out
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
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badForecast("\(path): cannot read the file")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        guard let headerLine = lines.first, !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badForecast("\(path): the forecast is empty")
        }
        let delimiter: Character = headerLine.contains(";") && !headerLine.contains(",") ? ";" : (headerLine.contains("\t") && !headerLine.contains(",") ? "\t" : ",")
        let header = splitCSV(String(headerLine), delimiter).map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
        guard let startColumn = column(["interval_start", "timestamp", "start"]) else {
            throw .badForecast("\(path):1:1: missing column 'interval_start'")
        }
        guard let volumeColumn = column(["volume", "offered", "calls", "contacts", "forecast"]) else {
            throw .badForecast("\(path):1:1: missing column 'volume' (or offered, calls, contacts, forecast)")
        }
        let queueColumn = column(["queue"]), channelColumn = column(["channel"])
        let ahtColumn = column(["aht_seconds", "aht"]), modelColumn = column(["model"])
        var quantileColumns: [(level: Double, column: Int)] = []
        for (c, name) in header.enumerated() where name.hasPrefix("volume_p") {
            guard let p = Double(name.dropFirst("volume_p".count)), p > 0, p < 100 else {
                throw .badForecast("\(path):1:\(c + 1): '\(name)' is not a quantile column (expected volume_p10, volume_p90, …)")
            }
            quantileColumns.append((p / 100, c))
        }
        quantileColumns.sort { $0.level < $1.level }

        struct Key: Hashable { var queue: String; var channel: Channel }
        var rows: [Key: [ForecastInterval]] = [:]
        var models: [Key: String] = [:]
        var clock = ZoneClock(timeZone)
        var seen = Set<String>()
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let lineNumber = index + 1
            let fields = splitCSV(String(line), delimiter)
            func at(_ c: Int) -> String { c < fields.count ? fields[c] : "" }
            func fail(_ c: Int, _ message: String) -> PlanError { .badForecast("\(path):\(lineNumber):\(c + 1): \(message)") }
            func value(_ c: Int, _ what: String) throws(PlanError) -> Double {
                let text = at(c).trimmingCharacters(in: .whitespaces)
                let normalized = delimiter == ";" ? text.replacingOccurrences(of: ",", with: ".") : text
                guard let x = Double(normalized), x.isFinite else { throw fail(c, "expected a number for \(what), found '\(text)'") }
                guard x >= 0 else { throw fail(c, "\(what) cannot be negative, found \(text)") }
                return x
            }
            let queue = queueColumn.map { at($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            let channelText = channelColumn.map { at($0).lowercased() } ?? ""
            guard let channel = channelText.isEmpty ? .voice : Channel(rawValue: channelText) else {
                throw fail(channelColumn ?? 0, "unknown channel '\(channelText)' (expected voice, chat or email)")
            }
            let startText = at(startColumn).trimmingCharacters(in: .whitespaces)
            guard let parsed = parseTimestamp(startText) else {
                throw fail(startColumn, "expected an ISO 8601 date-time such as 2026-11-02T08:30:00+01:00, found '\(startText)'")
            }
            let instant: Int64
            if let offset = parsed.offset {
                instant = parsed.local - offset
            } else {
                switch clock.resolve(local: parsed.local) {
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
            if let c = ahtColumn, !at(c).trimmingCharacters(in: .whitespaces).isEmpty {
                aht = try value(c, "aht_seconds")
            }
            guard let aht, aht > 0 || volume == 0 else {
                throw fail(ahtColumn ?? volumeColumn, "no handle time for this interval: add aht_seconds or pass --aht")
            }
            let offset = Int(clock.offset(at: instant))
            let key = Key(queue: queue, channel: channel)
            let localDay = Int(floorDiv(instant + Int64(offset), 86_400))
            rows[key, default: []].append(ForecastInterval(
                start: instant, utcOffset: offset, localDate: LocalDate(daysSinceEpoch: localDay),
                volume: volume, quantiles: quantiles, ahtSeconds: aht))
            if let m = modelColumn, models[key] == nil, !at(m).isEmpty { models[key] = at(m) }
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

    /// Parses `YYYY-MM-DD[T ]HH:MM[:SS]` with an optional `Z` or `±HH:MM` offset into local
    /// seconds since 1970 and the offset.
    static func parseTimestamp(_ text: String) -> (local: Int64, offset: Int64?)? {
        let chars = Array(text.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var v = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard chars.count >= 16, let y = digits(0, 4), chars[4] == 45, let mo = digits(5, 2), chars[7] == 45,
              let d = digits(8, 2), chars[10] == 84 || chars[10] == 32, let h = digits(11, 2), chars[13] == 58,
              let mi = digits(14, 2), let date = LocalDate(year: y, month: mo, day: d), h < 24, mi < 60 else { return nil }
        var i = 16
        var second = 0
        if i < chars.count, chars[i] == 58 {
            guard let s = digits(17, 2), s < 60 else { return nil }
            second = s
            i = 19
            if i < chars.count, chars[i] == 46 {  // fractional seconds are ignored
                i += 1
                while i < chars.count, chars[i] >= 48, chars[i] <= 57 { i += 1 }
            }
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(h * 3600 + mi * 60 + second)
        if i == chars.count { return (local, nil) }
        if chars[i] == 90, i + 1 == chars.count { return (local, 0) }
        guard chars[i] == 43 || chars[i] == 45, let oh = digits(i + 1, 2) else { return nil }
        var om = 0
        if i + 3 < chars.count {
            let j = chars[i + 3] == 58 ? i + 4 : i + 3
            guard let m = digits(j, 2), j + 2 == chars.count else { return nil }
            om = m
        } else if i + 3 != chars.count { return nil }
        let offset = Int64(oh * 3600 + om * 60) * (chars[i] == 45 ? -1 : 1)
        return (local, offset)
    }
}

/// Splits one CSV line (RFC 4180 quotes with doubled quotes).
public func splitCSV(_ line: String, _ delimiter: Character) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var iterator = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = iterator.next() {
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" && field.isEmpty {
            quoted = true
        } else if c == delimiter {
            fields.append(field); field = ""
        } else if c != "\r" {
            field.append(c)
        }
    }
    fields.append(field)
    return fields
}

/// Shortest round-trip text of a double (ContactHistory's writer; integral values without ".0").
func number(_ x: Double) -> String { CanonicalCSVWriter.number(x) }
