import CCPlanBase
import ContactHistory
import Foundation

extension ForecastCSV {
    /// Reads a forecast file: ccplan's own, or one produced by a CCC or another tool with the
    /// columns `interval_start` and `volume` (aliases `offered`, `calls`, `contacts`, `forecast`),
    /// and optionally `queue`, `channel`, `aht_seconds`, `volume_pNN`, `model`. Records are read
    /// with the one CSV reader of ``CCPlanBase`` (quoting, BOM, CRLF, delimiter detection; with a
    /// `;` delimiter numbers may have a decimal comma).
    ///
    /// - Parameters:
    ///   - timeZone: the zone of local timestamps without an offset, and of the roll-ups.
    ///   - defaultAHT: used where a row has no AHT.
    /// - Throws: ``PlanError/badForecast(_:)`` naming `file:line:column` for the first malformed
    ///   row in file order: an unknown channel, a negative or non-finite number, a duplicate
    ///   interval, a missing AHT; or a missing column, an empty file, or queues whose intervals do
    ///   not divide a day.
    /// - Complexity: O(rows · log rows); the queue and channel of a row are compared as bytes
    ///   with the previous row's, so a file sorted by queue creates one name per queue.
    public static func read(path: String, timeZone: TimeZone, defaultAHT: Double?) throws(PlanError) -> [QueueForecast]
    {
        var reader: CSVRecordReader
        do { reader = try CSVRecordReader(path: path) } catch { throw .badForecast(error.issue(in: path).description) }
        var columns: ForecastColumns?
        var groups = ForecastGroups(path: path, zone: timeZone, defaultAHT: defaultAHT)
        let maximumRows = 10_000_000
        do {
            try reader.detectFormat()
            let decimalComma = reader.delimiter == UInt8(ascii: ";")
            try reader.forEachRecord { record in
                guard let columns else {
                    columns = try ForecastColumns(
                        header: (0..<record.count).map { record.trimmedString($0) }, path: path)
                    return true
                }
                guard groups.rowCount < maximumRows else {
                    throw FileIssue(file: path, line: record.line, column: 1, message: "more than \(maximumRows) rows")
                }
                try groups.add(record, columns, decimalComma: decimalComma)
                return true
            }
        } catch let error as CSVSyntaxError {
            throw .badForecast(error.issue(in: path).description)
        } catch let error as FileIssue {
            throw .badForecast(error.description)
        } catch {
            throw .badForecast(FileIssue(file: path, message: "\(error)").description)
        }
        guard columns != nil else {
            throw .badForecast(FileIssue(file: path, message: "the file is empty (no header line)").description)
        }
        return try groups.forecasts(quantileLevels: columns!.quantiles.map(\.level))
    }
}

/// Where a forecast file's fields are, from its header line.
struct ForecastColumns {
    var start: Int
    var volume: Int
    var queue: Int?, channel: Int?, aht: Int?, model: Int?
    /// Quantile columns by ascending level.
    var quantiles: [(level: Double, column: Int)] = []

    init(header: [String], path: String) throws(FileIssue) {
        let names = header.map { $0.lowercased() }
        func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
        guard let start = column(["interval_start", "timestamp", "start"]) else {
            throw FileIssue(file: path, line: 1, column: 1, message: "missing column 'interval_start'")
        }
        guard let volume = column(["volume", "offered", "calls", "contacts", "forecast"]) else {
            throw FileIssue(
                file: path, line: 1, column: 1,
                message: "missing column 'volume' (or offered, calls, contacts, forecast)")
        }
        self.start = start
        self.volume = volume
        queue = column(["queue"])
        channel = column(["channel"])
        aht = column(["aht_seconds", "aht"])
        model = column(["model"])
        for (c, name) in names.enumerated() where name.hasPrefix("volume_p") {
            guard let p = Double(name.dropFirst("volume_p".count)), p > 0, p < 100 else {
                throw FileIssue(
                    file: path, line: 1, column: c + 1,
                    message: "'\(name)' is not a quantile column (expected volume_p10, volume_p90, …)")
            }
            quantiles.append((p / 100, c))
        }
        quantiles.sort { $0.level < $1.level }
    }
}

/// The rows of a forecast file gathered per queue and channel, checked as they are read.
struct ForecastGroups {
    struct Group {
        var queue: String
        var channel: Channel
        var intervals: [ForecastInterval] = []
        var starts = Set<Int64>()
        var model: String?
    }

    struct Key: Hashable {
        var queue: String
        var channel: Channel
    }

    let path: String
    let zone: TimeZone
    let defaultAHT: Double?
    var clock: ZoneClock
    var groups: [Group] = []
    var index: [Key: Int] = [:]
    var rowCount = 0
    /// The raw queue and channel fields of the previous row and their group.
    var lastQueue: [UInt8]? = nil, lastChannel: [UInt8]? = nil, lastGroup = -1

    init(path: String, zone: TimeZone, defaultAHT: Double?) {
        self.path = path
        self.zone = zone
        self.defaultAHT = defaultAHT
        clock = ZoneClock(zone)
    }

    /// Checks one data row and adds it to its queue's intervals.
    mutating func add(_ record: CSVRecord, _ columns: ForecastColumns, decimalComma: Bool) throws(FileIssue) {
        rowCount += 1
        func fail(_ c: Int, _ message: String) -> FileIssue {
            FileIssue(file: path, line: record.line, column: record.column(of: c), message: message)
        }
        func text(_ c: Int) -> String { c < record.count ? record.trimmedString(c) : "" }
        func value(_ c: Int, _ what: String) throws(FileIssue) -> Double {
            guard c < record.count, case .value(let x) = record.number(c, decimalComma: decimalComma) else {
                throw fail(c, "expected a number for \(what), found '\(text(c))'")
            }
            guard x >= 0 else { throw fail(c, "\(what) cannot be negative, found \(text(c))") }
            return x
        }
        let g = try group(record, columns)

        let parts: Timestamp.Parts
        let startResult = columns.start < record.count ? record.timestampParts(columns.start) : Timestamp.parse("")
        switch startResult {
        case .success(let p) where p.fraction == 0: parts = p
        case .success:
            throw fail(
                columns.start, "fractional seconds are not allowed in an interval start, found '\(text(columns.start))'"
            )
        case .failure(let error): throw fail(columns.start, "\(error), found '\(text(columns.start))'")
        }
        let instant: Int64
        if let t = parts.instant {
            instant = t
        } else {
            switch clock.resolve(local: parts.local) {
            case .unique(let t): instant = t
            case .ambiguous(let t, _): instant = t
            case .gap:
                throw fail(
                    columns.start, "'\(text(columns.start))' does not exist in \(zone.identifier) (daylight-saving gap)"
                )
            }
        }
        guard groups[g].starts.insert(instant).inserted else {
            throw fail(
                columns.start,
                "duplicate interval \(text(columns.start)) for \(groups[g].queue)/\(groups[g].channel.rawValue)")
        }
        let volume = try value(columns.volume, "volume")
        var quantiles: [Double] = []
        if !columns.quantiles.isEmpty {
            quantiles.reserveCapacity(columns.quantiles.count)
            for q in columns.quantiles { quantiles.append(try value(q.column, "volume_\(quantileName(q.level))")) }
        }
        var aht: Double? = defaultAHT
        if let c = columns.aht, c < record.count, !record.isEmpty(c) { aht = try value(c, "aht_seconds") }
        guard let aht, aht > 0 || volume == 0 else {
            throw fail(columns.aht ?? columns.volume, "no handle time for this interval: add aht_seconds or pass --aht")
        }
        let offset = Int(clock.offset(at: instant))
        let localDay = Int(floorDiv(instant + Int64(offset), 86_400))
        groups[g].intervals.append(
            ForecastInterval(
                start: instant, utcOffset: offset, localDate: CivilDate(dayNumber: localDay), volume: volume,
                quantiles: quantiles,
                ahtSeconds: aht))
        if let m = columns.model, groups[g].model == nil, m < record.count, !record.isEmpty(m) {
            groups[g].model = record.trimmedString(m)
        }
    }

    /// The group of the row's queue and channel: the previous row's when the fields are the same bytes.
    private mutating func group(_ record: CSVRecord, _ columns: ForecastColumns) throws(FileIssue) -> Int {
        let queueField = columns.queue.flatMap { $0 < record.count ? $0 : nil }
        let channelField = columns.channel.flatMap { $0 < record.count ? $0 : nil }
        if lastGroup >= 0, same(record, queueField, lastQueue), same(record, channelField, lastChannel) {
            return lastGroup
        }
        let queue =
            queueField.map { CSVInjection.restored(record.trimmedString($0)) }.flatMap { $0.isEmpty ? nil : $0 }
            ?? "default"
        let channelText = channelField.map { record.trimmedString($0).lowercased() } ?? ""
        guard let channel = channelText.isEmpty ? .voice : Channel(rawValue: channelText) else {
            throw FileIssue(
                file: path, line: record.line, column: record.column(of: columns.channel ?? 0),
                message: "unknown channel '\(channelText)' (expected voice, chat or email)")
        }
        let key = Key(queue: queue, channel: channel)
        let g: Int
        if let found = index[key] {
            g = found
        } else {
            g = groups.count
            groups.append(Group(queue: queue, channel: channel))
            index[key] = g
        }
        lastQueue = queueField.map { record.rawBytes($0) }
        lastChannel = channelField.map { record.rawBytes($0) }
        lastGroup = g
        return g
    }

    /// Whether field `c` (nil: absent) holds the bytes `last` (nil: absent).
    private func same(_ record: CSVRecord, _ c: Int?, _ last: [UInt8]?) -> Bool {
        switch (c, last) {
        case (nil, nil): return true
        case (let c?, let last?): return record.equals(c, last)
        default: return false
        }
    }

    /// The forecasts, sorted by queue and channel, each in time order.
    func forecasts(quantileLevels: [Double]) throws(PlanError) -> [QueueForecast] {
        guard !groups.isEmpty else { throw .badForecast("\(path): the forecast has no rows") }
        var result: [QueueForecast] = []
        for var g in groups.sorted(by: { ($0.queue, $0.channel) < ($1.queue, $1.channel) }) {
            g.intervals.sort { $0.start < $1.start }
            var step = Int64.max
            for i in 1..<max(1, g.intervals.count) { step = min(step, g.intervals[i].start - g.intervals[i - 1].start) }
            if step == .max { step = 1800 }
            guard step % 60 == 0, 1440 % Int(step / 60) == 0 else {
                throw .badForecast(
                    "\(path): \(g.queue)/\(g.channel.rawValue): intervals \(step / 60) minutes apart do not divide a day"
                )
            }
            result.append(
                QueueForecast(
                    queue: g.queue, channel: g.channel, timeZone: zone, intervalMinutes: Int(step / 60),
                    quantileLevels: quantileLevels,
                    intervals: g.intervals, model: g.model ?? "external"))
        }
        return result
    }
}
