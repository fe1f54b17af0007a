#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One record of a CSV file, valid only inside ``CSVRecordReader/forEachRecord(_:)``'s closure.
///
/// Field accessors trim surrounding ASCII spaces and tabs (`string` keeps them); nothing but
/// `string` and `quoted` allocates.
public struct CSVRecord {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline let fields: [FieldRange]
    /// The line on which the record starts.
    public let line: Int
    @usableFromInline let recordStart: Int
    @usableFromInline let delimiter: UInt8

    @usableFromInline
    init(bytes: UnsafeBufferPointer<UInt8>, fields: [FieldRange], line: Int, recordStart: Int, delimiter: UInt8) {
        self.bytes = bytes
        self.fields = fields
        self.line = line
        self.recordStart = recordStart
        self.delimiter = delimiter
    }

    /// The number of fields.
    @inlinable
    public var count: Int { fields.count }

    /// The 1-based column (in characters) where field `index` starts, for messages.
    ///
    /// - Complexity: O(length of the record up to the field).
    public func column(of index: Int) -> Int {
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
    public var endColumn: Int { column(of: fields.count) }

    /// The text of a field (quotes undoubled, spaces kept); creates a String, so not for hot paths.
    public func string(_ index: Int) -> String {
        let f = fields[index]
        let raw = UnsafeBufferPointer(rebasing: bytes[f.start..<f.end])
        guard f.hasEscapedQuotes else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            out.append(raw[i])
            i += raw[i] == UInt8(ascii: "\"") && i + 1 < raw.count && raw[i + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of a field with surrounding spaces and tabs removed.
    public func trimmedString(_ index: Int) -> String {
        let (s, e) = trimmed(index)
        let f = fields[index]
        if !f.hasEscapedQuotes { return String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self) }
        return string(index).trimmingSpaces
    }

    /// The text of a field with surrounding spaces removed, shortened and with control characters
    /// escaped, in quotes: for messages.
    public func quoted(_ index: Int) -> String {
        var text = TerminalText.escaped(string(index).trimmingSpaces)
        if text.count > 40 { text = String(text.prefix(37)) + "..." }
        return "\"\(text)\""
    }

    /// The field's bytes with surrounding ASCII spaces and tabs removed.
    @inlinable @inline(__always)
    func trimmed(_ index: Int) -> (Int, Int) {
        var s = fields[index].start, e = fields[index].end
        while s < e, bytes[s] == 32 || bytes[s] == 9 { s += 1 }
        while e > s, bytes[e - 1] == 32 || bytes[e - 1] == 9 { e -= 1 }
        return (s, e)
    }

    /// Whether the field is empty after trimming spaces.
    @inlinable
    public func isEmpty(_ index: Int) -> Bool {
        let (s, e) = trimmed(index)
        return s == e
    }

    /// A 64-bit FNV-1a hash of the trimmed field, continuing from `seed`.
    @inlinable @inline(__always)
    public func hash(_ index: Int, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        let (s, e) = trimmed(index)
        var h = seed
        var i = s
        while i < e {
            h = FNV1a64.step(h, bytes[i])
            i += 1
        }
        return h
    }

    /// Whether the trimmed field's bytes equal `other`.
    @inlinable @inline(__always)
    public func equals(_ index: Int, _ other: [UInt8]) -> Bool {
        let (s, e) = trimmed(index)
        guard e - s == other.count else { return false }
        if other.isEmpty { return true }
        return other.withUnsafeBufferPointer { o in memcmp(bytes.baseAddress! + s, o.baseAddress!, e - s) == 0 }
    }

    /// Whether the trimmed field equals `literal` (lowercase ASCII), ignoring ASCII case.
    @inlinable @inline(__always)
    public func equalsIgnoringCase(_ index: Int, _ literal: StaticString) -> Bool {
        let (s, e) = trimmed(index)
        guard e - s == literal.utf8CodeUnitCount else { return false }
        let l = literal.utf8Start
        for k in 0..<(e - s) {
            let b = bytes[s + k]
            if ((b >= 65 && b <= 90) ? b | 0x20 : b) != l[k] { return false }
        }
        return true
    }

    /// The trimmed field's raw bytes.
    public func rawBytes(_ index: Int) -> [UInt8] {
        let (s, e) = trimmed(index)
        return Array(bytes[s..<e])
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        var view = Substring(self)
        while let c = view.first, c == " " || c == "\t" { view = view.dropFirst() }
        while let c = view.last, c == " " || c == "\t" { view = view.dropLast() }
        return String(view)
    }
}
