#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The CSV reader of ccplan: every CSV input (histories, actuals, forecasts, calendars, rosters,
// requirements, the batch queue scan) is split into records here, with the same rules for quotes,
// delimiters, byte-order marks and line ends, and the same error positions. This file and
// CSVRecord*.swift are the only ones of the module with unsafe pointers: nothing creates a String
// per field, and `CSVRecord` values never outlive the closure they are passed to.

/// The byte range of one field inside the reader's buffer.
@usableFromInline
struct FieldRange {
    /// Offset of the first byte (after an opening quote).
    @usableFromInline var start: Int
    /// Offset one past the last byte (before a closing quote).
    @usableFromInline var end: Int
    /// The field contains doubled quotes `""` that stand for one quote.
    @usableFromInline var hasEscapedQuotes: Bool

    @inlinable
    init(start: Int, end: Int, hasEscapedQuotes: Bool) {
        self.start = start
        self.end = end
        self.hasEscapedQuotes = hasEscapedQuotes
    }
}

/// Why a file could not be split into records (at a line and column of the file).
public struct CSVSyntaxError: Error, Sendable {
    /// The 1-based line (0 when the file could not be opened or read).
    public var line: Int
    /// The 1-based column in bytes (0 when unknown).
    public var column: Int
    /// What is wrong.
    public var message: String

    /// The same problem as a ``FileIssue`` of `file`.
    public func issue(in file: String) -> FileIssue {
        FileIssue(file: file, line: line, column: column, message: message)
    }
}

/// Owns the file descriptor and the buffer of a `CSVRecordReader`, and releases them.
private final class ReaderResources {
    let fd: Int32
    let ownsDescriptor: Bool
    var storage: UnsafeMutableBufferPointer<UInt8>

    init(fd: Int32, ownsDescriptor: Bool, capacity: Int) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        if ownsDescriptor { close(fd) }
    }
}

/// Reads a file in chunks of a few megabytes and splits it into CSV records (RFC 4180).
///
/// - A UTF-8 byte-order mark is skipped.
/// - Line ends are LF or CRLF; a file whose first chunk has CRs and no LF (old Mac exports) is read
///   with CR line ends.
/// - Fields may be quoted, with doubled quotes for a quote, and quoted fields may hold delimiters
///   and line breaks. Surrounding spaces are not part of numbers and names (see ``CSVRecord``).
/// - The delimiter is detected from the header line: whichever of `,` `;` tab `|` occurs most
///   often outside quotes (ties in that order), unless set.
/// - Memory use is the chunk size plus the longest record; a record longer than
///   `maximumRecordBytes` (1 MiB by default) is an error at its line, so that a file without line
///   ends (`/dev/zero`, a binary) cannot exhaust memory.
///
/// A struct (not a class) so that the hot loop's state needs no dynamic exclusivity checks.
public struct CSVRecordReader {
    private let resources: ReaderResources
    private let fd: Int32
    @usableFromInline var storage: UnsafeMutableBufferPointer<UInt8>
    private var head = 0, tail = 0
    private var atEOF = false
    @usableFromInline var fields: [FieldRange] = []
    private let maximumRecordBytes: Int
    /// The line-end byte: LF, or CR for files with CR-only line ends.
    private var lineEnd = UInt8(ascii: "\n")
    /// The field delimiter (detected from the header line by ``detectFormat()`` unless set).
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Whether the file has CR-only line ends (old Mac exports).
    public private(set) var hasCROnlyLineEnds = false
    /// The line number of the next record.
    public private(set) var line = 1
    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0
    /// Whether a quoted field has been read (a quoted field may hold line ends, so a file without
    /// any can be split into byte ranges at line ends: see ``init(path:byteRange:delimiter:chunkSize:maximumRecordBytes:)``).
    public internal(set) var sawQuotedField = false
    /// Bytes left to read when reading a byte range (nil: to the end of the file).
    private var remaining: Int?

    /// Opens a file for reading.
    ///
    /// - Parameters:
    ///   - path: the file (`-` is not special: pass `/dev/stdin` for standard input).
    ///   - chunkSize: bytes read at a time.
    ///   - maximumRecordBytes: the longest record accepted.
    /// - Throws: ``CSVSyntaxError`` (line 0) saying why the file cannot be opened.
    public init(path: String, chunkSize: Int = 4 << 20, maximumRecordBytes: Int = 1 << 20) throws(CSVSyntaxError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw CSVSyntaxError(line: 0, column: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw CSVSyntaxError(line: 0, column: 0, message: "is a directory, not a file")
        }
        self.fd = fd
        self.maximumRecordBytes = max(16, maximumRecordBytes)
        resources = ReaderResources(
            fd: fd, ownsDescriptor: true, capacity: max(min(chunkSize, self.maximumRecordBytes * 2), 4))
        storage = resources.storage
    }

    /// Opens the byte range `byteRange` of a file, which must begin at the start of a line (after
    /// a line end, or at the start of the file), with a known delimiter and LF line ends: for
    /// reading one file on several threads. Lines are numbered from 1 at the range's start, and
    /// the range's end is read as the end of the file.
    ///
    /// - Throws: ``CSVSyntaxError`` (line 0) saying why the file cannot be opened or positioned.
    public init(
        path: String, byteRange: Range<Int>, delimiter: UInt8, chunkSize: Int = 4 << 20,
        maximumRecordBytes: Int = 1 << 20
    ) throws(CSVSyntaxError) {
        try self.init(path: path, chunkSize: chunkSize, maximumRecordBytes: maximumRecordBytes)
        guard byteRange.lowerBound >= 0, lseek(fd, off_t(byteRange.lowerBound), SEEK_SET) == off_t(byteRange.lowerBound)
        else {
            throw CSVSyntaxError(line: 0, column: 0, message: "cannot seek: \(String(cString: strerror(errno)))")
        }
        self.delimiter = delimiter
        remaining = byteRange.count
    }

    /// Reads more bytes, first moving the unconsumed ones to the front (growing the buffer when a
    /// single record fills it, up to the record limit). Returns `false` at end of file.
    private mutating func refill() throws(CSVSyntaxError) -> Bool {
        if atEOF { return false }
        if head > 0 {
            let count = tail - head
            if count > 0 {
                storage.baseAddress!.update(from: storage.baseAddress! + head, count: count)
            }
            head = 0
            tail = count
        }
        if tail == storage.count {
            guard tail < maximumRecordBytes else {
                throw CSVSyntaxError(
                    line: line, column: 0,
                    message:
                        "a record is longer than \(maximumRecordBytes / 1024) KiB (no line end: is this a CSV file?)")
            }
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(
                capacity: min(storage.count * 2, maximumRecordBytes + 1))
            bigger.baseAddress!.update(from: storage.baseAddress!, count: tail)
            storage.deallocate()
            storage = bigger
            resources.storage = bigger
        }
        while true {
            let wanted = min(storage.count - tail, remaining ?? Int.max)
            let n = wanted == 0 ? 0 : read(fd, storage.baseAddress! + tail, wanted)
            if n < 0 {
                if errno == EINTR { continue }
                throw CSVSyntaxError(line: line, column: 0, message: "read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEOF = true; return false }
            tail += n
            bytesRead += n
            if let r = remaining { remaining = r - n }
            return true
        }
    }

    /// Skips a UTF-8 byte-order mark, recognises CR-only line ends and picks the delimiter of the
    /// header line: whichever of `,` `;` tab `|` occurs most often outside quotes (ties in that order).
    ///
    /// - Complexity: O(length of the header line).
    public mutating func detectFormat() throws(CSVSyntaxError) {
        while tail - head < 3 || !headerLineBuffered() {
            if try !refill() { break }
        }
        if tail - head >= 3, storage[head] == 0xEF, storage[head + 1] == 0xBB, storage[head + 2] == 0xBF {
            head += 3
        }
        var sawCR = false, sawLF = false
        for i in head..<tail {
            if storage[i] == UInt8(ascii: "\n") { sawLF = true; break }
            if storage[i] == UInt8(ascii: "\r") { sawCR = true }
        }
        if sawCR, !sawLF {
            lineEnd = UInt8(ascii: "\r")
            hasCROnlyLineEnds = true
        }
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
        var counts = [0, 0, 0, 0]
        var inQuotes = false
        var i = head
        while i < tail, storage[i] != lineEnd || inQuotes {
            let b = storage[i]
            if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes, let k = candidates.firstIndex(of: b) {
                counts[k] += 1
            }
            i += 1
        }
        var best = 0
        for k in 1..<4 where counts[k] > counts[best] { best = k }
        delimiter = candidates[best]
    }

    private func headerLineBuffered() -> Bool {
        var i = head
        while i < tail {
            if storage[i] == UInt8(ascii: "\n") || storage[i] == UInt8(ascii: "\r") { return true }
            i += 1
        }
        return false
    }

    /// Calls `body` with each record in file order until the end of the file or until `body`
    /// returns `false`. Empty lines are skipped.
    ///
    /// - Parameter recovering: when set, a syntax error does not stop the reading: the reader
    ///   skips to the next line end and goes on (for tolerant scans that only collect names; strict
    ///   readers leave it off and report the error).
    /// - Throws: ``CSVSyntaxError`` when the file cannot be split into records, or what `body` throws.
    /// - Complexity: O(*n*) in the size of the file.
    @inlinable
    public mutating func forEachRecord(recovering: Bool = false, _ body: (CSVRecord) throws -> Bool) throws {
        while true {
            let next: (line: Int, start: Int, isBlank: Bool)?
            do {
                next = try tokenizeRecord()
            } catch {
                guard recovering, error.line > 0 else { throw error }
                try skipLine()
                continue
            }
            guard let next else { return }
            if next.isBlank { continue }
            let record = CSVRecord(
                bytes: UnsafeBufferPointer(storage), fields: fields, line: next.line,
                recordStart: next.start, delimiter: delimiter)
            if try !body(record) { return }
        }
    }

    /// Skips the rest of the current line (after a syntax error, in recovering mode).
    @usableFromInline
    mutating func skipLine() throws(CSVSyntaxError) {
        while true {
            var i = head
            while i < tail, storage[i] != lineEnd { i += 1 }
            if i < tail {
                head = i + 1
                line += 1
                return
            }
            head = tail
            if try !refill() { return }
        }
    }

    /// Tokenizes the next record into `fields`; returns its line and start, or `nil` at the end.
    @usableFromInline
    mutating func tokenizeRecord() throws(CSVSyntaxError) -> (line: Int, start: Int, isBlank: Bool)? {
        let quote = UInt8(ascii: "\""), newline = lineEnd
        // With CR-only line ends there is no CR to strip before a line end.
        let cr = lineEnd == UInt8(ascii: "\r") ? UInt8(ascii: "\n") : UInt8(ascii: "\r")
        let delimiter = self.delimiter
        retry: while true {
            if head >= tail, try !refill() { return nil }
            fields.removeAll(keepingCapacity: true)
            let base = storage.baseAddress!
            let limit = tail
            var i = head
            var extraLines = 0
            var fieldStart = i
            while true {
                if i < limit, base[i] == quote, i == fieldStart {
                    // A quoted field: runs to the next quote that is not doubled.
                    sawQuotedField = true
                    var j = i + 1
                    var escaped = false
                    var closed = -1
                    while j < limit {
                        let b = base[j]
                        if b == quote {
                            if j + 1 < limit {
                                if base[j + 1] == quote { escaped = true; j += 2; continue }
                                closed = j
                                break
                            } else if atEOF {
                                closed = j
                                break
                            } else {
                                break  // need the next byte to decide
                            }
                        }
                        if b == newline { extraLines += 1 }
                        j += 1
                    }
                    if closed < 0 {
                        if !atEOF { _ = try refill(); continue retry }
                        throw CSVSyntaxError(
                            line: line, column: 1 + i - head,
                            message: "a quoted field is not closed before the end of the file")
                    }
                    var k = closed + 1
                    if k < limit, base[k] == cr, newline == UInt8(ascii: "\n") {
                        if k + 1 < limit {
                            if base[k + 1] == newline { k += 1 }
                        } else if !atEOF {
                            _ = try refill()
                            continue retry
                        }
                    }
                    fields.append(FieldRange(start: i + 1, end: closed, hasEscapedQuotes: escaped))
                    if k >= limit {
                        if !atEOF { _ = try refill(); continue retry }
                        return finish(at: limit, extraLines: extraLines)
                    }
                    if base[k] == newline {
                        let start = head
                        head = k + 1
                        defer { line += 1 + extraLines }
                        return (line, start, false)
                    }
                    guard base[k] == delimiter else {
                        throw CSVSyntaxError(
                            line: line + extraLines, column: 1 + k - head,
                            message: "expected a delimiter or a line end after a closing quote")
                    }
                    i = k + 1
                    fieldStart = i
                    continue
                }
                // An unquoted field: scan to the delimiter or the line end.
                while i < limit {
                    let b = base[i]
                    if b == delimiter || b == newline { break }
                    i += 1
                }
                if i >= limit {
                    if !atEOF {
                        _ = try refill()
                        continue retry
                    }
                    var end = i
                    if end > fieldStart, base[end - 1] == cr { end -= 1 }
                    fields.append(FieldRange(start: fieldStart, end: end, hasEscapedQuotes: false))
                    return finish(at: limit, extraLines: extraLines)
                }
                if base[i] == delimiter {
                    fields.append(FieldRange(start: fieldStart, end: i, hasEscapedQuotes: false))
                    i += 1
                    fieldStart = i
                    continue
                }
                // Line end.
                var end = i
                if end > fieldStart, base[end - 1] == cr { end -= 1 }
                fields.append(FieldRange(start: fieldStart, end: end, hasEscapedQuotes: false))
                let start = head
                head = i + 1
                let blank = fields.count == 1 && end == fieldStart
                defer { line += 1 + extraLines }
                return (line, start, blank)
            }
        }
    }

    /// Ends the last record of a file that does not end with a line break.
    private mutating func finish(at end: Int, extraLines: Int) -> (line: Int, start: Int, isBlank: Bool) {
        let start = head
        head = end
        let blank = fields.count == 1 && fields[0].start == fields[0].end
        defer { line += 1 + extraLines }
        return (line, start, blank)
    }
}
