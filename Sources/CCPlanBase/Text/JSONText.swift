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
        var out = ""
        write(into: &out, indent: pretty ? 0 : -1)
        if pretty { out += "\n" }
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pretty = indent >= 0
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let closePad = pretty ? String(repeating: "  ", count: indent) : ""
        let newline = pretty ? "\n" : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let x): out += JSONText.format(x)
        case .string(let s): JSONText.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (k, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: pretty ? indent + 1 : -1)
                out += (k + 1 < items.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (k, (key, value)) in members.enumerated() {
                out += pad
                JSONText.escape(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, indent: pretty ? indent + 1 : -1)
                out += (k + 1 < members.count ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    /// Shortest round-trip text of a finite double (``shortestNumber(_:)``); `null` otherwise.
    public static func format(_ x: Double) -> String {
        x.isFinite ? shortestNumber(x) : "null"
    }

    static func escape(_ s: String, into out: inout String) { out += jsonQuoted(s) }
}

/// A string as a JSON string literal: quotes, backslashes and control characters escaped.
/// The one JSON string writer of ccplan.
///
/// - Complexity: O(length of `s`).
public func jsonQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
