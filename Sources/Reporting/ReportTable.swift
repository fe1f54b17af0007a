/// Tables of a report: a scrolling wrapper, a header row, rows of cells. Numeric columns and
/// cells are right-aligned with tabular digits (class `num`).
public enum ReportTable {
    /// A column: its heading and whether it holds numbers.
    public struct Column: Sendable, Equatable {
        public var title: String
        public var numeric: Bool

        public init(_ title: String, numeric: Bool = false) {
            self.title = title
            self.numeric = numeric
        }
    }

    /// Appends the wrapper, the table, its header row and opens the body.
    ///
    /// - Complexity: O(columns).
    public static func begin(_ columns: [Column], into h: inout HTMLBuffer) {
        h.raw("<div class=\"tablewrap\"><table>\n<thead><tr>")
        for c in columns {
            h.raw(c.numeric ? "<th class=\"num\">" : "<th>")
            h.text(c.title)
            h.raw("</th>")
        }
        h.raw("</tr></thead>\n<tbody>\n")
    }

    /// Closes the body, the table and the wrapper of ``begin(_:into:)`` (no line break after).
    public static func end(into h: inout HTMLBuffer) { h.raw("</tbody>\n</table></div>") }

    /// Opens a row, with a CSS class when given (e.g. `group` for the first row of a group).
    public static func beginRow(class className: String = "", into h: inout HTMLBuffer) {
        open("tr", className, into: &h)
    }

    /// Closes a row (with a line break).
    public static func endRow(into h: inout HTMLBuffer) { h.raw("</tr>\n") }

    /// A text cell (escaped), with a CSS class when given.
    public static func cell(_ text: String, class className: String = "", into h: inout HTMLBuffer) {
        cell(class: className, into: &h) { $0.text(text) }
    }

    /// A numeric cell: ``ReportNumber/number(_:decimals:separators:)`` of `value`.
    public static func numberCell(_ value: Double?, decimals: Int = 0, into h: inout HTMLBuffer) {
        h.raw("<td class=\"num\">")
        h.number(value, decimals: decimals)
        h.raw("</td>")
    }

    /// A cell whose content `content` writes (markup and escaped text), with a CSS class when given.
    public static func cell(
        class className: String = "", into h: inout HTMLBuffer, _ content: (inout HTMLBuffer) -> Void
    ) {
        open("td", className, into: &h)
        content(&h)
        h.raw("</td>")
    }

    /// `<tag>`, or `<tag class="…">` when `className` is not empty.
    private static func open(_ tag: StaticString, _ className: String, into h: inout HTMLBuffer) {
        h.raw("<")
        h.raw(tag)
        if !className.isEmpty {
            h.raw(" class=\"")
            h.text(className)
            h.raw("\"")
        }
        h.raw(">")
    }
}
