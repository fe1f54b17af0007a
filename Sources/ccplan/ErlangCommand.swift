import CCPlanBase
import ArgumentParser
import ContactHistory
import Foundation
import Queueing

/// `ccplan erlang`: size or evaluate one interval of one queue with Erlang C, A or B, chat
/// concurrency or deferred work. A thin layer: every number comes from the `Queueing` module.
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

    enum Channel: String, ExpressibleByArgument, CaseIterable { case voice, chat, email }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
    enum Definition: String, ExpressibleByArgument, CaseIterable { case offered, answered, virtual }

    @Option(parsing: .unconditional, help: "Contacts offered in the interval (may be fractional).")
    var volume: Double

    @Option(parsing: .unconditional, help: ArgumentHelp("Interval length (default: 30m).", valueName: "duration"), transform: DurationArgument.parse)
    var interval = DurationArgument(seconds: 1800)

    @Option(parsing: .unconditional, help: ArgumentHelp("Average handle time (for chat: under concurrency).", valueName: "duration"), transform: DurationArgument.parse)
    var aht: DurationArgument

    @Option(parsing: .unconditional, help: ArgumentHelp("Service-level threshold t (default: 20s).", valueName: "duration"), transform: DurationArgument.parse)
    var answerWithin: DurationArgument?

    @Option(parsing: .unconditional, help: "Service-level target, a fraction (default: 0.8 when no other target is given).")
    var targetSl: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Maximum ASA (mean wait of answered contacts).", valueName: "duration"), transform: DurationArgument.parse)
    var targetAsa: DurationArgument?

    @Option(parsing: .unconditional, help: "Maximum abandonment rate, a fraction (needs --patience).")
    var maxAbandon: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Mean patience: switches to Erlang A (abandonment).", valueName: "duration"), transform: DurationArgument.parse)
    var patience: DurationArgument?

    @Option(parsing: .unconditional, help: "Occupancy cap, a fraction in (0, 1].")
    var maxOccupancy: Double?

    @Option(parsing: .unconditional, help: "Shrinkage, a fraction in [0, 1): scheduled = ⌈agents / (1 − shrinkage)⌉.")
    var shrinkage: Double = 0

    @Option(parsing: .unconditional, help: "Evaluate this many agents (lines with --max-blocking) instead of solving.")
    var agents: Int?

    @Flag(help: "Fractional agents (continuous Erlang C), e.g. 17.4 rather than 18.")
    var fractional = false

    @Option(parsing: .unconditional, help: "Erlang B: size lines so that at most this fraction of contacts is blocked.")
    var maxBlocking: Double?

    @Option(help: "voice, chat (with --concurrency) or email (deferred work).")
    var channel: Channel = .voice

    @Option(parsing: .unconditional, help: "Chat: conversations per agent at once (≥ 1).")
    var concurrency: Double?

    @Option(parsing: .unconditional, help: "Email: items waiting at the start of the interval.")
    var backlog: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Email: every item handled within this time (default: the interval).", valueName: "duration"), transform: DurationArgument.parse)
    var responseWithin: DurationArgument?

    @Option(help: "Service level over offered (abandons are misses), answered, or virtual wait.")
    var slDefinition: Definition = .offered

    @Option(help: "table, json or csv.")
    var format: Format = .table

    func validate() throws {
        try requireFinite(volume, "--volume", "must be a number ≥ 0", { $0 >= 0 })
        guard interval.seconds > 0 else { throw usageError("--interval", "must be longer than 0") }
        guard aht.seconds > 0 else { throw usageError("--aht", "must be longer than 0") }
        try requireFinite(shrinkage, "--shrinkage", "must be in [0, 1)", { $0 >= 0 && $0 < 1 })
        if let targetSl { try requireFinite(targetSl, "--target-sl", "must be in [0, 1]", { $0 >= 0 && $0 <= 1 }) }
        if let maxAbandon { try requireFinite(maxAbandon, "--max-abandon", "must be in [0, 1]", { $0 >= 0 && $0 <= 1 }) }
        if let maxOccupancy {
            try requireFinite(maxOccupancy, "--max-occupancy", "must be in (0, 1]", { $0 > 0 && $0 <= 1 })
        }
        if let maxBlocking {
            try requireFinite(maxBlocking, "--max-blocking", "must be in (0, 1)", { $0 > 0 && $0 < 1 })
        }
        if let patience, patience.seconds <= 0 { throw usageError("--patience", "must be longer than 0") }
        if let agents, agents < 0 || agents > 100_000_000 { throw usageError("--agents", "must be between 0 and 100,000,000") }
        if let concurrency {
            guard channel == .chat else { throw usageError("--concurrency", "applies to --channel chat only") }
            try requireFinite(concurrency, "--concurrency", "must be a number ≥ 1", { $0 >= 1 && $0 <= 1000 })
        }
        if let backlog {
            guard channel == .email else { throw usageError("--backlog", "applies to --channel email only") }
            try requireFinite(backlog, "--backlog", "must be a number ≥ 0", { $0 >= 0 })
        }
        if let responseWithin {
            guard channel == .email else { throw usageError("--response-within", "applies to --channel email only") }
            guard responseWithin.seconds > 0 else { throw usageError("--response-within", "must be longer than 0") }
        }
        if maxAbandon != nil && patience == nil && channel != .email {
            throw usageError("--max-abandon", "needs --patience (Erlang C has no abandonment)")
        }
        if fractional {
            if patience != nil { throw usageError("--fractional", "is continuous Erlang C; it cannot be used with --patience") }
            if agents != nil { throw usageError("--fractional", "solves a requirement; it cannot be used with --agents") }
            if maxBlocking != nil { throw usageError("--fractional", "cannot be used with --max-blocking") }
        }
        if maxBlocking != nil {
            if channel != .voice { throw usageError("--max-blocking", "applies to --channel voice only") }
            if patience != nil { throw usageError("--max-blocking", "Erlang B has no queue: drop --patience") }
        }
        if channel == .email {
            for (flag, given) in [("--patience", patience != nil), ("--target-sl", targetSl != nil),
                                  ("--target-asa", targetAsa != nil), ("--max-abandon", maxAbandon != nil)] where given {
                throw usageError(flag, "does not apply to --channel email (deferred work has no queue)")
            }
        }
    }

    func run() throws {
        let report = try makeReport()
        let text: String
        switch format {
        case .json: text = report.json()
        case .csv: text = report.csv()
        case .table: text = report.table()
        }
        print(text)
    }

    // MARK: Building the report

    func makeReport() throws -> ErlangReport {
        let workload = Workload(contacts: volume, interval: interval.seconds, averageHandleTime: aht.seconds)
        guard workload.trafficIntensity.isFinite, workload.trafficIntensity < 1e7 else {
            throw fail(ExitStatus.usage, "--volume: the offered load (volume × AHT / interval) must be below 10,000,000 Erlangs")
        }
        if channel == .email { return deferredReport(workload) }
        if let maxBlocking { return erlangBReport(workload, maxBlocking: maxBlocking) }
        return try queueReport(workload)
    }

    var targets: StaffingTargets {
        let otherTarget = targetAsa != nil || maxAbandon != nil
        return StaffingTargets(
            answerWithin: answerWithin?.seconds ?? 20,
            serviceLevel: targetSl ?? (otherTarget ? nil : 0.8),
            serviceLevelDefinition: ServiceLevelDefinition(rawValue: slDefinition.rawValue) ?? .offered,
            maxAverageSpeedOfAnswer: targetAsa?.seconds,
            maxAbandonment: maxAbandon,
            maxOccupancy: maxOccupancy)
    }

    func queueReport(_ workload: Workload) throws -> ErlangReport {
        let targets = self.targets
        let model: QueueModel = patience.map { .erlangA(patience: $0.seconds) } ?? .erlangC
        let c = channel == .chat ? (concurrency ?? 1) : 1
        var report = ErlangReport(model: patience == nil ? "erlang-c" : "erlang-a", traffic: workload.trafficIntensity)
        report.targets = targets
        report.channel = channel.rawValue
        report.concurrency = channel == .chat ? c : nil
        let metrics: QueueMetrics
        if let agents {
            let slots = ChatStaffing.slots(agents: agents, concurrency: c)
            metrics = ChatStaffing.evaluate(slots: slots, workload: workload, model: model, targets: targets)
            report.agents = .integer(agents)
            report.scheduled = .integer(Shrinkage.scheduledAgents(agents, shrinkage: shrinkage))
            report.mode = "evaluation"
            report.slots = channel == .chat ? slots : nil
            if let unmet = targets.firstUnmet(by: metrics), targetSl != nil || targetAsa != nil || maxAbandon != nil || maxOccupancy != nil {
                report.warnings.append("\(Self.describe(unmet)) target not met by \(agents) agents")
            }
        } else if fractional {
            let solution: (agents: Double, metrics: QueueMetrics)
            do { solution = try Staffing.fractionalAgents(workload: workload, targets: targets) } catch {
                throw staffingUsageError(error)
            }
            metrics = solution.metrics
            let agents = solution.agents / c
            report.agents = .number(agents)
            report.scheduled = .number(Shrinkage.scheduledAgents(agents, shrinkage: shrinkage))
            report.slots = nil
        } else {
            let solution: (agents: Int, slots: StaffingRequirement)
            do {
                solution = try ChatStaffing.requiredAgents(workload: workload, concurrency: c, model: model, targets: targets)
            } catch {
                throw staffingUsageError(error)
            }
            metrics = solution.slots.metrics
            report.agents = .integer(solution.agents)
            report.scheduled = .integer(Shrinkage.scheduledAgents(solution.agents, shrinkage: shrinkage))
            report.slots = channel == .chat ? solution.slots.agents : nil
        }
        report.metrics = metrics
        report.shrinkage = shrinkage
        if !metrics.isStable {
            report.warnings.append("unstable: \(Self.format(workload.trafficIntensity, 3)) Erlangs offered to \(Self.format(metrics.agents, 3)) servers; the queue grows without bound")
        } else if metrics.occupancy > 0.9 {
            report.warnings.append("occupancy \(Self.format(metrics.occupancy * 100, 1))% is above 90%: agents burn out and small surges cause long waits")
        }
        if metrics.probabilityOfAbandonment > 0.1 {
            report.warnings.append("\(Self.format(metrics.probabilityOfAbandonment * 100, 1))% of contacts abandon; bound it with --max-abandon")
        }
        return report
    }

    func erlangBReport(_ workload: Workload, maxBlocking: Double) -> ErlangReport {
        let a = workload.trafficIntensity
        let lines: Int, blocking: Double
        if let agents {
            lines = agents
            blocking = ErlangB.blocking(servers: agents, traffic: a)
        } else {
            (lines, blocking) = ErlangB.lines(traffic: a, maxBlocking: maxBlocking)
        }
        var report = ErlangReport(model: "erlang-b", traffic: a)
        report.mode = agents == nil ? "requirement" : "evaluation"
        report.agents = .integer(lines)
        report.scheduled = .integer(Shrinkage.scheduledAgents(lines, shrinkage: shrinkage))
        report.shrinkage = shrinkage
        report.blocking = blocking
        report.maxBlocking = maxBlocking
        report.metrics = ErlangB.metrics(lines: lines, traffic: a, answerWithin: answerWithin?.seconds ?? 20)
        if let agents, blocking > maxBlocking {
            report.warnings.append("blocking \(Self.format(blocking * 100, 2))% exceeds the target with \(agents) lines")
        }
        return report
    }

    func deferredReport(_ workload: Workload) -> ErlangReport {
        let window = responseWithin?.seconds ?? interval.seconds
        let work = DeferredWork(arrivalRate: workload.arrivalRate, averageHandleTime: workload.averageHandleTime,
                                backlog: backlog ?? 0, responseWindow: window)
        let cap = maxOccupancy ?? 1
        var report = ErlangReport(model: "deferred", traffic: work.workload)
        report.channel = "email"
        report.shrinkage = shrinkage
        report.backlog = backlog ?? 0
        report.responseWithin = window
        let agentsUsed: Double
        if let agents {
            report.mode = "evaluation"
            report.agents = .integer(agents)
            report.scheduled = .integer(Shrinkage.scheduledAgents(agents, shrinkage: shrinkage))
            agentsUsed = Double(agents)
            if Double(agents) < work.agents(maxOccupancy: cap) * (1 - 1e-12) {
                report.warnings.append("\(agents) agents cannot clear the work within \(DurationArgument(seconds: window))")
            }
        } else if fractional {
            agentsUsed = work.agents(maxOccupancy: cap)
            report.agents = .number(agentsUsed)
            report.scheduled = .number(Shrinkage.scheduledAgents(agentsUsed, shrinkage: shrinkage))
        } else {
            let n = work.requiredAgents(maxOccupancy: cap)
            agentsUsed = Double(n)
            report.agents = .integer(n)
            report.scheduled = .integer(Shrinkage.scheduledAgents(n, shrinkage: shrinkage))
        }
        report.deferredOccupancy = work.occupancy(agents: agentsUsed)
        report.deferredStable = work.isStable(agents: agentsUsed)
        return report
    }

    // MARK: Helpers

    func requireFinite(_ value: Double, _ flag: String, _ message: String, _ valid: (Double) -> Bool) throws {
        guard value.isFinite, valid(value) else { throw usageError(flag, message) }
    }

    func staffingUsageError(_ error: StaffingError) -> ExitCode {
        let (flag, message) = describe(error)
        return fail(ExitStatus.usage, "\(flag): \(message)")
    }

    func describe(_ error: StaffingError) -> (flag: String, message: String) {
        switch error {
        case .invalidParameter(let name, let reason):
            return ("--\(name)", reason)
        case .unreachable(let target):
            let cap = maxOccupancy.map { " under --max-occupancy \(Self.format($0, 4))" } ?? ""
            switch target {
            case .serviceLevel:
                let flag = targetSl != nil ? "--target-sl" : "--answer-within"
                return (flag, "no number of agents can meet this service level\(cap)")
            case .averageSpeedOfAnswer:
                return ("--target-asa", "no number of agents can meet this ASA\(cap)")
            case .abandonment:
                return ("--max-abandon", "no number of agents can keep abandonment this low\(cap)")
            case .occupancy:
                return ("--max-occupancy", "no number of agents can meet this occupancy cap")
            }
        }
    }

    static func describe(_ target: StaffingTarget) -> String {
        switch target {
        case .serviceLevel: return "service-level"
        case .averageSpeedOfAnswer: return "ASA"
        case .abandonment: return "abandonment"
        case .occupancy: return "occupancy"
        }
    }

    /// Fixed-point formatting with `decimals` digits (deterministic, locale-free).
    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", locale: nil, value)
    }
}

// MARK: - Output

/// What `ccplan erlang` prints, in table, JSON or CSV. Keys and their order are fixed.
struct ErlangReport {
    enum Count { case integer(Int), number(Double) }

    var model: String
    var traffic: Double
    var mode = "requirement"
    var agents: Count = .integer(0)
    var scheduled: Count = .integer(0)
    var metrics: QueueMetrics?
    var targets: StaffingTargets?
    var shrinkage = 0.0
    var channel = "voice"
    var concurrency: Double?
    var slots: Int?
    var blocking: Double?
    var maxBlocking: Double?
    var backlog: Double?
    var responseWithin: Double?
    var deferredOccupancy: Double?
    var deferredStable: Bool?
    var warnings: [String] = []

    init(model: String, traffic: Double) {
        self.model = model
        self.traffic = traffic
    }

    /// A JSON value with a deterministic spelling.
    enum Value {
        case number(Double), integer(Int), string(String), bool(Bool), null, strings([String])

        var json: String {
            switch self {
            case .number(let x): return ErlangReport.number(x) ?? "null"
            case .integer(let n): return String(n)
            case .string(let s): return ErlangReport.quote(s)
            case .bool(let b): return b ? "true" : "false"
            case .null: return "null"
            case .strings(let list): return "[" + list.map(ErlangReport.quote).joined(separator: ", ") + "]"
            }
        }

        var csv: String {
            switch self {
            case .null: return ""
            case .string(let s): return s.contains(",") || s.contains("\"") ? ErlangReport.quote(s) : s
            case .strings(let list): return ErlangReport.quote(list.joined(separator: "; "))
            default: return json
            }
        }
    }

    /// The fields in output order: the eleven documented keys first, then details.
    var fields: [(String, Value)] {
        func count(_ c: Count) -> Value {
            switch c {
            case .integer(let n): return .integer(n)
            case .number(let x): return .number(x)
            }
        }
        func optional(_ x: Double?) -> Value { x.map { .number($0) } ?? .null }
        var list: [(String, Value)] = [("model", .string(model)), ("traffic_erlangs", .number(traffic)),
                                       ("agents", count(agents)), ("scheduled_agents", count(scheduled))]
        if let m = metrics {
            list += [
                ("service_level", .number(m.serviceLevel)),
                ("asa_seconds", optional(m.averageSpeedOfAnswer)),
                ("mean_wait_seconds", optional(m.meanWait)),
                ("p_wait", .number(m.probabilityOfWaiting)),
                ("abandon_rate", .number(m.probabilityOfAbandonment)),
                ("occupancy", .number(m.occupancy)),
                ("stable", .bool(m.isStable)),
                ("answer_within_seconds", .number(m.answerWithin)),
                ("sl_definition", .string(m.serviceLevelDefinition.rawValue)),
            ]
        } else {
            list += [
                ("service_level", .null), ("asa_seconds", .null), ("mean_wait_seconds", .null), ("p_wait", .null),
                ("abandon_rate", .null), ("occupancy", optional(deferredOccupancy)),
                ("stable", .bool(deferredStable ?? true)),
            ]
        }
        list.append(("mode", .string(mode)))
        list.append(("channel", .string(channel)))
        if let concurrency { list.append(("concurrency", .number(concurrency))) }
        if let slots { list.append(("slots", .integer(slots))) }
        if let blocking { list.append(("blocking", .number(blocking))) }
        if let backlog { list.append(("backlog", .number(backlog))) }
        if let responseWithin { list.append(("response_within_seconds", .number(responseWithin))) }
        list.append(("shrinkage", .number(shrinkage)))
        list.append(("warnings", .strings(warnings)))
        return list
    }

    func json() -> String {
        "{" + fields.map { "\(Self.quote($0.0)): \($0.1.json)" }.joined(separator: ", ") + "}"
    }

    func csv() -> String {
        let list = fields
        return list.map(\.0).joined(separator: ",") + "\n" + list.map(\.1.csv).joined(separator: ",")
    }

    func table() -> String {
        var rows: [(String, String)] = []
        func percent(_ x: Double) -> String { ErlangCommand.format(x * 100, 2) + "%" }
        func seconds(_ x: Double?) -> String { x.map { ErlangCommand.format($0, 2) + " s" } ?? "unbounded" }
        func count(_ c: Count) -> String {
            switch c {
            case .integer(let n): return String(n)
            case .number(let x): return ErlangCommand.format(x, 5)
            }
        }
        rows.append(("traffic", ErlangCommand.format(traffic, 3) + " Erlangs"))
        rows.append((model == "erlang-b" ? "lines" : "agents", count(agents)))
        if let slots { rows.append(("chat slots", "\(slots) (concurrency \(ErlangCommand.format(concurrency ?? 1, 2)))")) }
        rows.append(("scheduled agents", count(scheduled) + " (shrinkage \(percent(shrinkage)))"))
        if let m = metrics {
            if let blocking {
                rows.append(("blocking", percent(blocking)))
            } else {
                rows.append(("service level", "\(percent(m.serviceLevel)) within \(ErlangCommand.format(m.answerWithin, 0)) s (\(m.serviceLevelDefinition.rawValue))"))
                rows.append(("ASA", seconds(m.averageSpeedOfAnswer)))
                rows.append(("mean wait (all)", seconds(m.meanWait)))
                rows.append(("P(wait)", percent(m.probabilityOfWaiting)))
                rows.append(("abandonment", percent(m.probabilityOfAbandonment)))
            }
            rows.append(("occupancy", percent(m.occupancy)))
            rows.append(("stable", m.isStable ? "yes" : "NO"))
        } else {
            if let backlog { rows.append(("opening backlog", ErlangCommand.format(backlog, 1))) }
            if let responseWithin { rows.append(("response window", DurationArgument(seconds: responseWithin).description)) }
            if let deferredOccupancy { rows.append(("occupancy", percent(deferredOccupancy))) }
        }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = [headline]
        lines += rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
        lines += warnings.map { "warning: " + $0 }
        return lines.joined(separator: "\n")
    }

    var headline: String {
        let name: String
        switch model {
        case "erlang-a": name = "Erlang A (M/M/n+M, abandonment)"
        case "erlang-b": name = "Erlang B (M/M/n/n, blocked contacts lost)"
        case "deferred": name = "Deferred work (email/back office, no queue)"
        default: name = "Erlang C (M/M/n, no abandonment)"
        }
        var goal: [String] = []
        if let t = targets, mode == "requirement" {
            if let sl = t.serviceLevel {
                goal.append("\(ErlangCommand.format(sl * 100, 1))% within \(ErlangCommand.format(t.answerWithin, 0)) s")
            }
            if let asa = t.maxAverageSpeedOfAnswer { goal.append("ASA ≤ \(ErlangCommand.format(asa, 1)) s") }
            if let ab = t.maxAbandonment { goal.append("abandonment ≤ \(ErlangCommand.format(ab * 100, 1))%") }
            if let occ = t.maxOccupancy { goal.append("occupancy ≤ \(ErlangCommand.format(occ * 100, 1))%") }
        }
        if let maxBlocking, mode == "requirement" {
            goal.append("blocking ≤ \(ErlangCommand.format(maxBlocking * 100, 2))%")
        }
        let what = mode == "requirement" ? "requirement" : "evaluation"
        return "model: \(name), \(what)" + (goal.isEmpty ? "" : " for " + goal.joined(separator: ", "))
    }

    /// Deterministic number spelling: 10 significant digits, no trailing zeros, no `-0`,
    /// nil for non-finite values (printed as JSON null).
    static func number(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        if x == 0 { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        var text = String(format: "%.10g", locale: nil, x)
        if text.contains("e") {
            // 3.582160845e-07 → 3.582160845e-7 (still valid JSON, shorter).
            let parts = text.split(separator: "e")
            var mantissa = String(parts[0])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            let exponent = Int(parts[1]) ?? 0
            text = "\(mantissa)e\(exponent)"
        }
        return text
    }

    static func quote(_ s: String) -> String { jsonQuoted(s) }
}
