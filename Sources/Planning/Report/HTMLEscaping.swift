import CCPlanBase
/// HTML/XML text escaping for the report. The output is valid both as HTML5 text and as XML
/// (so the inline SVG fragments parse with an XML parser).
enum HTMLReportEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'` for use in element content and quoted attribute values.
    /// Control characters other than tab, newline and carriage return are dropped (they are
    /// invalid in XML).
    ///
    /// - Complexity: O(n) in the length of `text`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value) {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
