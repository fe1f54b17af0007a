import Foundation

// The one number writer of ccplan: every number in a CSV, JSON or HTML output goes through these
// functions (as text, or appended to a byte buffer), so that one value is always written the same.

/// The shortest text that reads back as exactly `value`: integral values below 10¹⁵ without
/// ".0" (`42`, `-3`), others in Swift's shortest round-trip form (`0.1`, `1e-05`, `1e+20`); NaN as
/// an empty field; infinities as `inf` / `-inf` (callers that write JSON map them to `null`).
///
/// - Complexity: O(1).
public func shortestNumber(_ value: Double) -> String {
    if value.isNaN { return "" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return value.description
}

/// Appends ``shortestNumber(_:)`` of `value` to a byte buffer.
///
/// - Complexity: O(1) amortized.
@inlinable
public func appendShortestNumber(_ value: Double, to bytes: inout [UInt8]) {
    if value.isNaN { return }
    if value == value.rounded(), abs(value) < 1e15 {
        appendInteger(Int64(value), to: &bytes)
        return
    }
    bytes.append(contentsOf: value.description.utf8)
}

/// Appends the decimal digits of an integer.
///
/// - Complexity: O(digits).
@inlinable
public func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
    if value == 0 { bytes.append(UInt8(ascii: "0")); return }
    var magnitude = value.magnitude
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var digits:
        (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
        ) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
        while magnitude > 0 {
            buffer[count] = UInt8(48 + magnitude % 10)
            magnitude /= 10
            count += 1
        }
        for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
    }
}

/// A fixed-decimal rendering, as C's `printf("%.*f")` rounds (exact binary value, ties to even),
/// but never `-0`: `fixed(0.81234, 4)` → `0.8123`, `fixed(-0.0001, 2)` → `0.00`. Non-finite
/// values give an empty string.
///
/// - Complexity: O(digits).
public func fixed(_ x: Double, _ digits: Int) -> String {
    var bytes: [UInt8] = []
    appendFixed(x, digits, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends ``fixed(_:_:)`` of `x` to a byte buffer.
///
/// The fast path scales by 10^digits and rounds to an integer; where the scaled value is within
/// 1e-6 of a rounding tie (where the scaling's own rounding could decide) it asks `printf`, whose
/// rounding of the exact binary value is the reference.
///
/// - Complexity: O(digits).
public func appendFixed(_ x: Double, _ digits: Int, to bytes: inout [UInt8]) {
    guard x.isFinite else { return }
    let digits = max(0, min(digits, 17))
    let scale = exactPowerOfTen(digits)
    let scaled = abs(x) * scale
    if scaled < 9e15 {
        let floor = scaled.rounded(.down)
        let fraction = scaled - floor
        if abs(fraction - 0.5) > 1e-6 {
            let units = Int64(fraction > 0.5 ? floor + 1 : floor)
            if x < 0 && units > 0 { bytes.append(UInt8(ascii: "-")) }
            let divisor = Int64(scale)
            appendInteger(units / divisor, to: &bytes)
            if digits > 0 {
                bytes.append(UInt8(ascii: "."))
                appendFractionDigits(units % divisor, digits, to: &bytes)
            }
            return
        }
    }
    let s = String(format: "%.\(digits)f", x)
    let negativeZero = s.hasPrefix("-") && Double(s) == 0
    bytes.append(contentsOf: (negativeZero ? String(s.dropFirst()) : s).utf8)
}

/// Appends the `digits` decimal digits of `fraction` (0 ≤ fraction < 10^digits), with leading
/// zeros: the part after the decimal point of a number held as integer units of 10^−digits
/// (`appendFractionDigits(5, 3)` → `005`).
///
/// - Complexity: O(digits).
public func appendFractionDigits(_ fraction: Int64, _ digits: Int, to bytes: inout [UInt8]) {
    var place: Int64 = 1
    for _ in 1..<max(1, digits) { place *= 10 }
    var remainder = fraction
    for _ in 0..<max(0, digits) {
        bytes.append(UInt8(48 + remainder / place))
        remainder %= place
        place /= 10
    }
}
