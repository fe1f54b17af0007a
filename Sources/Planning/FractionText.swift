/// Fractions as planners write them: `0.8` or `80%`. Used by the command line (`--target-sl 80%`,
/// `--shrinkage 30%`) and by scenario and batch files alike.
public enum FractionText {
    /// Why a fraction could not be parsed.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The fraction: `80%` → 0.8 (exactly as typed: the percentage is divided by 100 and
    /// rounded to 12 decimals, so `80%` is the double nearest 0.8), `0.8` → 0.8.
    ///
    /// - Throws: ``ParseError`` when the text is not a finite number with an optional `%`.
    /// - Complexity: O(length of `text`).
    public static func value(_ text: String) throws(ParseError) -> Double {
        let t = text.trimmingCharacters(in: " \t")
        if t.hasSuffix("%") {
            let number = String(t.dropLast()).trimmingCharacters(in: " \t")
            guard let p = Double(number), p.isFinite else { throw ParseError(description: "expected a fraction such as 0.8 or 80%, got '\(text)'") }
            return (p / 100 * 1e12).rounded() / 1e12
        }
        guard let x = Double(t), x.isFinite else { throw ParseError(description: "expected a fraction such as 0.8 or 80%, got '\(text)'") }
        return x
    }
}

extension String {
    /// The string without the given leading and trailing characters.
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
