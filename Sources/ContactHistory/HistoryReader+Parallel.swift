import CCPlanBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// One large file read on several threads. The file is cut into byte ranges at line ends, each
// range is read into a state of its own exactly as `readFile` reads rows, and the states are
// appended in file order. The result is the serial one, row for row (the tests compare the two
// on every fixture): whatever could make it differ sends the file back to the serial reader —
// any problem in any range (so every message and its position come from the serial reader), a
// quoted field (it may hold a line end, so a cut could fall inside it), CR-only line ends, a
// repeated local hour that two ranges both saw for one series, or a series whose interval
// lengths disagree across ranges.

/// One range's state, moved out of the worker that read it.
private struct RangeResult: Sendable {
    var state: ReadState?
    /// Lines the range held (its reader's next line − 1).
    var lines = 0
}

/// What every range's worker needs (immutable).
private struct RangeJob: Sendable {
    let path: String
    let fileIndex: Int
    let options: HistoryReadOptions
    let chunkSize: Int
    let layout: Layout
    let delimiter: UInt8
}

extension ReadState {
    /// Reads one file on `workers` threads when it is large enough; returns `false` (and leaves
    /// the state as it was) when the file is to be read serially.
    ///
    /// - Complexity: O(file size / workers) wall time for the ranges, plus O(rows) to append them.
    mutating func readFileInParallel(_ path: String, index fileIndex: Int, workers: Int, minimumBytes: Int) -> Bool {
        guard workers > 1, let size = regularFileSize(path), size >= minimumBytes else { return false }
        // Each range has its own 4 MB buffer: at most 16 of them.
        let workers = min(workers, 16)
        // The header, read as `readFile` reads it, on a copy (kept only if the ranges succeed).
        var merged = self
        merged.files.append(path)
        merged.timestampFields.append(0)
        merged.offeredFields.append(0)
        guard var reader = try? CSVRecordReader(path: path, chunkSize: chunkSize) else { return false }
        guard (try? reader.detectFormat()) != nil, !reader.hasCROnlyLineEnds else { return false }
        var layout: Layout?
        var headerLines = 0
        _ = try? reader.forEachRecord { record in
            layout = merged.layout(record, file: path)
            headerLines = record.line
            return false
        }
        guard let layout, merged.issues.isEmpty, !reader.sawQuotedField, headerLines == 1 else { return false }
        merged.timestampFields[fileIndex] = layout.intervalStart
        merged.offeredFields[fileIndex] = layout.derivesOffered ? layout.handled : layout.offered
        guard let cuts = lineEndCuts(path, size: size, pieces: workers) else { return false }
        let ranges = (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }
        let job = RangeJob(
            path: path, fileIndex: fileIndex, options: options, chunkSize: chunkSize, layout: layout,
            delimiter: reader.delimiter)
        var results = Parallel.map(ranges, workers: workers) { range in ReadState.readRange(range, job) }
        // Append the ranges in file order; line numbers continue from the header. Each range's
        // state is taken out of `results` first, so that its arrays are freed (or moved, for a
        // series' first range) as soon as they are appended.
        var firstLine = headerLines + 1
        for k in results.indices {
            var result = RangeResult()
            swap(&result, &results[k])
            guard var state = result.state else { return false }
            result.state = nil
            guard merged.append(&state, lineOffset: firstLine - 1, fileIndex: fileIndex) else { return false }
            firstLine += result.lines
        }
        guard merged.rowCount > rowCount else { return false }  // a header without rows: the serial message
        merged.byteCount += size
        self = merged
        return true
    }

    /// Reads the rows of one byte range into a new state (nil when the serial reader must decide).
    private static func readRange(_ range: Range<Int>, _ job: RangeJob) -> RangeResult {
        var state = ReadState(options: job.options, chunkSize: job.chunkSize)
        state.files = [String](repeating: job.path, count: job.fileIndex + 1)
        state.timestampFields = [Int](repeating: job.layout.intervalStart, count: job.fileIndex + 1)
        state.offeredFields = [Int](repeating: 0, count: job.fileIndex + 1)
        guard
            var reader = try? CSVRecordReader(
                path: job.path, byteRange: range, delimiter: job.delimiter, chunkSize: job.chunkSize)
        else { return RangeResult() }
        let decimalComma = job.delimiter == UInt8(ascii: ";")
        do {
            try reader.forEachRecord { record in
                state.rowCount += 1
                state.row(record, job.layout, file: job.path, fileIndex: job.fileIndex, decimalComma: decimalComma)
                return state.issues.isEmpty
            }
        } catch {
            return RangeResult()
        }
        guard state.issues.isEmpty, !reader.sawQuotedField, reader.bytesRead == range.count else {
            return RangeResult()
        }
        return RangeResult(state: state, lines: reader.line - 1)
    }

    /// Appends the rows of a later range of file `fileIndex` (its lines numbered from 1) to this
    /// state, as if they had been read after this state's rows; `false` when the result could
    /// differ from the serial reader's.
    mutating func append(_ range: inout ReadState, lineOffset: Int, fileIndex: Int) -> Bool {
        rowCount += range.rowCount
        for k in range.stagings.indices {
            var source = Staging(queue: "", channel: .voice)
            swap(&source, &range.stagings[k])
            let queue = queueIDs[source.queue] ?? newQueue(source.queue)
            let s = stagingIndex(queue: queue, channel: source.channel)
            guard stagings[s].append(&source, lineOffset: lineOffset, fileIndex: fileIndex) else { return false }
        }
        return true
    }
}

extension Staging {
    /// Appends a later range's rows of the same series (see `ReadState.append`).
    mutating func append(_ later: inout Staging, lineOffset: Int, fileIndex: Int) -> Bool {
        // A repeated local hour seen on both sides: the later one is the second occurrence.
        if !ambiguousSeen.isEmpty, later.ambiguousSeen.keys.contains(where: { ambiguousSeen[$0] != nil }) {
            return false
        }
        if let known = intervalMinutes, let other = later.intervalMinutes, known != other { return false }
        for k in later.lines.indices { later.lines[k] = UInt32(clamping: Int(later.lines[k]) + lineOffset) }
        if rowCount == 0, intervalMinutes == nil, shiftedRows.isEmpty, ambiguousSeen.isEmpty {
            // The series' first rows (the usual case): moved, not copied.
            let notesBefore = notes
            later.intervalMinutesLine += later.intervalMinutes == nil ? 0 : lineOffset
            later.fileStarts = [(0, fileIndex)]
            later.lastFile = fileIndex
            later.notes.droppedGapRows += notesBefore.droppedGapRows
            later.notes.shiftedGapRows += notesBefore.shiftedGapRows
            if later.rowCount == 0 { later.fileStarts = fileStarts; later.lastFile = lastFile }
            swap(&self, &later)
            return true
        }
        let shift: Int64 = rowCount == 0 ? 0 : later.base - base
        var times = later.times
        if rowCount == 0 {
            base = later.base
        } else {
            for k in times.indices {
                guard let t = Int32(exactly: Int64(times[k]) + shift) else { return false }
                times[k] = t
            }
        }
        if let first = times.first {
            if rowCount > 0, first <= lastTime { strictlyIncreasing = false }
            if lastFile != fileIndex {
                fileStarts.append((rowCount, fileIndex))
                lastFile = fileIndex
            }
        }
        strictlyIncreasing = strictlyIncreasing && later.strictlyIncreasing
        if intervalMinutes == nil, let minutes = later.intervalMinutes {
            intervalMinutes = minutes
            intervalMinutesLine = later.intervalMinutesLine + lineOffset
        }
        for (local, count) in later.ambiguousSeen { ambiguousSeen[local] = count }
        for r in later.shiftedRows { shiftedRows.insert(rowCount + r) }
        notes.droppedGapRows += later.notes.droppedGapRows
        notes.shiftedGapRows += later.notes.shiftedGapRows
        // Optional measures: a column exists from the first row that reports it, NaN before.
        let before = rowCount, added = later.rowCount
        for key in Set(measures.keys).union(later.measures.keys) {
            var column = measures[key] ?? [Double](repeating: .nan, count: before)
            column.append(contentsOf: later.measures[key] ?? [Double](repeating: .nan, count: added))
            measures[key] = column
        }
        if staffedAgents != nil || later.staffedAgents != nil {
            var column = staffedAgents ?? [Double](repeating: .nan, count: before)
            column.append(contentsOf: later.staffedAgents ?? [Double](repeating: .nan, count: added))
            staffedAgents = column
        }
        // Exact capacities: the joined columns are final (the grid consumes them), so no growth slack.
        let total = before + added
        self.times.reserveCapacity(total)
        offered.reserveCapacity(total)
        handled.reserveCapacity(total)
        abandoned.reserveCapacity(total)
        handleSeconds.reserveCapacity(total)
        lines.reserveCapacity(total)
        self.times.append(contentsOf: times)
        offered.append(contentsOf: later.offered)
        handled.append(contentsOf: later.handled)
        abandoned.append(contentsOf: later.abandoned)
        handleSeconds.append(contentsOf: later.handleSeconds)
        lines.append(contentsOf: later.lines)
        if let last = times.last { lastTime = last }
        rowCount += added
        return true
    }
}

/// The size of a regular file (nil for anything else: pipes and devices are read serially).
private func regularFileSize(_ path: String) -> Int? {
    var info = stat()
    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Int(info.st_size)
}

/// Offsets that cut a file into about `pieces` byte ranges at line ends: after the header line,
/// after the first line end at or past each 1/pieces of the file, and the size (nil when the file
/// cannot be cut in two, or no line end lies within 1 MiB of a cut: a record is at most that long).
private func lineEndCuts(_ path: String, size: Int, pieces: Int) -> [Int]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    func nextLineEnd(from offset: Int) -> Int? {
        var position = offset
        while position < offset + (1 << 20) {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
            guard n > 0 else { return nil }
            if let i = buffer[0..<n].firstIndex(of: UInt8(ascii: "\n")) { return position + i }
            position += n
        }
        return nil
    }
    guard let header = nextLineEnd(from: 0) else { return nil }
    var cuts = [header + 1]
    for k in 1..<pieces {
        guard let end = nextLineEnd(from: max(cuts.last!, size * k / pieces)) else { break }
        if end + 1 < size, end + 1 > cuts.last! { cuts.append(end + 1) }
    }
    cuts.append(size)
    return cuts.count > 2 ? cuts : nil
}
