/// One problem in an input file, at a line and column: the one `file:line:column: message`
/// diagnostic of ccplan (history, forecasts, calendars, scenario and batch files, tolerances).
public struct FileIssue: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as it was named to the reader.
    public var file: String
    /// The 1-based line (0 when the problem is with the file as a whole).
    public var line: Int
    /// The 1-based column in characters (0 when unknown).
    public var column: Int
    /// What is wrong and what was expected.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// An issue with the file as a whole (it cannot be opened, it is empty).
    public init(file: String, message: String) {
        self.init(file: file, line: 0, column: 0, message: message)
    }

    /// `file:line:column: message`, `file:line: message` without a column, `file: message` for
    /// problems with the file as a whole. Control characters in the message are escaped, so that a
    /// hostile file cannot drive the terminal it is printed to.
    public var description: String {
        let text = TerminalText.escaped(message)
        if line <= 0 { return "\(file): \(text)" }
        if column <= 0 { return "\(file):\(line): \(text)" }
        return "\(file):\(line):\(column): \(text)"
    }

    public static func < (a: FileIssue, b: FileIssue) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// Text bound for a terminal or a log line.
public enum TerminalText {
    /// `text` with control characters (C0 but tab, DEL, C1) written as `\u{1B}`-style escapes, so
    /// that names from files (queue names, headers) cannot move the cursor, ring the bell or forge
    /// lines in a terminal or a log. `keepingLineBreaks` keeps line feeds, for messages made of
    /// several lines (each name in them is escaped where it is written).
    ///
    /// - Complexity: O(length of `text`).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        func escape(_ s: Unicode.Scalar) -> Bool { isControl(s) && !(keepingLineBreaks && s == "\n") }
        guard text.unicodeScalars.contains(where: escape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if escape(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    @inline(__always)
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s != "\t") || (s.value >= 0x7F && s.value < 0xA0)
    }
}
