/// Fractions as planners write them: a decimal number (`0.8`, `.25`, `1e-3`) or a percentage
/// (`80%`, `12.5%`). Used by the command line (`--target-sl 80%`, `--shrinkage 30%`), scenario
/// files, batch configs and the capacity, schedule and monitor files alike, so that `80%` means
/// the same everywhere.
///
/// A percentage is divided by 100 and rounded to 12 decimals, so that it reads as typed: `12.3%`
/// is the double nearest to 0.123 (12.3 ÷ 100 in binary is one unit in the last place away from
/// it). A decimal is read as it is. Domain checks (a fraction in (0, 1), a tolerance up to 150 %)
/// are the caller's, made on the value as read (`1e-300%` reads as 0).
public enum FractionText {
    /// Why a fraction could not be parsed.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The fraction written in `text` (surrounding spaces and tabs ignored).
    ///
    /// - Throws: ``ParseError`` for anything but a finite decimal number (``DecimalText``: no
    ///   hexadecimal, `inf`, `nan` or thousands separators), optionally followed by `%`.
    /// - Complexity: O(length of `text`).
    public static func value(_ text: String) throws(ParseError) -> Double {
        var body = text.trimmingSpaces
        let percent = body.hasSuffix("%")
        if percent { body = String(body.dropLast()).trimmingSpaces }
        guard let number = DecimalText.value(body) else {
            throw ParseError(description: "expected a fraction such as 0.8 or 80%, got '\(text)'")
        }
        guard percent else { return number }
        let rounded = (number / 100 * 1e12).rounded() / 1e12
        return rounded.isFinite ? rounded : number / 100
    }
}

/// Decimal numbers as people write them in config files: an optional sign, digits with at most
/// one decimal point, an optional exponent (`-1.5`, `.25`, `3e-4`). Unlike `Double(_:)` it
/// refuses hexadecimal floats, `inf`, `nan` and anything that overflows to infinity.
public enum DecimalText {
    /// The value of `text`, or nil when it is not a finite decimal number.
    ///
    /// - Complexity: O(length of `text`).
    public static func value<S: StringProtocol>(_ text: S) -> Double? {
        let bytes = Array(text.utf8)
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < bytes.count, isDigit(bytes[i]) { i += 1; digits += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, isDigit(bytes[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < bytes.count, isDigit(bytes[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == bytes.count, let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
