import ArgumentParser
import CCPlanBase
import Planning

/// A duration on the command line: a plain number of seconds, or a number with a unit suffix
/// `s`, `m`, `h`, `d` or `w` — `45`, `20s`, `2.5m`, `30m`, `1h`, `24h`, `7d`, `13w`.
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

    /// Parses `text` (the parsing is shared with scenario files: `DurationText` in CCPlanBase);
    /// throws a ``ParseError`` that says what is wrong.
    static func parse(_ text: String) throws -> DurationArgument {
        do { return DurationArgument(seconds: try DurationText.seconds(text)) } catch {
            throw ParseError(description: error.description)
        }
    }

    /// The shortest exact spelling: `30m`, `20s`, `1.5h`.
    var description: String { DurationText.format(seconds) }

    var defaultValueDescription: String { description }
}
