/// Durations as planners write them: a plain number of seconds, or a number with a unit suffix
/// `s`, `m`, `h`, `d` or `w` — `45`, `20s`, `2.5m`, `30m`, `1h`, `24h`, `7d`, `13w`. Used by the command line
/// and by scenario files alike.
public enum DurationText {
    /// Why a duration could not be parsed.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The duration in seconds (finite, ≥ 0).
    ///
    /// - Throws: ``ParseError`` saying what is wrong (negative, unknown unit, not a number).
    /// - Complexity: O(length of `text`).
    public static func seconds(_ text: String) throws(ParseError) -> Double {
        let trimmed = text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        let string = String(trimmed)
        guard !string.isEmpty else { throw ParseError(description: "expected a duration such as 20s, 2.5m, 1h") }
        if string.hasPrefix("-") { throw ParseError(description: "a duration cannot be negative") }
        var number = Substring(string)
        var unit = 1.0
        if let last = number.last, last.isLetter {
            switch last.lowercased() {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            case "w": unit = 7 * 86_400
            default: throw ParseError(description: "unknown unit '\(last)' in '\(text)' (use s, m, h, d or w)")
            }
            number = number.dropLast()
        }
        // Digits with at most one decimal point: no signs, exponents, hex, inf or nan.
        let digits = number.filter { ("0"..."9").contains($0) }.count
        let points = number.filter { $0 == "." }.count
        guard digits > 0, digits + points == number.count, points <= 1, let value = Double(number), value.isFinite
        else {
            throw ParseError(description: "'\(text)' is not a duration (expected e.g. 45, 20s, 2.5m, 30m, 1h, 24h)")
        }
        return value * unit
    }

    /// The shortest exact spelling of a duration: `30m`, `20s`, `1.5h`.
    public static func format(_ seconds: Double) -> String {
        for (unit, suffix) in [(86_400.0, "d"), (3600.0, "h"), (60.0, "m")] where seconds >= unit {
            let value = seconds / unit
            if (value * 100).rounded() == value * 100 { return "\(trim(value))\(suffix)" }
        }
        return "\(trim(seconds))s"
    }

    private static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
