import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The only file of ContactHistory with unsafe pointers: a chunked file reader, a CSV record
// tokenizer over its buffer, and parsers that read numbers and timestamps straight from the bytes.
// Nothing here creates a String per field; `RecordView` values never outlive the closure they
// are passed to.

/// The byte range of one field inside the reader's buffer.
struct FieldRange {
    /// Offset of the first byte (after an opening quote).
    var start: Int
    /// Offset one past the last byte (before a closing quote).
    var end: Int
    /// The field contains doubled quotes `""` that stand for one quote.
    var hasEscapedQuotes: Bool
}

/// Why a file could not be tokenized.
struct TokenizerError: Error {
    var line: Int
    var column: Int
    var message: String
}

/// Owns the file descriptor and the buffer of a `CSVRecordReader`, and releases them.
private final class ReaderResources {
    let fd: Int32
    var storage: UnsafeMutableBufferPointer<UInt8>

    init(fd: Int32, capacity: Int) {
        self.fd = fd
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        close(fd)
    }
}

/// Reads a file in chunks of a few megabytes and splits it into CSV records.
///
/// Handles a UTF-8 byte-order mark, CRLF and LF line ends, quoted fields with doubled quotes and
/// embedded delimiters or line breaks. Memory use is the chunk size plus the longest record.
/// A struct (not a class) so that the hot loop's state needs no dynamic exclusivity checks.
struct CSVRecordReader {
    private let resources: ReaderResources
    private let fd: Int32
    private var storage: UnsafeMutableBufferPointer<UInt8>
    private var head = 0, tail = 0
    private var atEOF = false
    private var fields: [FieldRange] = []
    /// The field delimiter (detected from the header line unless set).
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The line number of the next record.
    private(set) var line = 1
    /// Bytes read from the file so far.
    private(set) var bytesRead = 0

    /// Opens a file; throws a `TokenizerError` whose message says why it cannot be read.
    init(path: String, chunkSize: Int = 4 << 20) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw TokenizerError(line: 0, column: 0, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        resources = ReaderResources(fd: fd, capacity: max(chunkSize, 4))
        storage = resources.storage
    }

    /// Reads more bytes, first moving the unconsumed ones to the front (growing the buffer when a
    /// single record fills it). Returns `false` at end of file.
    private mutating func refill() throws -> Bool {
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
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: storage.count * 2)
            bigger.baseAddress!.update(from: storage.baseAddress!, count: tail)
            storage.deallocate()
            storage = bigger
            resources.storage = bigger
        }
        while true {
            let n = read(fd, storage.baseAddress! + tail, storage.count - tail)
            if n < 0 {
                if errno == EINTR { continue }
                throw TokenizerError(line: line, column: 0, message: "read error: \(String(cString: strerror(errno)))")
            }
            if n == 0 { atEOF = true; return false }
            tail += n
            bytesRead += n
            return true
        }
    }

    /// Skips a UTF-8 byte-order mark and picks the delimiter of the header line: whichever of
    /// `,` `;` tab `|` occurs most often outside quotes (ties in that order).
    mutating func detectFormat() throws {
        while tail - head < 3 || !headerLineBuffered() {
            if try !refill() { break }
        }
        if tail - head >= 3, storage[head] == 0xEF, storage[head + 1] == 0xBB, storage[head + 2] == 0xBF {
            head += 3
        }
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
        var counts = [0, 0, 0, 0]
        var inQuotes = false
        var i = head
        while i < tail, storage[i] != UInt8(ascii: "\n") || inQuotes {
            let b = storage[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if !inQuotes, let k = candidates.firstIndex(of: b) { counts[k] += 1 }
            i += 1
        }
        var best = 0
        for k in 1..<4 where counts[k] > counts[best] { best = k }
        delimiter = candidates[best]
    }

    private func headerLineBuffered() -> Bool {
        var i = head
        while i < tail {
            if storage[i] == UInt8(ascii: "\n") { return true }
            i += 1
        }
        return false
    }

    /// Calls `body` with each record in file order until the end of the file or until `body`
    /// returns `false`. Empty lines are skipped.
    ///
    /// - Complexity: O(*n*) in the size of the file.
    mutating func forEachRecord(_ body: (RecordView) throws -> Bool) throws {
        while true {
            guard let next = try tokenizeRecord() else { return }
            if next.isBlank { continue }
            let view = RecordView(
                bytes: UnsafeBufferPointer(storage), fields: fields, line: next.line,
                recordStart: next.start, delimiter: delimiter)
            if try !body(view) { return }
        }
    }

    /// Tokenizes the next record into `fields`; returns its line and start, or `nil` at the end.
    private mutating func tokenizeRecord() throws -> (line: Int, start: Int, isBlank: Bool)? {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
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
                        throw TokenizerError(
                            line: line, column: 1 + i - head,
                            message: "a quoted field is not closed before the end of the file")
                    }
                    var k = closed + 1
                    if k < limit, base[k] == cr {
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
                        throw TokenizerError(
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

/// A parsed number field.
enum ParsedNumber {
    case value(Double)
    case empty
    case invalid
    case nonFinite
}

/// A parsed timestamp field.
enum ParsedTimestamp {
    /// An instant: seconds since 1970 UTC (the field had `Z` or an offset).
    case instant(Int64)
    /// A local wall-clock time: seconds since 1970-01-01T00:00 in the local zone.
    case local(Int64)
    /// Not a timestamp; the text says what was wrong.
    case invalid(String)
}

/// One record of a CSV file, valid only inside `CSVRecordReader.forEachRecord`'s closure.
struct RecordView {
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    fileprivate let fields: [FieldRange]
    /// The line on which the record starts.
    let line: Int
    fileprivate let recordStart: Int
    fileprivate let delimiter: UInt8

    /// The number of fields.
    var count: Int { fields.count }

    /// The 1-based column (in characters) where field `index` starts, for messages.
    func column(of index: Int) -> Int {
        let end = index < fields.count ? fields[index].start : recordEnd
        var column = 1
        var i = recordStart
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\n") { column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // Point at the opening quote rather than the first byte after it.
        if index < fields.count, end > recordStart, bytes[end - 1] == UInt8(ascii: "\""), column > 1 { column -= 1 }
        return column
    }

    private var recordEnd: Int { fields.last.map { $0.end } ?? recordStart }

    /// The 1-based column just past the last field, for "expected more fields" messages.
    var endColumn: Int { column(of: fields.count) }

    /// The text of a field (quotes undoubled); creates a String, so not for hot paths.
    func string(_ index: Int) -> String {
        let f = fields[index]
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
        return f.hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// The text of a field with surrounding spaces removed, shortened for messages.
    func quoted(_ index: Int) -> String {
        var text = string(index).trimmingSpaces
        if text.count > 40 { text = String(text.prefix(37)) + "..." }
        return "\"\(text)\""
    }

    /// The field's bytes with surrounding ASCII spaces and tabs removed.
    @inline(__always)
    private func trimmed(_ index: Int) -> (Int, Int) {
        var s = fields[index].start, e = fields[index].end
        while s < e, bytes[s] == 32 || bytes[s] == 9 { s += 1 }
        while e > s, bytes[e - 1] == 32 || bytes[e - 1] == 9 { e -= 1 }
        return (s, e)
    }

    /// Whether the field is empty after trimming spaces.
    func isEmpty(_ index: Int) -> Bool {
        let (s, e) = trimmed(index)
        return s == e
    }

    /// A 64-bit FNV-1a hash of the trimmed field.
    @inline(__always)
    func hash(_ index: Int) -> UInt64 {
        let (s, e) = trimmed(index)
        var h = fnvBasis
        var i = s
        while i < e {
            h = fnvStep(h, bytes[i])
            i += 1
        }
        return h
    }

    /// Whether the trimmed field's bytes equal `other`.
    @inline(__always)
    func equals(_ index: Int, _ other: [UInt8]) -> Bool {
        let (s, e) = trimmed(index)
        guard e - s == other.count else { return false }
        if other.isEmpty { return true }
        return other.withUnsafeBufferPointer { o in memcmp(bytes.baseAddress! + s, o.baseAddress!, e - s) == 0 }
    }

    /// Whether the trimmed field equals `literal` (lowercase ASCII), ignoring ASCII case.
    @inline(__always)
    func equalsIgnoringCase(_ index: Int, _ literal: StaticString) -> Bool {
        let (s, e) = trimmed(index)
        guard e - s == literal.utf8CodeUnitCount else { return false }
        let l = literal.utf8Start
        for k in 0..<(e - s) {
            let b = bytes[s + k]
            if ((b >= 65 && b <= 90) ? b | 0x20 : b) != l[k] { return false }
        }
        return true
    }

    /// The trimmed field's bytes, lowercased when ASCII (for channel names and headers).
    func lowercasedBytes(_ index: Int) -> [UInt8] {
        let (s, e) = trimmed(index)
        return bytes[s..<e].map { ($0 >= 65 && $0 <= 90) ? $0 | 0x20 : $0 }
    }

    /// The trimmed field's raw bytes.
    func rawBytes(_ index: Int) -> [UInt8] {
        let (s, e) = trimmed(index)
        return Array(bytes[s..<e])
    }

    /// Parses a decimal number: `123`, `-4.5`, `1e3`, and with `decimalComma`, `4,5`.
    ///
    /// A duration `[h:]mm:ss` is accepted when `allowDuration` is set (handle-time columns).
    /// Exact for up to 15 significant digits on the fast path (one correctly rounded division);
    /// longer or exponent forms go through `strtod`.
    ///
    /// - Complexity: O(*n*) in the field's length.
    func number(_ index: Int, decimalComma: Bool, allowDuration: Bool = false) -> ParsedNumber {
        let (s, e) = trimmed(index)
        if s == e { return .empty }
        var i = s
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var seenPoint = false
        while i < e {
            let b = bytes[i]
            if b >= 48, b <= 57 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(b - 48) } else { return slowNumber(s, e, decimalComma) }
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if !seenPoint, b == UInt8(ascii: ".") || (decimalComma && b == UInt8(ascii: ",")) {
                seenPoint = true
            } else if b == UInt8(ascii: ":"), allowDuration {
                return duration(s, e)
            } else {
                return slowNumber(s, e, decimalComma)
            }
            i += 1
        }
        if digits == 0 { return .invalid }
        if mantissa < (1 << 53), fractionDigits <= 22 {
            var value = Double(mantissa)
            if fractionDigits > 0 { value /= powersOfTen[fractionDigits] }
            return .value(negative ? -value : value)
        }
        return slowNumber(s, e, decimalComma)
    }

    /// `strtod` on a NUL-terminated copy, for exponents, long mantissas, `nan` and `inf`.
    private func slowNumber(_ s: Int, _ e: Int, _ decimalComma: Bool) -> ParsedNumber {
        guard e - s < 64 else { return .invalid }
        var text = [CChar](repeating: 0, count: e - s + 1)
        for k in s..<e {
            let b = bytes[k]
            // Only plain number characters: strtod would also accept hex, "infinity" and spaces.
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                text[k - s] = CChar(bitPattern: b)
            case UInt8(ascii: ","):
                guard decimalComma else { return .invalid }
                text[k - s] = CChar(bitPattern: UInt8(ascii: "."))
            default:
                let lower = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self).lowercased()
                let bare = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
                return ["nan", "inf", "infinity"].contains(bare) ? .nonFinite : .invalid
            }
        }
        var endPointer: UnsafeMutablePointer<CChar>?
        let value = text.withUnsafeMutableBufferPointer { buffer -> Double? in
            let v = strtod(buffer.baseAddress!, &endPointer)
            return endPointer == buffer.baseAddress! + (e - s) ? v : nil
        }
        guard let value else { return .invalid }
        return value.isFinite ? .value(value) : .nonFinite
    }

    /// `[h:]mm:ss` as seconds.
    private func duration(_ s: Int, _ e: Int) -> ParsedNumber {
        var parts: [Int] = [0]
        var i = s
        while i < e {
            let b = bytes[i]
            if b == UInt8(ascii: ":") {
                parts.append(0)
            } else if b >= 48, b <= 57, parts[parts.count - 1] < 1_000_000_000 {
                parts[parts.count - 1] = parts[parts.count - 1] * 10 + Int(b - 48)
            } else {
                return .invalid
            }
            i += 1
        }
        guard parts.count <= 3, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return .invalid }
        return .value(Double(parts.reduce(0) { $0 * 60 + $1 }))
    }

    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]`.
    ///
    /// - Complexity: O(*n*) in the field's length, no allocation on success.
    func timestamp(_ index: Int) -> ParsedTimestamp {
        let (s, e) = trimmed(index)
        let expected = "expected a date-time such as 2026-03-29T01:30, 2026-03-29 01:30:00 or 2026-03-29T01:30:00+01:00"
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= e else { return nil }
            var value = 0
            for k in at..<(at + count) {
                let b = bytes[k]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let year = digits(s, 4), s + 4 < e, bytes[s + 4] == UInt8(ascii: "-"),
              let month = digits(s + 5, 2), s + 7 < e, bytes[s + 7] == UInt8(ascii: "-"),
              let day = digits(s + 8, 2)
        else { return .invalid(expected) }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else {
            return .invalid("no such date")
        }
        guard s + 10 < e, bytes[s + 10] == UInt8(ascii: "T") || bytes[s + 10] == UInt8(ascii: " "),
              let hour = digits(s + 11, 2), s + 13 < e, bytes[s + 13] == UInt8(ascii: ":"),
              let minute = digits(s + 14, 2)
        else { return .invalid(expected) }
        var i = s + 16
        var second = 0
        if i < e, bytes[i] == UInt8(ascii: ":") {
            guard let sec = digits(i + 1, 2) else { return .invalid(expected) }
            second = sec
            i += 3
            if i < e, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                i += 1
                while i < e, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return .invalid("no such time of day") }
        let local = Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        if i == e { return .local(local) }
        let b = bytes[i]
        if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z"), i + 1 == e { return .instant(local) }
        guard b == UInt8(ascii: "+") || b == UInt8(ascii: "-"), let oh = digits(i + 1, 2) else {
            return .invalid(expected)
        }
        var om = 0
        var k = i + 3
        if k < e, bytes[k] == UInt8(ascii: ":") { k += 1 }
        if k < e {
            guard let m = digits(k, 2) else { return .invalid(expected) }
            om = m
            k += 2
        }
        guard k == e, oh <= 14, om < 60 else { return .invalid(expected) }
        let offset = Int64(oh * 3600 + om * 60)
        return .instant(b == UInt8(ascii: "+") ? local - offset : local + offset)
    }
}

/// The FNV-1a 64-bit offset basis.
let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

/// One byte of FNV-1a 64.
@inline(__always)
func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }

/// 10⁰ … 10²², all exactly representable as Double.
private let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var view = Substring(self)
        while let c = view.first, c == " " || c == "\t" { view = view.dropFirst() }
        while let c = view.last, c == " " || c == "\t" { view = view.dropLast() }
        return String(view)
    }
}
