import CCPlanBase

/// The bytes of an HTML document as it is written: markup, escaped text and numbers are appended
/// in place, so that a report of megabytes is built without intermediate strings.
///
/// Everything written through ``text(_:)`` is escaped with ``HTMLEscaping``; ``raw(_:)-(StaticString)``
/// is for markup the caller wrote (tags, attribute names, CSS).
public struct HTMLBuffer: Sendable {
    /// The UTF-8 bytes written so far.
    public var bytes: [UInt8]

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The document as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup (a literal: tags, attributes, CSS).
    ///
    /// - Complexity: O(length of `markup`).
    @inlinable
    public mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends markup that is already HTML (built by the caller, or another buffer's contents).
    ///
    /// - Complexity: O(length of `markup`).
    @inlinable
    public mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Appends another buffer's bytes.
    ///
    /// - Complexity: O(other.bytes.count).
    @inlinable
    public mutating func raw(_ other: HTMLBuffer) {
        bytes.append(contentsOf: other.bytes)
    }

    /// Appends `text` escaped for element content and quoted attribute values (``HTMLEscaping``).
    ///
    /// - Complexity: O(length of `text`).
    public mutating func text(_ text: String) {
        HTMLEscaping.append(text, to: &bytes)
    }

    /// Appends a report number (``ReportNumber/number(_:decimals:separators:)``).
    ///
    /// - Complexity: O(digits).
    public mutating func number(_ value: Double?, decimals: Int = 0, separators: Bool = true) {
        ReportNumber.append(value, decimals: decimals, separators: separators, to: &bytes)
    }

    /// Appends an SVG coordinate (``ReportNumber/coordinate(_:)``).
    ///
    /// - Complexity: O(digits).
    public mutating func coordinate(_ value: Double) {
        ReportNumber.appendCoordinate(value, to: &bytes)
    }

    /// Appends the decimal digits of an integer.
    ///
    /// - Complexity: O(digits).
    public mutating func integer(_ value: Int) {
        appendInteger(Int64(value), to: &bytes)
    }
}

/// HTML/XML text escaping. The output is valid both as HTML5 text and as XML (so inline SVG
/// fragments parse with an XML parser).
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'` for use in element content and quoted attribute values.
    /// Control characters other than tab, newline and carriage return are dropped, as are the
    /// non-characters U+FFFE and U+FFFF (all invalid in XML).
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func escape(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``escape(_:)`` of `text` to a byte buffer.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var clean = 0  // start of the run of bytes copied as they are
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                let replacement: StaticString?
                var skip = 1
                switch b {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 9, 10, 13:
                    i += 1
                    continue
                case 0..<0x20, 0x7F: replacement = ""
                case 0xEF where i + 2 < n && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                    replacement = ""  // U+FFFE, U+FFFF
                    skip = 3
                default:
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                replacement!.withUTF8Buffer { bytes.append(contentsOf: $0) }
                i += skip
                clean = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<n]))
        }
    }
}
