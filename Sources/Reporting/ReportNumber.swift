import CCPlanBase

/// Deterministic, locale-independent number formatting for reports: thousands separators are
/// ",", the decimal mark is ".", negative numbers use "−" (U+2212), and absent or non-finite
/// values are shown as an en dash ("–").
///
/// Rounding is half away from zero on the value scaled by 10^decimals (`(|x| · 10^d).rounded()`),
/// which is what reports have always shown; the plan's CSV files use ``CCPlanBase/fixed(_:_:)``
/// (printf's rounding of the exact binary value) instead, and the two may differ on a tie such
/// as 12.25 to one decimal (report 12.3, CSV 12.2).
public enum ReportNumber {
    /// Shown for absent or non-finite values.
    public static let missing = "–"

    /// `value` rounded to `decimals` places (0–6) with thousands separators, e.g. 12345.678 →
    /// "12,345.7", −1234.5 → "−1,235", −0.04 → "0.0"; magnitudes of 9 × 10¹⁵ units and more in
    /// scientific notation ("1.00e300").
    ///
    /// - Complexity: O(number of digits).
    public static func number(_ value: Double?, decimals: Int = 0, separators: Bool = true) -> String {
        var bytes: [UInt8] = []
        append(value, decimals: decimals, separators: separators, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``number(_:decimals:separators:)`` to a byte buffer.
    ///
    /// - Complexity: O(number of digits).
    public static func append(_ value: Double?, decimals: Int = 0, separators: Bool = true, to bytes: inout [UInt8]) {
        guard let value, value.isFinite else {
            bytes.append(contentsOf: missingBytes)
            return
        }
        let decimals = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else {
            // Too large for exact integer arithmetic: scientific notation.
            appendScientific(value, to: &bytes)
            return
        }
        let units = UInt64(scaled)
        if value < 0 && units > 0 { bytes.append(contentsOf: minusBytes) }
        var divisor: UInt64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        let integer = units / divisor
        if separators && integer >= 1000 {
            appendGrouped(integer, to: &bytes)
        } else {
            appendInteger(Int64(integer), to: &bytes)
        }
        if decimals > 0 {
            bytes.append(UInt8(ascii: "."))
            appendFractionDigits(Int64(units % divisor), decimals, to: &bytes)
        }
    }

    /// A fraction as a percentage, e.g. 0.8234 → "82.3%".
    ///
    /// - Complexity: O(number of digits).
    public static func percent(fraction value: Double?, decimals: Int = 1) -> String {
        var bytes: [UInt8] = []
        appendPercent(fraction: value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``percent(fraction:decimals:)`` to a byte buffer.
    public static func appendPercent(fraction value: Double?, decimals: Int = 1, to bytes: inout [UInt8]) {
        guard let value, value.isFinite else {
            bytes.append(contentsOf: missingBytes)
            return
        }
        append(value * 100, decimals: decimals, to: &bytes)
        bytes.append(UInt8(ascii: "%"))
    }

    /// A signed percentage, e.g. 4.25 → "+4.3%", −2 → "−2.0%", 0.01 → "±0.0%".
    ///
    /// - Complexity: O(number of digits).
    public static func signedPercent(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return missing }
        let text = number(value, decimals: decimals)
        if text.hasPrefix("−") { return text + "%" }
        let isZero = !text.utf8.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
        return (isZero ? "±" : "+") + text + "%"
    }

    /// A count or volume with sensible precision: no decimals from 100, one below 100, two below 1.
    ///
    /// - Complexity: O(number of digits).
    public static func auto(_ value: Double?) -> String {
        var bytes: [UInt8] = []
        appendAuto(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``auto(_:)`` to a byte buffer.
    public static func appendAuto(_ value: Double?, to bytes: inout [UInt8]) {
        append(value, decimals: autoDecimals(value), to: &bytes)
    }

    /// The decimals ``auto(_:)`` shows `value` with.
    static func autoDecimals(_ value: Double?) -> Int {
        guard let value, value.isFinite else { return 0 }
        let magnitude = abs(value)
        if magnitude >= 100 || magnitude == 0 { return 0 }
        return magnitude >= 1 ? 1 : 2
    }

    /// An SVG coordinate with at most one decimal and no separators, e.g. 12.345 → "12.3",
    /// 4.0 → "4", −0.26 → "-0.3" (ASCII minus: this is SVG, not prose); non-finite → "0".
    ///
    /// - Complexity: O(number of digits).
    public static func coordinate(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendCoordinate(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``coordinate(_:)`` to a byte buffer.
    @inlinable
    public static func appendCoordinate(_ value: Double, to bytes: inout [UInt8]) {
        let tenths = value.isFinite ? (value * 10).rounded() : 0
        guard abs(tenths) < 9.0e15 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        let t = Int64(tenths)
        if t < 0 { bytes.append(UInt8(ascii: "-")) }
        let m = t.magnitude
        appendInteger(Int64(m / 10), to: &bytes)
        if m % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(48 + m % 10))
        }
    }

    /// Decimals needed to print multiples of `step` exactly (0 for steps ≥ 1, at most 6).
    ///
    /// - Complexity: O(1).
    public static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var d = 0
        var s = step
        while d < 6 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) {
            s *= 10
            d += 1
        }
        return d
    }

    // MARK: Pieces

    static let missingBytes = Array("–".utf8)
    static let minusBytes = Array("−".utf8)

    /// Digits with a "," every three from the right.
    private static func appendGrouped(_ value: UInt64, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var v = value
        while v > 0 {
            digits.append(UInt8(48 + v % 10))
            v /= 10
        }
        for i in stride(from: digits.count - 1, through: 0, by: -1) {
            bytes.append(digits[i])
            if i > 0 && i % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
        }
    }

    private static func appendScientific(_ value: Double, to bytes: inout [UInt8]) {
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        if value < 0 { bytes.append(contentsOf: minusBytes) }
        append(mantissa, decimals: 2, separators: false, to: &bytes)
        bytes.append(UInt8(ascii: "e"))
        appendInteger(Int64(exponent), to: &bytes)
    }
}
