/// A JSON value whose text is deterministic: object keys keep their insertion order and numbers
/// are printed in Swift's shortest round-trip form (non-finite numbers become `null`).
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    /// A number, or `null` when it is absent or not finite.
    public static func finite(_ value: Double?) -> JSONText {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// A string, or `null` when absent.
    public static func text(_ value: String?) -> JSONText {
        guard let value else { return .null }
        return .string(value)
    }

    public static func == (a: JSONText, b: JSONText) -> Bool { a.rendered() == b.rendered() }

    /// The JSON text, pretty-printed with two-space indentation when `pretty`.
    ///
    /// - Complexity: O(size of the value).
    public func rendered(pretty: Bool = true) -> String {
        var bytes: [UInt8] = []
        appendRendered(to: &bytes, pretty: pretty)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``rendered(pretty:)`` to a byte buffer.
    ///
    /// - Complexity: O(size of the value).
    public func appendRendered(to bytes: inout [UInt8], pretty: Bool = true) {
        write(into: &bytes, indent: pretty ? 0 : -1)
        if pretty { bytes.append(UInt8(ascii: "\n")) }
    }

    private func write(into out: inout [UInt8], indent: Int) {
        let pretty = indent >= 0
        @inline(__always) func newline() { if pretty { out.append(UInt8(ascii: "\n")) } }
        @inline(__always) func pad(_ levels: Int) {
            if pretty { for _ in 0..<levels { out.append(UInt8(ascii: " ")); out.append(UInt8(ascii: " ")) } }
        }
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .integer(let i): appendInteger(Int64(i), to: &out)
        case .number(let x):
            if x.isFinite { appendShortestNumber(x, to: &out) } else { out.append(contentsOf: "null".utf8) }
        case .string(let s): appendJSONQuoted(s, to: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            newline()
            for (k, item) in items.enumerated() {
                pad(indent + 1)
                item.write(into: &out, indent: pretty ? indent + 1 : -1)
                if k + 1 < items.count { out.append(UInt8(ascii: ",")) }
                newline()
            }
            pad(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            newline()
            for (k, (key, value)) in members.enumerated() {
                pad(indent + 1)
                appendJSONQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value.write(into: &out, indent: pretty ? indent + 1 : -1)
                if k + 1 < members.count { out.append(UInt8(ascii: ",")) }
                newline()
            }
            pad(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Shortest round-trip text of a finite double (``shortestNumber(_:)``); `null` otherwise.
    public static func format(_ x: Double) -> String {
        x.isFinite ? shortestNumber(x) : "null"
    }
}

/// A string as a JSON string literal: quotes, backslashes and control characters escaped.
/// The one JSON string writer of ccplan.
///
/// - Complexity: O(length of `s`).
public func jsonQuoted(_ s: String) -> String {
    var bytes: [UInt8] = []
    appendJSONQuoted(s, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends ``jsonQuoted(_:)`` of `s` to a byte buffer.
///
/// - Complexity: O(length of `s`).
public func appendJSONQuoted(_ s: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
        case UInt8(ascii: "\\"): bytes.append(b); bytes.append(b)
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
        case 0..<0x20:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: "\\u00".utf8)
            bytes.append(hex[Int(b >> 4)])
            bytes.append(hex[Int(b & 15)])
        default: bytes.append(b)
        }
    }
    bytes.append(UInt8(ascii: "\""))
}
