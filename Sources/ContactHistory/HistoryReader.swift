import CCPlanBase
import Foundation

/// Reads contact-centre interval history from CSV exports into `IntervalSeries`.
///
/// The reader streams each file in chunks of a few megabytes, parses numbers and timestamps
/// straight from the bytes, and checks every row. It either returns every series or throws a
/// `HistoryError` listing what is wrong, by file, line and column; it never returns partial data.
public struct HistoryReader: Sendable {
    /// How to read.
    public var options: HistoryReadOptions
    /// The size of the chunks read from a file (tests make it tiny to cross chunk boundaries).
    var chunkSize = 4 << 20

    /// Creates a reader.
    public init(options: HistoryReadOptions = HistoryReadOptions()) {
        self.options = options
    }

    /// Reads files (in the given order) into series, one per queue and channel.
    ///
    /// Rows for the same queue and channel may come from several files and in any order; they
    /// are sorted by time. Duplicate intervals are refused unless `options.onDuplicate` says
    /// otherwise.
    ///
    /// - Parameter paths: the files to read.
    /// - Returns: the series, sorted by queue and channel.
    /// - Throws: `HistoryError` with every problem found (file:line:column and what was expected).
    /// - Complexity: O(*n* log *n*) in the number of rows when they are out of order, O(*n*)
    ///   when each series' rows are in time order (as exports are); memory is about the final
    ///   series plus the rows of one series being placed on its grid.
    public func read(_ paths: [String]) throws(HistoryError) -> ContactHistory {
        var state = ReadState(options: options, chunkSize: chunkSize)
        for (fileIndex, path) in paths.enumerated() {
            state.readFile(path, index: fileIndex)
        }
        return try state.finish(files: paths)
    }
}

extension ContactHistory {
    /// Reads history files; shorthand for `HistoryReader(options:).read(paths)`.
    ///
    /// - Complexity: see `HistoryReader.read(_:)`.
    public static func load(
        _ paths: [String], options: HistoryReadOptions = HistoryReadOptions()
    ) throws(HistoryError) -> ContactHistory {
        try HistoryReader(options: options).read(paths)
    }
}

/// The interval lengths (minutes) that are inferred from the spacing of rows.
let inferableIntervalMinutes = [5, 6, 10, 15, 30, 60]

/// Where the canonical fields are in one file's header.
private struct Layout {
    var columnCount = 0
    var intervalStart = -1, queue = -1, channel = -1, intervalMinutes = -1
    var offered = -1, handled = -1, abandoned = -1
    var aht = -1, handleTotal = -1
    /// Mean wait of offered contacts (optional).
    var wait = -1
    /// Handle-time component totals, and component means per handled contact.
    var componentTotals: [Int] = [], componentMeans: [Int] = []
    var derivesOffered = false

    var hasHandleTime: Bool {
        aht >= 0 || handleTotal >= 0 || !componentTotals.isEmpty || !componentMeans.isEmpty
    }
}

/// The rows of one queue and channel, in file order, before they are put on a grid.
private struct Staging {
    var queue: String
    var channel: Channel
    /// Interval starts as seconds from `base` (4 bytes a row instead of 8).
    var times: [Int32] = []
    /// The start of the first row, seconds since 1970 UTC.
    var base: Int64 = 0
    var offered: [Double] = [], handled: [Double] = [], abandoned: [Double] = [], handleSeconds: [Double] = []
    /// Total wait seconds per row; nil until a row reports a wait (most exports have none), so
    /// that files without waits pay nothing for the column.
    var waitSeconds: [Double]? = nil
    /// The line of each row; its file is the last `fileStarts` entry at or before the row.
    var lines: [UInt32] = []
    /// (first row, file index) each time the rows of another file begin.
    var fileStarts: [(row: Int, file: Int)] = []
    // Kept in the struct so that the per-row checks read no array (a cache miss each when the
    // rows of many queues are interleaved).
    var rowCount = 0
    var lastTime: Int32 = 0
    var lastFile = -1
    /// Whether every row starts after the previous one (then no sort is needed and the columns
    /// are spread over the grid in place).
    var strictlyIncreasing = true
    var intervalMinutes: Int?
    var intervalMinutesLine = 0
    /// How often each ambiguous local time (repeated hour) has been seen.
    var ambiguousSeen: [Int64: Int] = [:]

    init(queue: String, channel: Channel) {
        self.queue = queue
        self.channel = channel
    }

    /// The start of row `r`, seconds since 1970 UTC.
    @inline(__always)
    func instant(_ r: Int) -> Int64 { base + Int64(times[r]) }

    /// Where row `r` came from (the column is found again only when it is reported).
    func origin(_ r: Int) -> RowOrigin {
        RowOrigin(file: fileStarts.last { $0.row <= r }?.file ?? 0, line: Int(lines[r]))
    }
}

/// The file (index) and line of a row.
private struct RowOrigin {
    var file: Int
    var line: Int
}

/// The mutable state of one `read` call.
private struct ReadState {
    let options: HistoryReadOptions
    var clock: ZoneClock
    var issues = IssueLog()
    var rowCount = 0
    var byteCount = 0
    var files: [String] = []
    /// The field index of interval_start in each file.
    var timestampFields: [Int] = []
    /// Problems found after reading, before their columns are known.
    var pendingIssues: [(file: Int, line: Int, message: String)] = []

    // Queue names are interned from their bytes, so no String is made per row.
    var queueNames: [String] = []
    var queueBytes: [[UInt8]] = []
    /// Open-addressing table of queue ids + 1 by FNV hash (0: empty); its size is a power of two.
    var queueTable = [Int32](repeating: 0, count: 64)
    var queueHashes: [UInt64] = []
    var lastQueue = -1
    var defaultQueue: Int?
    /// Staging index per queue id × 3 + channel index (−1: none yet).
    var stagingIndex: [Int] = []
    var stagings: [Staging] = []

    let chunkSize: Int

    init(options: HistoryReadOptions, chunkSize: Int) {
        self.options = options
        self.chunkSize = chunkSize
        self.clock = ZoneClock(options.timeZone)
    }

    var zoneName: String { options.timeZone.identifier }

    // MARK: Header

    private func normalized(_ text: String) -> String { text.trimmingSpaces.lowercased() }

    /// Maps the header onto canonical fields, or logs why it cannot.
    mutating func layout(_ record: CSVRecord, file: String) -> Layout? {
        let names = (0..<record.count).map { normalized(record.string($0)) }
        let shown = (0..<record.count).map { record.string($0).trimmingSpaces }.joined(separator: ", ")
        let before = issues.count
        var columns: [CanonicalField: Int] = [:]
        var used = Set<Int>()
        for (field, header) in options.mappings.sorted(by: { $0.key < $1.key }) {
            guard let j = names.firstIndex(of: normalized(header)) else {
                issues.add(file, 1, 1, "--map \(field.rawValue)=\(header): the header has no column \"\(header)\"; it has: \(shown)")
                continue
            }
            columns[field] = j
            used.insert(j)
        }
        let profileHeaders = options.profile?.headers ?? [:]
        for field in CanonicalField.allCases where options.mappings[field] == nil {
            let accepted = [field.rawValue] + field.aliases + (profileHeaders[field] ?? [])
            let matches = names.indices.filter { !used.contains($0) && accepted.contains(names[$0]) }
            if matches.count > 1 {
                let a = record.string(matches[0]).trimmingSpaces, b = record.string(matches[1]).trimmingSpaces
                issues.add(
                    file, 1, record.column(of: matches[1]),
                    "columns \"\(a)\" and \"\(b)\" both give \(field.rawValue); choose one with --map \(field.rawValue)=Header")
                continue
            }
            if let j = matches.first {
                columns[field] = j
                used.insert(j)
            }
        }
        var layout = Layout()
        layout.columnCount = record.count
        layout.intervalStart = columns[.intervalStart] ?? -1
        layout.queue = columns[.queue] ?? -1
        layout.channel = columns[.channel] ?? -1
        layout.intervalMinutes = columns[.intervalMinutes] ?? -1
        layout.offered = columns[.offered] ?? -1
        layout.handled = columns[.handled] ?? -1
        layout.abandoned = columns[.abandoned] ?? -1
        layout.aht = columns[.ahtSeconds] ?? -1
        layout.handleTotal = columns[.handleSeconds] ?? -1
        layout.wait = columns[.waitSeconds] ?? -1
        layout.componentTotals = [CanonicalField.talkSeconds, .holdSeconds, .acwSeconds].compactMap { columns[$0] }
        layout.componentMeans = [CanonicalField.avgTalkSeconds, .avgHoldSeconds, .avgAcwSeconds].compactMap { columns[$0] }

        func missing(_ field: CanonicalField) {
            let also = field.aliases.isEmpty ? "" : " (also accepted: \(field.aliases.joined(separator: ", ")))"
            issues.add(
                file, 1, 1,
                "missing required column \"\(field.rawValue)\"\(also); the header has: \(shown); name one with --map \(field.rawValue)=Header")
        }
        if layout.intervalStart < 0 { missing(.intervalStart) }
        if layout.offered < 0 {
            if options.profile?.derivesOffered == true, layout.handled >= 0, layout.abandoned >= 0 {
                layout.derivesOffered = true
            } else {
                missing(.offered)
            }
        }
        let forms = [
            layout.aht >= 0 ? "aht_seconds" : nil, layout.handleTotal >= 0 ? "handle_seconds" : nil,
            layout.componentTotals.isEmpty && layout.componentMeans.isEmpty ? nil : "talk/hold/acw components",
        ].compactMap { $0 }
        if forms.count > 1 {
            issues.add(file, 1, 1, "handle time is given more than once (\(forms.joined(separator: " and "))); keep one")
        }
        return issues.count == before ? layout : nil
    }

    // MARK: Rows

    mutating func readFile(_ path: String, index fileIndex: Int) {
        files.append(path)
        timestampFields.append(0)
        var reader: CSVRecordReader
        do {
            reader = try CSVRecordReader(path: path, chunkSize: chunkSize)
            try reader.detectFormat()
        } catch {
            issues.add(path, error.line, error.column, error.message)
            return
        }
        let decimalComma = reader.delimiter == UInt8(ascii: ";")
        var layout: Layout?
        do {
            try reader.forEachRecord { record in
                guard let layout else {
                    layout = self.layout(record, file: path)
                    timestampFields[fileIndex] = layout?.intervalStart ?? 0
                    return layout != nil
                }
                rowCount += 1
                row(record, layout, file: path, fileIndex: fileIndex, decimalComma: decimalComma)
                return true
            }
        } catch let error as CSVSyntaxError {
            issues.add(path, error.line, error.column, error.message)
        } catch {
            issues.add(path, reader.line, 1, "\(error)")
        }
        byteCount += reader.bytesRead
        if layout == nil, issues.isEmpty {
            issues.add(path, 1, 1, "the file is empty; expected a header line with interval_start and offered")
        }
    }

    /// The queue id of a row's queue field, interned without making a String on a hit.
    ///
    /// Exports list either one queue after another or every queue per interval, so the previous
    /// queue and the one created after it are tried before the hash table.
    @inline(__always)
    mutating func queueID(_ record: CSVRecord, _ column: Int) -> Int {
        if lastQueue >= 0 {
            if record.equals(column, queueBytes[lastQueue]) { return lastQueue }
            let next = lastQueue + 1 == queueBytes.count ? 0 : lastQueue + 1
            if record.equals(column, queueBytes[next]) {
                lastQueue = next
                return next
            }
        }
        let hash = record.hash(column)
        let mask = queueTable.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while queueTable[slot] != 0 {
            let id = Int(queueTable[slot]) - 1
            if queueHashes[id] == hash, record.equals(column, queueBytes[id]) {
                lastQueue = id
                return id
            }
            slot = (slot + 1) & mask
        }
        lastQueue = insertQueue(record.string(column).trimmingSpaces, record.rawBytes(column), hash: hash, slot: slot)
        return lastQueue
    }

    /// Adds a queue at a free slot of the table.
    mutating func insertQueue(_ name: String, _ bytes: [UInt8], hash: UInt64, slot: Int) -> Int {
        let id = queueNames.count
        queueNames.append(name)
        queueBytes.append(bytes)
        queueHashes.append(hash)
        queueTable[slot] = Int32(id + 1)
        stagingIndex.append(contentsOf: [-1, -1, -1])
        if 2 * queueNames.count > queueTable.count { growQueueTable() }
        return id
    }

    /// Doubles the queue table and re-inserts every queue.
    mutating func growQueueTable() {
        queueTable = [Int32](repeating: 0, count: queueTable.count * 2)
        let mask = queueTable.count - 1
        for (id, hash) in queueHashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while queueTable[slot] != 0 { slot = (slot + 1) & mask }
            queueTable[slot] = Int32(id + 1)
        }
    }

    mutating func channel(_ record: CSVRecord, _ column: Int, file: String) -> Channel? {
        if record.equalsIgnoringCase(column, "voice") { return .voice }
        if record.equalsIgnoringCase(column, "chat") { return .chat }
        if record.equalsIgnoringCase(column, "email") { return .email }
        if let profile = options.profile, !profile.channelAliases.isEmpty {
            let name = record.string(column).trimmingSpaces.lowercased()
            if let channel = profile.channelAliases[name] { return channel }
        }
        issues.add(
            file, record.line, record.column(of: column),
            "channel: expected voice, chat or email, found \(record.quoted(column))")
        return nil
    }

    /// A count or duration field: a finite, non-negative number, or NaN when empty and allowed.
    @inline(__always)
    mutating func quantity(
        _ record: CSVRecord, _ column: Int, _ name: String, required: Bool, decimalComma: Bool,
        duration: Bool = false, file: String
    ) -> Double? {
        switch record.number(column, decimalComma: decimalComma, allowDuration: duration) {
        case .value(let v) where v >= 0:
            return v
        case .value:
            issues.add(file, record.line, record.column(of: column), "\(name): expected a non-negative number, found \(record.quoted(column))")
        case .empty:
            if !required { return .nan }
            issues.add(file, record.line, record.column(of: column), "\(name): expected a number, found an empty field")
        case .invalid:
            issues.add(file, record.line, record.column(of: column), "\(name): expected a non-negative number, found \(record.quoted(column))")
        case .nonFinite:
            issues.add(file, record.line, record.column(of: column), "\(name): expected a finite number, found \(record.quoted(column))")
        }
        return nil
    }

    mutating func row(_ record: CSVRecord, _ layout: Layout, file: String, fileIndex: Int, decimalComma: Bool) {
        guard record.count == layout.columnCount else {
            issues.add(
                file, record.line, record.endColumn,
                "expected \(layout.columnCount) fields as in the header, found \(record.count)")
            return
        }
        let before = issues.count
        // Counts.
        var offered = Double.nan
        if layout.offered >= 0 {
            offered = quantity(record, layout.offered, "offered", required: true, decimalComma: decimalComma, file: file) ?? .nan
        }
        let handled = layout.handled < 0 ? Double.nan
            : quantity(record, layout.handled, "handled", required: layout.derivesOffered, decimalComma: decimalComma, file: file) ?? .nan
        let abandoned = layout.abandoned < 0 ? Double.nan
            : quantity(record, layout.abandoned, "abandoned", required: layout.derivesOffered, decimalComma: decimalComma, file: file) ?? .nan
        if layout.derivesOffered { offered = handled + abandoned }
        if handled > offered {
            issues.add(
                file, record.line, record.column(of: layout.handled),
                "handled (\(shortestNumber(handled))) exceeds offered (\(shortestNumber(offered))); expected at most the offered count")
        }
        // Waiting, as a total of seconds (mean wait × offered).
        var waitSeconds = Double.nan
        if layout.wait >= 0 {
            let mean = quantity(record, layout.wait, "wait_seconds", required: false, decimalComma: decimalComma, duration: true, file: file) ?? .nan
            waitSeconds = offered == 0 ? 0 : mean * offered
        }
        // Handle time, as a total of seconds.
        var handleSeconds = Double.nan
        if layout.hasHandleTime {
            let base = handled.isNaN ? (abandoned.isNaN ? offered : offered - abandoned) : handled
            func part(_ column: Int, _ name: String) -> Double {
                quantity(record, column, name, required: false, decimalComma: decimalComma, duration: true, file: file) ?? .nan
            }
            if layout.handleTotal >= 0 {
                handleSeconds = part(layout.handleTotal, "handle_seconds")
            } else {
                if layout.aht >= 0 {
                    handleSeconds = part(layout.aht, "aht_seconds") * base
                } else {
                    var total = 0.0
                    for c in layout.componentTotals { total += part(c, "handle time") }
                    for c in layout.componentMeans { total += part(c, "handle time") * base }
                    handleSeconds = total
                }
                // Exports leave the mean empty when nothing was handled: that is no handle time.
                if handleSeconds.isNaN, base == 0 { handleSeconds = 0 }
            }
        }
        var minutes: Int?
        if layout.intervalMinutes >= 0 {
            if case .value(let v) = record.number(layout.intervalMinutes, decimalComma: false),
               v >= 1, v <= 1440, v == v.rounded(), 1440 % Int(v) == 0 {
                minutes = Int(v)
            } else {
                issues.add(
                    file, record.line, record.column(of: layout.intervalMinutes),
                    "interval_minutes: expected a whole number of minutes that divides a day (5, 15, 30, 60, …), found \(record.quoted(layout.intervalMinutes))")
            }
        }
        // Queue and channel.
        let queue = layout.queue >= 0 ? queueID(record, layout.queue) : defaultQueueID()
        var channel = Channel.voice
        if layout.channel >= 0 {
            guard let c = self.channel(record, layout.channel, file: file) else { return }
            channel = c
        }
        let key = queue * 3 + (channel == .voice ? 0 : channel == .chat ? 1 : 2)
        var s = stagingIndex[key]
        if s < 0 {
            s = stagings.count
            stagings.append(Staging(queue: queueNames[queue], channel: channel))
            stagingIndex[key] = s
        }
        // Time.
        let tsColumn = layout.intervalStart
        let instant: Int64
        switch record.timestamp(tsColumn) {
        case .instant(let t):
            instant = t
        case .local(let local):
            switch clock.resolve(local: local) {
            case .unique(let t):
                instant = t
            case .ambiguous(let early, let late):
                let seen = stagings[s].ambiguousSeen[local, default: 0]
                stagings[s].ambiguousSeen[local] = seen + 1
                instant = seen == 0 ? early : late
            case .gap:
                issues.add(
                    file, record.line, record.column(of: tsColumn),
                    "interval_start: \(record.quoted(tsColumn)) does not exist in \(zoneName) (the clocks skip that hour); expected a local time outside the spring-forward gap, or a UTC offset")
                return
            }
        case .invalid(let reason):
            issues.add(file, record.line, record.column(of: tsColumn), "interval_start: \(reason), found \(record.quoted(tsColumn))")
            return
        }
        guard issues.count == before else { return }
        if let minutes {
            if let known = stagings[s].intervalMinutes {
                if known != minutes {
                    issues.add(
                        file, record.line, record.column(of: layout.intervalMinutes),
                        "mixed interval lengths in queue \"\(queueNames[queue])\" (\(channel.rawValue)): expected \(known) minutes as on line \(stagings[s].intervalMinutesLine), found \(minutes)")
                    return
                }
            } else {
                stagings[s].intervalMinutes = minutes
                stagings[s].intervalMinutesLine = record.line
            }
        }
        if stagings[s].rowCount == 0 { stagings[s].base = instant }
        guard let time = Int32(exactly: instant - stagings[s].base) else {
            issues.add(
                file, record.line, record.column(of: tsColumn),
                "interval_start: \(record.quoted(tsColumn)) is more than 68 years from the first row of queue \"\(queueNames[queue])\" (\(channel.rawValue)); expected dates within a few decades")
            return
        }
        if stagings[s].rowCount > 0, time <= stagings[s].lastTime { stagings[s].strictlyIncreasing = false }
        if stagings[s].lastFile != fileIndex {
            stagings[s].fileStarts.append((stagings[s].rowCount, fileIndex))
            stagings[s].lastFile = fileIndex
        }
        stagings[s].rowCount += 1
        stagings[s].lastTime = time
        stagings[s].times.append(time)
        stagings[s].offered.append(offered)
        stagings[s].handled.append(handled)
        stagings[s].abandoned.append(abandoned)
        stagings[s].handleSeconds.append(handleSeconds)
        if !waitSeconds.isNaN || stagings[s].waitSeconds != nil {
            if stagings[s].waitSeconds == nil {
                stagings[s].waitSeconds = [Double](repeating: .nan, count: stagings[s].rowCount - 1)
            }
            stagings[s].waitSeconds!.append(waitSeconds)
        }
        stagings[s].lines.append(UInt32(clamping: record.line))
    }

    /// The id of queue `default`, for files without a queue column.
    mutating func defaultQueueID() -> Int {
        if let id = defaultQueue { return id }
        let bytes = Array("default".utf8)
        let hash = bytes.reduce(FNV1a64.basis, FNV1a64.step)
        let mask = queueTable.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while queueTable[slot] != 0 {
            let id = Int(queueTable[slot]) - 1
            if queueBytes[id] == bytes {
                defaultQueue = id
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = insertQueue("default", bytes, hash: hash, slot: slot)
        defaultQueue = id
        return id
    }

    /// Logs a problem found after reading (the column of interval_start is found again later).
    mutating func issue(at origin: RowOrigin, _ message: String) {
        pendingIssues.append((origin.file, origin.line, message))
    }

    /// `file:line` of a row, for messages.
    func place(_ origin: RowOrigin) -> String { "\(files[origin.file]):\(origin.line)" }

    /// Adds the pending issues with the column of their row's interval_start, reading each file
    /// concerned once more (only when there is something to report).
    mutating func logPendingIssues() {
        for (f, path) in files.enumerated() {
            let here = pendingIssues.filter { $0.file == f }
            guard !here.isEmpty else { continue }
            var columns: [Int: Int] = [:]
            let wanted = Set(here.map(\.line))
            let field = timestampFields[f]
            if var reader = try? CSVRecordReader(path: path, chunkSize: chunkSize) {
                try? reader.detectFormat()
                try? reader.forEachRecord { record in
                    if wanted.contains(record.line), field < record.count { columns[record.line] = record.column(of: field) }
                    return columns.count < wanted.count
                }
            }
            for issue in here { issues.add(path, issue.line, columns[issue.line] ?? 1, issue.message) }
        }
        pendingIssues = []
    }

    // MARK: Grid

    /// The interval length of a staging's rows from their spacing: the most frequent gap between
    /// consecutive distinct starts among 5, 6, 10, 15, 30 and 60 minutes.
    func inferredStep(_ staging: Staging, _ order: [Int]?) -> Int64? {
        var counts = [Int](repeating: 0, count: inferableIntervalMinutes.count)
        var previous: Int64?
        for k in 0..<staging.rowCount {
            let t = staging.instant(order?[k] ?? k)
            if let p = previous, t > p, (t - p) % 60 == 0,
               let slot = inferableIntervalMinutes.firstIndex(of: Int((t - p) / 60)) {
                counts[slot] += 1
            }
            previous = t
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
              counts[best] > 0
        else { return nil }
        return Int64(inferableIntervalMinutes[best]) * 60
    }

    mutating func finish(files: [String]) throws(HistoryError) -> ContactHistory {
        if let error = issues.error { throw error }
        let byName = stagings.indices.sorted {
            (stagings[$0].queue, stagings[$0].channel) < (stagings[$1].queue, stagings[$1].channel)
        }
        // Orders and steps first, so that every problem is reported before any grid is built.
        var orders: [[Int]?] = []
        var steps: [Int64?] = []
        for s in stagings.indices {
            let staging = stagings[s]
            let order: [Int]? = staging.strictlyIncreasing ? nil : staging.times.indices.sorted {
                (staging.times[$0], $0) < (staging.times[$1], $1)
            }
            orders.append(order)
            steps.append(staging.intervalMinutes.map { Int64($0) * 60 } ?? inferredStep(staging, order))
        }
        let known = steps.compactMap { $0 }
        let fallback = Dictionary(grouping: known, by: { $0 }).max { ($0.value.count, -$0.key) < ($1.value.count, -$1.key) }?.key
        for s in byName {
            if steps[s] == nil { steps[s] = fallback }
            check(s, order: orders[s], step: steps[s])
        }
        logPendingIssues()
        if let error = issues.error { throw error }
        var series: [IntervalSeries] = []
        series.reserveCapacity(stagings.count)
        for s in byName {
            guard let step = steps[s] else { continue }  // logged by `check`, so not reached
            // Take the rows out of `stagings`, so that their arrays can be reused or freed at once.
            var staging = Staging(queue: "", channel: .voice)
            swap(&staging, &stagings[s])
            series.append(grid(&staging, order: orders[s], step: step))
        }
        return ContactHistory(series: series, rowCount: rowCount, byteCount: byteCount, timeZone: options.timeZone)
    }

    /// Logs rows off the grid, duplicates (under `.error`) and absurd ranges.
    mutating func check(_ s: Int, order: [Int]?, step: Int64?) {
        let staging = stagings[s]
        let name = "queue \"\(staging.queue)\" (\(staging.channel.rawValue))"
        guard let step else {
            issue(at: staging.origin(0), "cannot infer the interval length of \(name) from one interval; add an interval_minutes column")
            return
        }
        let first = order?[0] ?? 0
        let t0 = staging.instant(first)
        var previous = -1
        for k in 0..<staging.rowCount {
            let r = order?[k] ?? k
            let t = staging.instant(r)
            if (t - t0) % step != 0 {
                issue(
                    at: staging.origin(r),
                    "mixed interval lengths in \(name): expected interval starts every \(step / 60) minutes from \(isoString(t0)), found \(isoString(t))")
            } else if previous >= 0, staging.instant(previous) == t, options.onDuplicate == .error {
                issue(
                    at: staging.origin(r),
                    "duplicate row for \(name) at \(isoString(t)), first given at \(place(staging.origin(previous))); expected one row per interval (or --on-duplicate sum|last)")
            }
            previous = r
        }
        let lastRow = order?.last ?? staging.rowCount - 1
        let last = staging.instant(lastRow)
        let span = (last - t0) / step + 1
        if span > 50_000_000 {
            issue(
                at: staging.origin(lastRow),
                "\(name) would span \(span) intervals from \(isoString(t0)) to \(isoString(last)); expected dates within a few decades")
        }
    }

    mutating func isoString(_ t: Int64) -> String { iso8601(t, offset: Int(clock.offset(at: t))) }

    /// Places a staging's rows on its grid, consuming them.
    ///
    /// Rows strictly in time order (the usual case) are spread over the grid inside their own
    /// arrays, so that the peak memory is about the rows plus one column; other rows are sorted
    /// through `order`, and duplicates summed or replaced as the policy says.
    func grid(_ staging: inout Staging, order: [Int]?, step: Int64) -> IntervalSeries {
        let first = order?[0] ?? 0
        let t0 = staging.instant(first)
        let last = staging.instant(order?.last ?? staging.rowCount - 1)
        let n = Int((last - t0) / step) + 1
        var states = [IntervalState](repeating: .absent, count: n)
        // Slot of row r: (base + times[r] − t0) / step.
        let times = staging.times, shift = staging.base - t0
        staging.times = []
        staging.lines = []
        func take(_ column: inout [Double]) -> [Double] {
            var taken: [Double] = []
            swap(&taken, &column)
            return taken
        }
        var offered = take(&staging.offered), handled = take(&staging.handled)
        var abandoned = take(&staging.abandoned), handle = take(&staging.handleSeconds)
        var wait = staging.waitSeconds
        staging.waitSeconds = nil
        if order == nil {
            for t in times { states[Int((Int64(t) + shift) / step)] = .observed }
            // Slot i(k) ≥ k, so moving rows from the last to the first never overwrites one not yet moved.
            func spread(_ column: inout [Double]) {
                let rows = column.count
                column.append(contentsOf: repeatElement(Double.nan, count: n - rows))
                var k = rows - 1
                while k >= 0 {
                    let value = column[k]
                    column[k] = .nan
                    column[Int((Int64(times[k]) + shift) / step)] = value
                    k -= 1
                }
            }
            spread(&offered)
            spread(&handled)
            spread(&abandoned)
            spread(&handle)
            if wait != nil { spread(&wait!) }
        } else {
            let rows = (offered, handled, abandoned, handle)
            let waitRows = wait
            offered = [Double](repeating: .nan, count: n)
            handled = offered
            abandoned = offered
            handle = offered
            if wait != nil { wait = offered }
            for k in times.indices {
                let r = order?[k] ?? k
                let i = Int((Int64(times[r]) + shift) / step)
                if states[i] == .observed, options.onDuplicate == .sum {
                    offered[i] += rows.0[r]
                    handled[i] += rows.1[r]
                    abandoned[i] += rows.2[r]
                    handle[i] += rows.3[r]
                    if let w = waitRows { wait![i] += w[r] }
                } else {
                    offered[i] = rows.0[r]
                    handled[i] = rows.1[r]
                    abandoned[i] = rows.2[r]
                    handle[i] = rows.3[r]
                    if let w = waitRows { wait![i] = w[r] }
                    states[i] = .observed
                }
            }
        }
        return IntervalSeries(
            queue: staging.queue, channel: staging.channel, intervalMinutes: Int(step / 60),
            timeZone: options.timeZone, start: t0, offered: offered, handled: handled,
            abandoned: abandoned, handleSeconds: handle, states: states, waitSeconds: wait)
    }
}
