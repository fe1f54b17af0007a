import CCPlanBase
import Foundation

/// Reads contact-centre interval history from CSV exports into `IntervalSeries`.
///
/// The reader streams each file in chunks of a few megabytes, parses numbers and timestamps
/// straight from the bytes, and checks every row. It either returns every series or throws a
/// `HistoryError` listing what is wrong, by file, line and column; it never returns partial data.
///
/// The work is split by concern, each in its own file:
/// - `HistoryReader+State.swift`: the state of one `read` call, the rows staged per queue and
///   channel, and the issues found after reading;
/// - `HistoryReader+Layout.swift`: the header, mapped onto canonical fields;
/// - `HistoryReader+Rows.swift`: each file's records, the time of a row, and its staging;
/// - `HistoryReader+Values.swift`: counts, handle time, waits and interval lengths of a row;
/// - `HistoryReader+Queues.swift`: queue names interned from their bytes, and channels;
/// - `HistoryReader+Grid.swift`: the staged rows checked and placed on each series' grid.
public struct HistoryReader: Sendable {
    /// How to read.
    public var options: HistoryReadOptions
    /// The size of the chunks read from a file (tests make it tiny to cross chunk boundaries).
    var chunkSize = 4 << 20
    /// Threads that read one large file (default 1). The result does not depend on it: a file is
    /// cut into byte ranges at line ends, read in parallel and joined in file order, and a file
    /// whose ranges could read differently (quoted fields, CR-only line ends, any problem) is
    /// read again serially, so that every message is the serial reader's.
    public var workers = 1
    /// Files smaller than this are read serially (default 16 MiB; tests and the fuzzer set 0 to
    /// cut every file).
    public var parallelMinimumBytes = 16 << 20

    /// Creates a reader.
    public init(options: HistoryReadOptions = HistoryReadOptions(), workers: Int = 1) {
        self.options = options
        self.workers = max(1, workers)
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
            if !state.readFileInParallel(path, index: fileIndex, workers: workers, minimumBytes: parallelMinimumBytes) {
                state.readFile(path, index: fileIndex)
            }
        }
        return try state.finish()
    }
}

extension ContactHistory {
    /// Reads history files; shorthand for `HistoryReader(options:workers:).read(paths)`.
    ///
    /// - Complexity: see `HistoryReader.read(_:)`.
    public static func load(
        _ paths: [String], options: HistoryReadOptions = HistoryReadOptions(), workers: Int = 1
    ) throws(HistoryError) -> ContactHistory {
        try HistoryReader(options: options, workers: workers).read(paths)
    }
}

/// The interval lengths (minutes) that are inferred from the spacing of rows.
let inferableIntervalMinutes = [5, 6, 10, 15, 30, 60]
