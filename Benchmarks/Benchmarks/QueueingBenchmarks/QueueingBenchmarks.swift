// Queueing benchmarks: staffing requirement solves per second for Erlang C (A = 10, 833, 33,333)
// and Erlang A (A = 10, 833). `Benchmarks/compare-pyworkforce.sh` times pyworkforce on the same
// cases in the same run and prints the ratios.
//
// Cases (80 % answered within 20 s, offered definition):
//   A = 10:     100 contacts per 30 min, AHT 180 s
//   A = 833:    5,000 contacts per 30 min, AHT 300 s
//   A = 33,333: 200,000 contacts per 30 min, AHT 300 s
//   Erlang A:   the same with a mean patience of 120 s; and with patiences of 10⁶ to 10¹⁷ s
//               (issue 13), where Erlang A is evaluated by quadrature.
import Benchmark
import Queueing

let benchmarks: @Sendable () -> Void = {
    let timing = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds,
        warmupIterations: 10, scalingFactor: .one, maxDuration: .seconds(2), maxIterations: 20_000)
    let targets = StaffingTargets(answerWithin: 20, serviceLevel: 0.8)
    let cases: [(String, Workload)] = [
        ("A=10", Workload(contacts: 100, interval: 1800, averageHandleTime: 180)),
        ("A=833", Workload(contacts: 5000, interval: 1800, averageHandleTime: 300)),
        ("A=33333", Workload(contacts: 200_000, interval: 1800, averageHandleTime: 300)),
    ]
    for (name, workload) in cases {
        Benchmark("Erlang C requirement \(name)", configuration: timing) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Staffing.requiredAgents(workload: workload, model: .erlangC, targets: targets))
            }
        }
    }
    for (name, workload) in cases.prefix(2) {
        Benchmark("Erlang A requirement \(name)", configuration: timing) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(
                    try Staffing.requiredAgents(workload: workload, model: .erlangA(patience: 120), targets: targets))
            }
        }
    }
    let large = cases[1].1
    Benchmark("Erlang A evaluation A=833 n=848", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ErlangA.metrics(agents: 848, workload: large, patience: 120, answerWithin: 20))
        }
    }
    // Issue 13: near-infinite patience, where the series were replaced by quadrature (x > 10⁴).
    let overloaded = cases[0].1
    Benchmark("Erlang A evaluation A=10 n=9 patience 1e17", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ErlangA.metrics(agents: 9, workload: overloaded, patience: 1e17, answerWithin: 20))
        }
    }
    Benchmark("Erlang A evaluation A=833 n=848 patience 1e6", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(ErlangA.metrics(agents: 848, workload: large, patience: 1e6, answerWithin: 20))
        }
    }
    Benchmark("Erlang A requirement A=833 patience 1e15", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Staffing.requiredAgents(workload: large, model: .erlangA(patience: 1e15), targets: targets))
        }
    }
    Benchmark("Erlang C fractional A=833", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Staffing.fractionalAgents(workload: large, targets: targets))
        }
    }
}
