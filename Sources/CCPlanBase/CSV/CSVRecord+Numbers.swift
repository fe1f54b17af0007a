#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed number field.
public enum ParsedNumber: Equatable, Sendable {
    case value(Double)
    case empty
    case invalid
    case nonFinite
}

extension CSVRecord {
    /// Parses a decimal number: `123`, `-4.5`, `1e3`, and with `decimalComma`, `4,5`.
    ///
    /// A duration `[h:]mm:ss` is accepted when `allowDuration` is set (handle-time columns).
    /// Exact for up to 15 significant digits on the fast path (one correctly rounded division);
    /// longer or exponent forms go through `strtod`.
    ///
    /// - Complexity: O(*n*) in the field's length.
    @inlinable
    public func number(_ index: Int, decimalComma: Bool, allowDuration: Bool = false) -> ParsedNumber {
        let (s, e) = trimmed(index)
        if s == e { return .empty }
        var i = s
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if bytes[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0
        var seenPoint = false
        while i < e {
            let b = bytes[i]
            if b >= 48, b <= 57 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(b - 48)
                } else {
                    return slowNumber(s, e, decimalComma)
                }
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if !seenPoint, b == UInt8(ascii: ".") || (decimalComma && b == UInt8(ascii: ",")) {
                seenPoint = true
            } else if b == UInt8(ascii: ":"), allowDuration {
                return duration(s, e)
            } else {
                return slowNumber(s, e, decimalComma)
            }
            i += 1
        }
        if digits == 0 { return .invalid }
        if mantissa < (1 << 53), fractionDigits <= 22 {
            var value = Double(mantissa)
            if fractionDigits > 0 { value /= exactPowerOfTen(fractionDigits) }
            return .value(negative ? -value : value)
        }
        return slowNumber(s, e, decimalComma)
    }

    /// `strtod` on a NUL-terminated copy, for exponents, long mantissas, `nan` and `inf`.
    @usableFromInline
    func slowNumber(_ s: Int, _ e: Int, _ decimalComma: Bool) -> ParsedNumber {
        guard e - s < 64 else { return .invalid }
        var text = [CChar](repeating: 0, count: e - s + 1)
        for k in s..<e {
            let b = bytes[k]
            // Only plain number characters: strtod would also accept hex, "infinity" and spaces.
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                text[k - s] = CChar(bitPattern: b)
            case UInt8(ascii: ","):
                guard decimalComma else { return .invalid }
                text[k - s] = CChar(bitPattern: UInt8(ascii: "."))
            default:
                let lower = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self).lowercased()
                let bare = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
                return ["nan", "inf", "infinity"].contains(bare) ? .nonFinite : .invalid
            }
        }
        var endPointer: UnsafeMutablePointer<CChar>?
        let value = text.withUnsafeMutableBufferPointer { buffer -> Double? in
            let v = strtod(buffer.baseAddress!, &endPointer)
            return endPointer == buffer.baseAddress! + (e - s) ? v : nil
        }
        guard let value else { return .invalid }
        return value.isFinite ? .value(value) : .nonFinite
    }

    /// `[h:]mm:ss` as seconds.
    @usableFromInline
    func duration(_ s: Int, _ e: Int) -> ParsedNumber {
        var parts: [Int] = [0]
        var i = s
        while i < e {
            let b = bytes[i]
            if b == UInt8(ascii: ":") {
                parts.append(0)
            } else if b >= 48, b <= 57, parts[parts.count - 1] < 1_000_000_000 {
                parts[parts.count - 1] = parts[parts.count - 1] * 10 + Int(b - 48)
            } else {
                return .invalid
            }
            i += 1
        }
        guard parts.count <= 3, parts.dropFirst().allSatisfy({ $0 < 60 }) else { return .invalid }
        return .value(Double(parts.reduce(0) { $0 * 60 + $1 }))
    }
}

/// 10ᵏ for k in 0…22, all exactly representable as Double.
@inlinable @inline(__always)
func exactPowerOfTen(_ k: Int) -> Double {
    var p = 1.0
    for _ in 0..<k { p *= 10 }
    return p
}
