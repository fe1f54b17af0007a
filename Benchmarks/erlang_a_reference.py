"""Erlang A reference values at extreme sizes and patience, for Tests/QueueingTests.

Run: python3 Benchmarks/erlang_a_reference.py   (needs mpmath; about a minute)
It prints the Swift rows of `ErlangAExtremeTests.cases`.

Every row is computed from the double inputs the Swift code sees (λ = contacts/interval and
A = λ·AHT, θ = AHT/patience, τ = t/AHT, all in handle times: μ = 1) at 40+ significant digits:

1. Quadrature (all rows). The virtual wait V has an atom 1 − P(wait) at 0 and the density
   f_V(s) = πₙ·n·e^(g₀(s)), g_k(s) = −(n + kθ)s − (A/θ)·expm1(−θs), πₙ = E_B/(1 + (𝒜 − 1)E_B),
   𝒜 = n·∫₀^∞ e^(g₀). mpmath's tanh-sinh quadrature (mp.quad) integrates e^(g_k − max g_k) and its
   weights (1 − e^(−θs), s) in the original variable s, split at the mode and at multiples of
   the peak's width, with the working precision raised by the digits of max g_k (up to 10¹⁶
   for patience 10¹⁷ s in overload). E_B by the recursion 1/B_k = 1 + (k/A)/B_{k−1}.
   Then P(wait) = 𝒜/(𝒜 + S), S = (1 − E_B)/E_B; P(abandon) = P(wait)·K_ab/K₀;
   SL offered = P(no wait) + P(wait)·K₁(τ)/K₀; SL virtual likewise with K₀(τ);
   SL answered = SL offered / P(answered); ASA = P(wait)·K_s/K₀ / P(answered) (× AHT).
2. Birth–death chain (rows whose queue needs at most 400,000 states): the stationary law
   (birth λ, death min(k, n) + max(k − n, 0)θ) summed exactly at 40 digits gives P(wait) and
   P(abandon) = θ·E[queue]/λ; the script stops if they differ from (1) by more than 1e-25.

The production code shares nothing with this script: it integrates in double precision about
the mode with Gauss–Legendre panels placed at level sets (or sums incomplete-gamma series).
"""
import mpmath as mp

# (label, agents, contacts, interval s, AHT s, patience s, t s)
CASES = [
    ("issue: 9 agents, A = 10, patience 1e17 s", 9, 100, 1800, 180, 1e17, 20),
    ("issue: 50,000 agents, A = 55,000, patience 1e9 s", 50000, 9.9e6, 1800, 10, 1e9, 20),
    ("issue: patience 1e15 s, 9 agents", 9, 100, 1800, 180, 1e15, 20),
    ("patience 1e15 s, 14 agents: Erlang C", 14, 100, 1800, 180, 1e15, 20),
    ("patience 1e12 s, 12 agents", 12, 100, 1800, 180, 1e12, 20),
    ("patience 1e17 s, t = 1.05360516e16 s: answered about t", 9, 100, 1800, 180, 1e17, 1.05360516e16),
    ("critical n = A = 1000, patience 3e14 s", 1000, 6000, 1800, 300, 3e14, 30),
    ("10 agents, A = 1000, patience 1e10 s", 10, 6000, 1800, 300, 1e10, 20),
    ("2000 agents, A = 1999.5, patience 3e11 s", 2000, 11997, 1800, 300, 3e11, 20),
    ("one agent, A = 0.001, patience 1.8e14 s", 1, 0.01, 1800, 180, 1.8e14, 20),
    ("a million agents, A = 1.01 million, patience 1e6 s", 1000000, 6.06e6, 1800, 300, 1e6, 20),
    ("100 agents, A = 120, patience 1e-4 s", 100, 1200, 1800, 180, 1e-4, 20),
    ("100 agents, A = 120, patience 1e-299 s: Erlang B", 100, 1200, 1800, 180, 1e-299, 20),
    ("14 agents, A = 10, patience 1e295 s: Erlang C", 14, 100, 1800, 180, 1e295, 20),
    ("20,000 agents, A = 19,900, patience 1e7 s, t = 0", 20000, 119400, 1800, 300, 1e7, 0),
]


def erlang_b_inverse(n, a):
    inv = mp.mpf(1)
    for k in range(1, n + 1):
        inv = 1 + inv * k / a
    return inv


def by_quadrature(n, a, theta, tau):
    y = a / theta

    def g(s, k):
        return -(n + k * theta) * s - y * mp.expm1(-theta * s)

    def mode(k):
        r = a / (n + k * theta)
        return mp.log(r) / theta if r > 1 else mp.mpf(0)

    def integral(k, weight, upper):
        m = mode(k)
        top = g(m, k)
        curvature = a * theta * mp.exp(-theta * m)
        slope = abs(a * mp.exp(-theta * m) - (n + k * theta))
        width = 1 / mp.sqrt(curvature)
        if slope > 0:
            width = min(width, 1 / slope)
        points = {mp.mpf(0), m}
        for j in [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256]:
            points.add(m + j * width)
            if m - j * width > 0:
                points.add(m - j * width)
        points = sorted(points)
        points = [p for p in points if p < upper] + [upper] if upper is not None else points + [mp.inf]
        return mp.quad(lambda s: weight(s) * mp.exp(g(s, k) - top), points), top

    one = lambda s: mp.mpf(1)
    k0, top = integral(0, one, None)

    def relative(k, weight, upper):
        if upper is not None and upper == 0:
            return mp.mpf(0)
        value, peak = integral(k, weight, upper)
        return value * mp.exp(peak - top)

    k1 = relative(1, one, None)
    k_abandon = relative(0, lambda s: -mp.expm1(-theta * s), None)
    k_wait = relative(1, lambda s: s, None)
    k1_t = relative(1, one, tau)
    k0_t = relative(0, one, tau)
    below = erlang_b_inverse(int(n), a) - 1
    log_curly_a = mp.log(n) + top + mp.log(k0)
    if below == 0:
        p_wait, p_no_wait = mp.mpf(1), mp.mpf(0)
    else:
        p_wait = 1 / (1 + mp.exp(mp.log(below) - log_curly_a))
        p_no_wait = 1 / (1 + mp.exp(log_curly_a - mp.log(below)))
    served = p_no_wait + p_wait * k1 / k0
    offered = p_no_wait + p_wait * k1_t / k0
    return dict(p_wait=p_wait, p_abandon=p_wait * k_abandon / k0, sl_offered=offered,
                sl_answered=offered / served, sl_virtual=p_no_wait + p_wait * k0_t / k0,
                asa=p_wait * k_wait / k0 / served, log_peak=top)


def by_chain(n, a, theta, max_states=400_000):
    """P(wait) and P(abandon) from the stationary law of the birth–death chain, or None."""
    weights = [mp.mpf(1)]
    k = 0
    peak = mp.mpf(1)
    while True:
        death = min(k + 1, n) + max(k + 1 - n, 0) * theta
        weights.append(weights[-1] * a / death)
        k += 1
        peak = max(peak, weights[-1])
        if k > n + 10 and weights[-1] < peak * mp.mpf(10) ** -45:
            break
        if k > max_states:
            return None
    total = mp.fsum(weights)
    p_wait = mp.fsum(weights[n:]) / total
    queue = mp.fsum((j - n) * weights[j] for j in range(n, len(weights))) / total
    return p_wait, theta * queue / a


def swift_literal(v):
    """17 significant digits; 0 below Double's range (the value then underflows to 0)."""
    if abs(v) < mp.mpf("1e-320"):
        return "0"
    return mp.nstr(v, 17, min_fixed=-4, max_fixed=6).replace("e+", "e")


def main():
    print("    // (label, agents, contacts, interval, AHT, patience, t;")
    print("    //  P(wait), P(abandon), SL offered, SL answered, SL virtual, ASA seconds)")
    for label, n, contacts, interval, aht, patience, t in CASES:
        rate = contacts / interval            # what Workload(contacts:interval:averageHandleTime:) holds
        a_double = rate * aht
        theta_double = aht / patience
        a, theta, tau = mp.mpf(a_double), mp.mpf(theta_double), mp.mpf(t) / aht
        mp.mp.dps = 40
        first = by_quadrature(mp.mpf(n), a, theta, tau)
        mp.mp.dps = 40 + max(0, int(mp.log10(abs(first["log_peak"]) + 10)))
        r = by_quadrature(mp.mpf(n), a, theta, tau)
        chain = by_chain(n, a, theta) if theta > 1e-9 or a < n else None
        if chain is not None:
            assert abs(chain[0] - r["p_wait"]) < 1e-25 and abs(chain[1] - r["p_abandon"]) < 1e-25, (label, chain, r)
        values = [r["p_wait"], r["p_abandon"], r["sl_offered"], r["sl_answered"], r["sl_virtual"], r["asa"] * aht]
        text = ", ".join(swift_literal(v) for v in values)
        checked = "  // P(wait), P(abandon) chain-checked" if chain is not None else ""
        print(f'    ("{label}", {n}, {contacts!r}, {interval}, {aht}, {patience!r}, {t!r},{checked}'.replace("e+", "e"))
        print(f"     {text}),")


if __name__ == "__main__":
    main()
