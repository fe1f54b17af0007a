/// A chart legend: a list of labels, each with a small inline SVG swatch.
public enum Legend {
    /// What a legend entry's swatch shows.
    public enum Swatch: Sendable, Equatable {
        /// A line in a CSS colour, dashed with an SVG dash pattern when given.
        case line(String, dash: String?)
        /// A filled box (bars).
        case box(String)
        /// A translucent band.
        case band(String, opacity: Double)
        /// A filled area with its top line.
        case area(String)
        /// The dashed vertical marker line.
        case marker
    }

    /// One entry.
    public struct Item: Sendable, Equatable {
        public var swatch: Swatch
        public var label: String

        public init(_ swatch: Swatch, _ label: String) {
            self.swatch = swatch
            self.label = label
        }
    }

    /// Appends `<ul class="legend">` with the entries.
    ///
    /// - Complexity: O(entries).
    public static func render(_ items: [Item], into h: inout HTMLBuffer) {
        h.raw("<ul class=\"legend\">")
        for item in items { append(item, into: &h) }
        h.raw("</ul>")
    }

    /// Appends one entry (`<li>` with its swatch and escaped label).
    ///
    /// - Complexity: O(length of the label).
    public static func append(_ item: Item, into h: inout HTMLBuffer) {
        h.raw("<li>")
        switch item.swatch {
        case let .line(colour, dash):
            h.raw(
                "<svg width=\"22\" height=\"10\" viewBox=\"0 0 22 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"21\" y2=\"5\" stroke=\""
            )
            h.raw(colour)
            h.raw("\" stroke-width=\"2.5\"")
            if let dash {
                h.raw(" stroke-dasharray=\"")
                h.text(dash)
                h.raw("\"")
            }
            h.raw("/></svg>")
        case let .box(colour):
            h.raw(
                "<svg width=\"14\" height=\"12\" viewBox=\"0 0 14 12\" aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"14\" height=\"12\" rx=\"2\" fill=\""
            )
            h.raw(colour)
            h.raw("\"/></svg>")
        case let .band(colour, opacity):
            h.raw(
                "<svg width=\"22\" height=\"12\" viewBox=\"0 0 22 12\" aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"22\" height=\"12\" fill=\""
            )
            h.raw(colour)
            h.raw("\" fill-opacity=\"")
            h.number(opacity, decimals: 2)
            h.raw("\"/></svg>")
        case let .area(colour):
            h.raw(
                "<svg width=\"16\" height=\"12\" viewBox=\"0 0 16 12\" aria-hidden=\"true\"><rect x=\"0\" y=\"2\" width=\"16\" height=\"10\" fill=\""
            )
            h.raw(colour)
            h.raw("\" fill-opacity=\"0.45\"/><line x1=\"0\" y1=\"2\" x2=\"16\" y2=\"2\" stroke=\"")
            h.raw(colour)
            h.raw("\" stroke-width=\"2\"/></svg>")
        case .marker:
            h.raw(
                "<svg width=\"10\" height=\"14\" viewBox=\"0 0 10 14\" aria-hidden=\"true\"><line x1=\"5\" y1=\"0\" x2=\"5\" y2=\"14\" stroke=\"#1d2733\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/></svg>"
            )
        }
        h.text(item.label)
        h.raw("</li>")
    }
}
