import ArgumentParser

/// A duration on the command line: a plain number of seconds, or a number with a unit suffix
/// `s`, `m`, `h` or `d` — `45`, `20s`, `2.5m`, `30m`, `1h`, `24h`, `7d`.
///
/// Negative, non-finite and malformed values are rejected. Reusable by every subcommand:
///
/// ```swift
/// @Option(help: "Interval length.", transform: DurationArgument.parse)
/// var interval = DurationArgument(seconds: 1800)
/// ```
/// With `transform:` the error names the flag and says why; as a plain `ExpressibleByArgument`
/// ArgumentParser names the flag and the value.
struct DurationArgument: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    /// The duration in seconds (finite, ≥ 0).
    var seconds: Double

    /// A duration of `seconds` seconds.
    init(seconds: Double) {
        self.seconds = seconds
    }

    init?(argument: String) {
        guard let parsed = try? Self.parse(argument) else { return nil }
        self = parsed
    }

    /// Why a duration could not be parsed.
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `text`; throws a ``ParseError`` that says what is wrong.
    static func parse(_ text: String) throws -> DurationArgument {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw ParseError(description: "expected a duration such as 20s, 2.5m, 1h") }
        if trimmed.hasPrefix("-") { throw ParseError(description: "a duration cannot be negative") }
        var number = Substring(trimmed)
        var unit = 1.0
        if let last = number.last, last.isLetter {
            switch last.lowercased() {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86_400
            default:
                throw ParseError(description: "unknown unit '\(last)' in '\(text)' (use s, m, h or d)")
            }
            number = number.dropLast()
        }
        // Digits with at most one decimal point: no signs, exponents, hex, inf or nan.
        let digits = number.filter(\.isASCIIDigitCharacter).count
        let points = number.filter { $0 == "." }.count
        guard digits > 0, digits + points == number.count, points <= 1, let value = Double(number), value.isFinite
        else {
            throw ParseError(description: "'\(text)' is not a duration (expected e.g. 45, 20s, 2.5m, 30m, 1h, 24h)")
        }
        return DurationArgument(seconds: value * unit)
    }

    /// The shortest exact spelling: `30m`, `20s`, `1.5h`.
    var description: String {
        for (unit, suffix) in [(86_400.0, "d"), (3600.0, "h"), (60.0, "m")] where seconds >= unit {
            let value = seconds / unit
            if (value * 100).rounded() == value * 100 { return "\(Self.trim(value))\(suffix)" }
        }
        return "\(Self.trim(seconds))s"
    }

    var defaultValueDescription: String { description }

    private static func trim(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
