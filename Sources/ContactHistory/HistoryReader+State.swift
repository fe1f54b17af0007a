import CCPlanBase
import Foundation

/// The rows of one queue and channel, in file order, before they are put on a grid.
///
/// Columns, not row structs: 40 bytes a row, and each column is spread over the grid in place.
struct Staging: Sendable {
    var queue: String
    var channel: Channel
    /// Interval starts as seconds from `base` (4 bytes a row instead of 8).
    var times: [Int32] = []
    /// The start of the first row, seconds since 1970 UTC.
    var base: Int64 = 0
    var offered: [Double] = [], handled: [Double] = [], abandoned: [Double] = [], handleSeconds: [Double] = []
    /// The optional measures per row (waits, answered within, service level, staffing); a measure
    /// has an array only once a row reports it (most exports have none), so that files without
    /// them pay nothing.
    var measures: [IntervalMeasure: [Double]] = [:]
    /// Staffed agents as reported (means), turned into `staffed_seconds` once the interval length
    /// is known.
    var staffedAgents: [Double]? = nil
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
    /// Rows dropped or shifted in spring-forward gaps, and accepted outliers.
    var notes = ReadNotes()
    /// The rows shifted out of a spring-forward gap (`DSTGapPolicy.shift`): never duplicates,
    /// always added to the row of the interval they land on.
    var shiftedRows: Set<Int> = []

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

    /// "queue "billing" (voice)", for messages (control characters are escaped where printed).
    var name: String { "queue \"\(queue)\" (\(channel.rawValue))" }
}

/// The file (index) and line of a row.
struct RowOrigin {
    var file: Int
    var line: Int
}

/// The mutable state of one `read` call.
struct ReadState: Sendable {
    let options: HistoryReadOptions
    let chunkSize: Int
    var clock: ZoneClock
    var issues = IssueLog()
    var rowCount = 0
    var byteCount = 0
    var files: [String] = []
    /// The field index of interval_start in each file.
    var timestampFields: [Int] = []
    /// The field index of offered in each file (of handled when offered is derived).
    var offeredFields: [Int] = []
    /// Problems found after reading, at a field of a row whose column is not known yet.
    var pendingIssues: [(file: Int, line: Int, field: Int, message: String)] = []

    // Queue names are interned from their bytes, so no String is made per row
    // (`HistoryReader+Queues.swift`). An entry is one spelling of a queue in the files; two
    // spellings name the same queue when they read the same (`'=x` as ccplan writes `=x`).
    var queueNames: [String] = []
    /// The queue id of each name.
    var queueIDs: [String: Int] = [:]
    /// The bytes, hash and queue id of each entry.
    var entryBytes: [[UInt8]] = []
    var entryHashes: [UInt64] = []
    var entryQueues: [Int] = []
    /// Open-addressing table of entry indices + 1 by FNV hash (0: empty); its size is a power of two.
    var entryTable = [Int32](repeating: 0, count: 64)
    var lastEntry = -1
    var defaultQueue: Int?
    /// Staging index per queue id × 3 + channel index (−1: none yet).
    var stagingIndex: [Int] = []
    var stagings: [Staging] = []

    init(options: HistoryReadOptions, chunkSize: Int) {
        self.options = options
        self.chunkSize = chunkSize
        self.clock = ZoneClock(options.timeZone)
    }

    var zoneName: String { options.timeZoneName }

    /// The staging of a queue and channel, created on first use.
    @inline(__always)
    mutating func stagingIndex(queue: Int, channel: Channel) -> Int {
        let key = queue * 3 + (channel == .voice ? 0 : channel == .chat ? 1 : 2)
        var s = stagingIndex[key]
        if s < 0 {
            s = stagings.count
            stagings.append(Staging(queue: queueNames[queue], channel: channel))
            stagingIndex[key] = s
        }
        return s
    }

    // MARK: Issues found after reading

    /// Logs a problem found after reading, at a field of a row (interval_start unless given);
    /// the column is found again later.
    mutating func issue(at origin: RowOrigin, field: Int? = nil, _ message: String) {
        pendingIssues.append((origin.file, origin.line, field ?? timestampFields[origin.file], message))
    }

    /// `file:line` of a row, for messages.
    func place(_ origin: RowOrigin) -> String { "\(files[origin.file]):\(origin.line)" }

    /// An instant as ISO 8601 with the zone's offset, for messages.
    mutating func isoString(_ t: Int64) -> String { iso8601(t, offset: Int(clock.offset(at: t))) }

    /// Adds the pending issues with the column of their field, reading each file concerned once
    /// more (only when there is something to report).
    mutating func logPendingIssues() {
        for (f, path) in files.enumerated() {
            let here = pendingIssues.filter { $0.file == f }
            guard !here.isEmpty else { continue }
            let wanted = Dictionary(grouping: here, by: \.line).mapValues { Set($0.map(\.field)) }
            var columns: [Int: [Int: Int]] = [:]  // line → field → column
            if var reader = try? CSVRecordReader(path: path, chunkSize: chunkSize) {
                try? reader.detectFormat()
                try? reader.forEachRecord { record in
                    if let fields = wanted[record.line] {
                        for field in fields where field < record.count {
                            columns[record.line, default: [:]][field] = record.column(of: field)
                        }
                    }
                    return columns.count < wanted.count
                }
            }
            for issue in here { issues.add(path, issue.line, columns[issue.line]?[issue.field] ?? 1, issue.message) }
        }
        pendingIssues = []
    }
}
