/// An axis scale with "nice" round tick values (1, 2, 2.5 or 5 × 10ⁿ steps).
public struct TickScale: Sendable, Equatable {
    /// Lower end of the axis (the first tick).
    public var lower: Double
    /// Upper end of the axis (the last tick).
    public var upper: Double
    /// Distance between ticks.
    public var step: Double
    /// Tick values from `lower` to `upper` inclusive.
    public var ticks: [Double]
    /// Decimals needed to print the ticks.
    public var decimals: Int { ReportNumber.decimals(forStep: step) }

    public init(lower: Double, upper: Double, step: Double, ticks: [Double]) {
        self.lower = lower
        self.upper = upper
        self.step = step
        self.ticks = ticks
    }
}

/// The "nice numbers" tick algorithm (Heckbert, Graphics Gems, 1990, "loose labelling"): the
/// range is rounded up to a nice number, divided into about `maxTicks − 1` steps, and the step
/// rounded to a nice number; the ticks are the multiples of the step that cover the data.
public enum NiceTicks {
    /// A nice number close to `x`: rounded to 1, 2, 2.5, 5 or 10 × 10ⁿ when `round`, otherwise
    /// the smallest such number ≥ x. Non-finite or non-positive `x` gives 1.
    ///
    /// - Complexity: O(|log₁₀ x|).
    public static func niceNumber(_ x: Double, round: Bool) -> Double {
        guard x.isFinite, x > 0 else { return 1 }
        let exponent = (log10Approx(x)).rounded(.down)
        let power = pow10(Int(exponent))
        let fraction = x / power
        let nice: Double
        if round {
            if fraction < 1.5 {
                nice = 1
            } else if fraction < 2.25 {
                nice = 2
            } else if fraction < 3.5 {
                nice = 2.5
            } else if fraction < 7 {
                nice = 5
            } else {
                nice = 10
            }
        } else {
            if fraction <= 1 {
                nice = 1
            } else if fraction <= 2 {
                nice = 2
            } else if fraction <= 2.5 {
                nice = 2.5
            } else if fraction <= 5 {
                nice = 5
            } else {
                nice = 10
            }
        }
        return nice * power
    }

    /// Nice ticks covering `minimum...maximum` with about `maxTicks` ticks (at least 2).
    /// Non-finite bounds are ignored; an empty or constant range is widened (a constant 0 gives
    /// 0...1, a constant v gives a range around v, or from 0 when `includeZero`).
    ///
    /// - Complexity: O(number of ticks).
    public static func scale(minimum: Double, maximum: Double, maxTicks: Int = 6, includeZero: Bool = false)
        -> TickScale
    {
        var lo = minimum.isFinite ? minimum : (maximum.isFinite ? maximum : 0)
        var hi = maximum.isFinite ? maximum : lo
        if lo > hi { swap(&lo, &hi) }
        // Keep the span finite so that steps never overflow.
        lo = min(max(lo, -1e300), 1e300)
        hi = min(max(hi, -1e300), 1e300)
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if hi - lo <= abs(hi) * 1e-12 || hi == lo {
            if lo == 0 {
                hi = 1
            } else if includeZero {
                if lo > 0 { lo = 0 } else { hi = 0 }
            } else {
                let pad = abs(lo) * 0.1
                lo -= pad
                hi += pad
            }
        }
        let count = max(2, maxTicks)
        let range = niceNumber(hi - lo, round: false)
        var step = niceNumber(range / Double(count - 1), round: true)
        var first = (lo / step).rounded(.down)
        var last = (hi / step).rounded(.up)
        // Keep the number of ticks bounded even for awkward ranges.
        while last - first + 1 > Double(count) + 2 {
            step = niceNumber(step * 1.5, round: false)
            first = (lo / step).rounded(.down)
            last = (hi / step).rounded(.up)
        }
        let decimals = ReportNumber.decimals(forStep: step)
        var ticks: [Double] = []
        var k = first
        while k <= last + 0.5 {
            ticks.append(clean(k * step, decimals: decimals))
            k += 1
        }
        return TickScale(lower: ticks.first ?? lo, upper: ticks.last ?? hi, step: step, ticks: ticks)
    }

    /// Removes floating-point noise such as 0.30000000000000004.
    private static func clean(_ value: Double, decimals: Int) -> Double {
        let p = pow10(decimals)
        let r = (value * p).rounded() / p
        return r == 0 ? 0 : r
    }

    /// 10ⁿ computed by repeated multiplication (exact for the exponents used here).
    ///
    /// - Complexity: O(|n|).
    public static func pow10(_ n: Int) -> Double {
        var result = 1.0
        if n >= 0 { for _ in 0..<n { result *= 10 } } else { for _ in 0..<(-n) { result /= 10 } }
        return result
    }

    /// ⌊log₁₀ x⌋ for positive finite x, exact on powers of ten.
    private static func log10Approx(_ x: Double) -> Double {
        var e = 0
        var v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return Double(e)
    }
}
