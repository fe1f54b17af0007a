/// A CSV field: quoted (with doubled quotes) when it holds a comma, semicolon, quote or line
/// break, so that every reader splits it back into the same text.
///
/// - Complexity: O(length of `text`).
public func csvField(_ text: String) -> String {
    var bytes: [UInt8] = []
    appendCSVField(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends ``csvField(_:)`` of `text` to a byte buffer.
///
/// - Complexity: O(length of `text`).
public func appendCSVField(_ text: String, to bytes: inout [UInt8]) {
    var needsQuotes = false
    for b in text.utf8 where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n")
        || b == UInt8(ascii: "\r") || b == UInt8(ascii: ";") {
        needsQuotes = true
        break
    }
    guard needsQuotes else {
        bytes.append(contentsOf: text.utf8)
        return
    }
    bytes.append(UInt8(ascii: "\""))
    for b in text.utf8 {
        bytes.append(b)
        if b == UInt8(ascii: "\"") { bytes.append(b) }
    }
    bytes.append(UInt8(ascii: "\""))
}
