import CCPlanBase
/// Deterministic, locale-independent number formatting for the report (no Foundation):
/// thousands separators are ",", the decimal mark is ".", negative numbers use "−" (U+2212),
/// and absent or non-finite values are shown as an en dash.
enum HTMLReportFormat {
    /// Shown for absent or non-finite values.
    static let missing = "–"

    /// `value` rounded to `decimals` places with thousands separators, e.g. 12345.678 → "12,345.7".
    ///
    /// - Complexity: O(number of digits).
    static func number(_ value: Double?, decimals: Int = 0, separators: Bool = true) -> String {
        guard let value, value.isFinite else { return missing }
        let decimals = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e15 else {
            // Too large for exact integer arithmetic: show in scientific notation.
            return scientific(value)
        }
        var units = UInt64(scaled)
        let negative = value < 0 && units > 0
        var fraction = ""
        if decimals > 0 {
            var digits: [Character] = []
            for _ in 0..<decimals {
                digits.append(Character(String(units % 10)))
                units /= 10
            }
            fraction = "." + String(digits.reversed())
        }
        let integer = String(units)
        var grouped = ""
        if separators {
            for (i, ch) in integer.enumerated() {
                if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
        } else {
            grouped = integer
        }
        return (negative ? "−" : "") + grouped + fraction
    }

    /// A fraction as a percentage with one decimal, e.g. 0.8234 → "82.3%".
    static func percent(fraction value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return missing }
        return number(value * 100, decimals: decimals) + "%"
    }

    /// A signed percentage, e.g. 4.25 → "+4.3%", −2 → "−2.0%", 0 → "±0.0%".
    static func signedPercent(_ value: Double?, decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return missing }
        let text = number(value, decimals: decimals)
        if text.hasPrefix("−") { return text + "%" }
        let isZero = !text.contains(where: { $0 >= "1" && $0 <= "9" })
        return (isZero ? "±" : "+") + text + "%"
    }

    /// A count or volume with sensible precision: no decimals from 100, one below 100, two below 1.
    static func auto(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let magnitude = abs(value)
        if magnitude >= 100 || magnitude == 0 { return number(value, decimals: 0) }
        if magnitude >= 1 { return number(value, decimals: 1) }
        return number(value, decimals: 2)
    }

    /// An SVG coordinate with at most one decimal and no separators, e.g. 12.345 → "12.3", 4.0 → "4".
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = (value * 10).rounded()
        guard abs(tenths) < 9.0e15 else { return "0" }
        let t = Int64(tenths)
        let sign = t < 0 ? "-" : ""
        let m = t.magnitude
        return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10).\(m % 10)"
    }

    /// Decimals needed to print multiples of `step` exactly (0 for steps ≥ 1).
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        var d = 0
        var s = step
        while d < 6 && abs(s - s.rounded()) > 1e-9 * max(1, abs(s)) {
            s *= 10
            d += 1
        }
        return d
    }

    private static func scientific(_ value: Double) -> String {
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        return (value < 0 ? "−" : "") + number(mantissa, decimals: 2, separators: false) + "e" + String(exponent)
    }
}
