/// A CSV text cell: neutralised against formula injection, then quoted (with doubled quotes) when
/// it holds a comma, semicolon, quote or line break, so that every reader splits it back into the
/// same text. Numbers are written with ``shortestNumber(_:)`` or ``fixed(_:_:)``, never through here.
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
    let neutralise = CSVInjection.isDangerous(text)
    var needsQuotes = false
    for b in text.utf8
    where b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n")
        || b == UInt8(ascii: "\r") || b == UInt8(ascii: ";")
    {
        needsQuotes = true
        break
    }
    if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
    if neutralise { bytes.append(UInt8(ascii: "'")) }
    for b in text.utf8 {
        bytes.append(b)
        if needsQuotes, b == UInt8(ascii: "\"") { bytes.append(b) }
    }
    if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
}

/// CSV (formula) injection, after OWASP's guidance: a spreadsheet runs a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (`=HYPERLINK(…)` from a queue name
/// in a contact-centre export). ccplan writes such a text cell with one leading apostrophe, which
/// spreadsheets show as "text, not a formula" and hide; ccplan's readers remove it again, so a
/// name reads back as it was written. A name that already starts with apostrophes before such a
/// character gets one more, so the rule round-trips every text.
public enum CSVInjection {
    /// Whether `text`, after any leading apostrophes, starts with a character a spreadsheet would
    /// take for the start of a formula.
    ///
    /// - Complexity: O(number of leading apostrophes).
    public static func isDangerous(_ text: String) -> Bool {
        for b in text.utf8 {
            if b == UInt8(ascii: "'") { continue }
            return b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: "@") || b == 9 || b == 13
        }
        return false
    }

    /// A text cell as ccplan wrote it, with the neutralising apostrophe removed (names read from
    /// CSV files: queues, scenarios, groups).
    ///
    /// - Complexity: O(length of `text`).
    public static func restored(_ text: String) -> String {
        guard text.hasPrefix("'"), isDangerous(text) else { return text }
        return String(text.dropFirst())
    }
}
