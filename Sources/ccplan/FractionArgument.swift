import ArgumentParser
import CCPlanBase
import Planning

/// A fraction on the command line: `0.8` or `80%` (the parsing is shared with scenario files:
/// `FractionText` in CCPlanBase).
///
/// ```swift
/// @Option(help: "Service-level target.", transform: FractionArgument.parse)
/// var targetSl: FractionArgument?
/// ```
struct FractionArgument: Sendable, Hashable {
    /// The value (finite; its range is checked where it is used).
    var value: Double

    /// Parses `text`; the error says what is expected.
    static func parse(_ text: String) throws -> FractionArgument {
        do { return FractionArgument(value: try FractionText.value(text)) } catch {
            throw DurationArgument.ParseError(description: error.description)
        }
    }
}
