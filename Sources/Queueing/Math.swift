#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

// Elementary functions of the C library, named once so that the rest of the module reads as
// mathematics. Only `exp`, `log`, `expm1`, `log1p`, `lgamma`, `tgamma`, `erfc` and `sqrt` are used.

@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _expm1(_ x: Double) -> Double { expm1(x) }
@inline(__always) func _log1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) func _tgamma(_ x: Double) -> Double { tgamma(x) }
@inline(__always) func _erfc(_ x: Double) -> Double { erfc(x) }

/// log Γ(x) for x > 0.
@inline(__always) func _lgamma(_ x: Double) -> Double {
    #if canImport(Darwin)
    return lgamma(x)
    #else
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
    #endif
}

/// ln √(2π).
let lnSqrt2Pi = 0.918_938_533_204_672_741_780_329_736_4

/// Stirling's error, `log Γ(x + 1) − (x + ½)·log x + x − log √(2π)`, to full relative precision.
///
/// Catherine Loader's series (the one R's `dpois` uses) for x > 15, the definition below.
func stirlingError(_ x: Double) -> Double {
    let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
    if x <= 15 {
        return _lgamma(x + 1) - (x + 0.5) * _log(x) + x - lnSqrt2Pi
    }
    let xx = x * x
    if x > 500 { return (s0 - s1 / xx) / x }
    if x > 80 { return (s0 - (s1 - s2 / xx) / xx) / x }
    if x > 35 { return (s0 - (s1 - (s2 - s3 / xx) / xx) / xx) / x }
    return (s0 - (s1 - (s2 - (s3 - s4 / xx) / xx) / xx) / xx) / x
}

/// The deviance term `x·log(x/m) + m − x` ≥ 0, without cancellation when x ≈ m (Loader).
func devianceTerm(_ x: Double, _ m: Double) -> Double {
    if abs(x - m) < 0.1 * (x + m) {
        var v = (x - m) / (x + m)
        var s = (x - m) * v
        var ej = 2 * x * v
        v *= v
        var j = 1.0
        while j < 1000 {
            ej *= v
            let next = s + ej / (2 * j + 1)
            if next == s { return next }
            s = next
            j += 1
        }
        return s
    }
    return x * _log(x / m) + m - x
}

/// log of the Poisson "density" `mˣ·e^(−m) / Γ(x + 1)` for real x ≥ 0 and m > 0, to full
/// relative precision even for x and m in the millions (Loader's saddle-point form).
func logPoissonTerm(_ x: Double, _ m: Double) -> Double {
    if x == 0 { return -m }
    return -stirlingError(x) - devianceTerm(x, m) - 0.5 * _log(2 * Double.pi * x)
}

/// The digamma function ψ(x) for x > 0 (recurrence up to x ≥ 10, then the asymptotic series).
func digamma(_ x: Double) -> Double {
    var x = x
    var result = 0.0
    while x < 10 {
        result -= 1 / x
        x += 1
    }
    let inv2 = 1 / (x * x)
    let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))))
    return result + _log(x) - 0.5 / x - series
}

/// The standard normal upper tail Q(z) = P(Z > z).
@inline(__always) func normalUpperTail(_ z: Double) -> Double {
    0.5 * _erfc(z / 2.0.squareRoot())
}

/// ψ(u) = (e^(−u) − 1 + u)/u, the relative remainder of e^(−u) after its linear Taylor part,
/// for every real u (ψ(0) = 0; ψ(u) ~ u/2 near 0, ~ 1 − 1/u for large u, ≤ 0 for u < 0).
///
/// The Maclaurin series `Σ_{k≥1} (−1)^(k+1)·uᵏ/(k+1)!` for |u| < 0.1, where the direct form
/// would cancel; `(expm1(−u) + u)/u` elsewhere (at most 20 ulps of cancellation there).
func expRemainderRatio(_ u: Double) -> Double {
    if abs(u) < 0.1 {
        // u/2 − u²/6 + u³/24 − …: |term k| ≤ 0.1^k/(k+1)!, below 1e-17 of the sum by k = 10.
        var term = 0.5 * u, sum = term, k = 2.0
        while k < 20 {
            term *= -u / (k + 1)
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
            k += 1
        }
        return sum
    }
    return (_expm1(-u) + u) / u
}
