import ArgumentParser
import ContactHistory
import Planning
import Queueing

/// `ccplan erlang`: size or evaluate one interval of one queue with Erlang C, A or B, chat
/// concurrency or deferred work. A thin layer: the request, its checks and the report are
/// `Planning.ErlangRequest` and `ErlangReport`; every number comes from `Queueing`.
struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Size one interval: agents needed for a service level (Erlang C, A, B, chat, email).",
        discussion: """
            Without --agents, prints the fewest agents meeting every target given at once \
            (service level, ASA, abandonment, occupancy cap); with --agents, evaluates that \
            staffing. --patience switches from Erlang C to Erlang A (abandonment); \
            --max-blocking sizes lines with Erlang B. When no target is given the default is \
            80% answered within 20 seconds. Durations: a number of seconds or a number with \
            s, m, h or d (20s, 2.5m, 30m, 1h).

            Examples:
              # 100 calls in 30 minutes, AHT 3 min, 80/20, occupancy cap, shrinkage:
              ccplan erlang --volume 100 --aht 3m --max-occupancy 0.85 --shrinkage 0.3
              # Erlang A: 12 agents, callers hang up after 2 minutes on average:
              ccplan erlang --volume 100 --aht 3m --patience 2m --agents 12 --format json
              # fractional agents for an ASA of 5 seconds:
              ccplan erlang --volume 900 --aht 200 --target-asa 5 --fractional
              # chat, two conversations per agent; email with a backlog; trunks:
              ccplan erlang --volume 300 --aht 6m --channel chat --concurrency 2
              ccplan erlang --volume 400 --aht 4m --channel email --backlog 150
              ccplan erlang --volume 100 --aht 3m --max-blocking 0.01

            JSON keys: model, traffic_erlangs, agents, scheduled_agents, service_level, \
            asa_seconds, mean_wait_seconds, p_wait, abandon_rate, occupancy, stable (then \
            details); unbounded or not-applicable values are null.
            """
    )

    enum ChannelArgument: String, ExpressibleByArgument, CaseIterable { case voice, chat, email }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Definition: String, ExpressibleByArgument, CaseIterable { case offered, answered, virtual }

    @Option(parsing: .unconditional, help: "Contacts offered in the interval (may be fractional).")
    var volume: Double

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Interval length (default: 30m).", valueName: "duration"),
        transform: DurationArgument.parse)
    var interval = DurationArgument(seconds: 1800)

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Average handle time (for chat: under concurrency).", valueName: "duration"),
        transform: DurationArgument.parse)
    var aht: DurationArgument

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Service-level threshold t (default: 20s).", valueName: "duration"),
        transform: DurationArgument.parse)
    var answerWithin: DurationArgument?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Service-level target, 0.8 or 80% (default: 80% when no other target is given).", valueName: "fraction"),
        transform: FractionArgument.parse)
    var targetSl: FractionArgument?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Maximum ASA (mean wait of answered contacts).", valueName: "duration"),
        transform: DurationArgument.parse)
    var targetAsa: DurationArgument?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Maximum abandonment rate, 0.05 or 5% (needs --patience).", valueName: "fraction"),
        transform: FractionArgument.parse)
    var maxAbandon: FractionArgument?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Mean patience: switches to Erlang A (abandonment).", valueName: "duration"),
        transform: DurationArgument.parse)
    var patience: DurationArgument?

    @Option(
        parsing: .unconditional, help: ArgumentHelp("Occupancy cap, in [1%, 100%].", valueName: "fraction"),
        transform: FractionArgument.parse)
    var maxOccupancy: FractionArgument?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Shrinkage, in [0, 99%]: scheduled = ⌈agents / (1 − shrinkage)⌉.", valueName: "fraction"),
        transform: FractionArgument.parse)
    var shrinkage = FractionArgument(value: 0)

    @Option(parsing: .unconditional, help: "Evaluate this many agents (lines with --max-blocking) instead of solving.")
    var agents: Int?

    @Flag(help: "Fractional agents (continuous Erlang C), e.g. 17.4 rather than 18.")
    var fractional = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Erlang B: size lines so that at most this fraction of contacts is blocked.", valueName: "fraction"),
        transform: FractionArgument.parse)
    var maxBlocking: FractionArgument?

    @Option(help: "voice, chat (with --concurrency) or email (deferred work).")
    var channel: ChannelArgument = .voice

    @Option(parsing: .unconditional, help: "Chat: conversations per agent at once (1 to 1000).")
    var concurrency: Double?

    @Option(parsing: .unconditional, help: "Email: items waiting at the start of the interval.")
    var backlog: Double?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Email: every item handled within this time (default: the interval).", valueName: "duration"),
        transform: DurationArgument.parse)
    var responseWithin: DurationArgument?

    @Option(help: "Service level over offered (abandons are misses), answered, or virtual wait.")
    var slDefinition: Definition = .offered

    @Option(help: "table, json or csv.")
    var format: Format = .table

    /// The flags as a request of the library (`Planning.ErlangRequest`).
    var request: ErlangRequest {
        var r = ErlangRequest(volume: volume, ahtSeconds: aht.seconds)
        r.intervalSeconds = interval.seconds
        r.answerWithin = answerWithin?.seconds
        r.targetServiceLevel = targetSl?.value
        r.targetASA = targetAsa?.seconds
        r.maxAbandon = maxAbandon?.value
        r.patience = patience?.seconds
        r.maxOccupancy = maxOccupancy?.value
        r.shrinkage = shrinkage.value
        r.agents = agents
        r.fractional = fractional
        r.maxBlocking = maxBlocking?.value
        r.channel = Channel(rawValue: channel.rawValue) ?? .voice
        r.concurrency = concurrency
        r.backlog = backlog
        r.responseWithin = responseWithin?.seconds
        r.serviceLevelDefinition = ServiceLevelDefinition(rawValue: slDefinition.rawValue) ?? .offered
        return r
    }

    func validate() throws {
        do { try request.validate() } catch { throw usageError(error.flag, error.message) }
    }

    func run() throws {
        let report: ErlangReport
        do { report = try request.report() } catch { throw fail(ExitStatus.usage, error.description) }
        switch format {
        case .json: print(report.json())
        case .csv: print(report.csv())
        case .table: print(report.table())
        }
    }
}
