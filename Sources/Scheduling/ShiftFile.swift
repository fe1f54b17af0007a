import CCPlanBase
import ConfigFiles
import Foundation
import Planning

/// Reads the shifts file of `ccplan schedule` (YAML):
///
/// ```yaml
/// groups:
///   - { name: voice, queues: [billing, vip] }      # target_sl, shift_types optional
/// shift_types:
///   - name: early
///     length: 8h30m                    # start to end, breaks included
///     start: { from: "06:00", to: "08:00", every: 30m }
///     days: [Mon, Tue, Wed, Thu, Fri, Sat]         # default: every day
///     overnight: false                 # may it run past midnight? (default false)
///     cost_per_hour: 1                 # default 1: the objective is paid hours
///     max_agents: 40                   # per day (optional)
///     breaks:                          # in the order they are taken; windows relative to the start
///       - { name: break, length: 15m, paid: true, window: { from: 1h30m, to: 2h30m } }
///       - { name: meal, length: 30m, paid: false, window: { from: 3h30m, to: 5h } }
/// contracts:                           # optional weekly tours
///   - { name: full-time, days: 5, consecutive_days_off: true, shift_types: [early, late], max_start_variation: 2h }
///   - { name: part-time, days: { min: 3, max: 4 }, shift_types: [short], part_time: true }
/// part_time_share: 30%
/// other_shrinkage: 10%                 # absence, coaching: off the floor, not in the schedule
/// penalties: { uncovered: 40, over: 0.01, spike: 0.05, spike_above: 2, sl_shortfall: 300 }
/// ```
///
/// Unknown keys and bad values are ``ScheduleError/badShiftFile(_:)`` at the offending node
/// (`file:line:column`). All YAML handling of the scheduler is in this file, so that it can move
/// onto a shared strict YAML layer in one step.
/// The shifts file's view of a YAML node (the one strict reader, `ConfigFiles`).
typealias Node = ConfigNode

public enum ShiftFile {
    /// Reads and parses the shifts file at `path`.
    ///
    /// - Throws: ``ScheduleError``.
    /// - Complexity: O(size of the file).
    public static func load(_ path: String) throws(ScheduleError) -> ShiftRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .inconsistent("--shifts: cannot read \(path)")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses a shifts file's text.
    ///
    /// - Throws: ``ScheduleError/badShiftFile(_:)``.
    /// - Complexity: O(size of the file).
    public static func parse(yaml text: String, path: String) throws(ScheduleError) -> ShiftRules {
        let y = Reader(path: path)
        let root = try y.root(text)
        let top = try y.mapping(
            root, "the shifts file",
            known: ["groups", "shift_types", "contracts", "part_time_share", "other_shrinkage", "penalties"])
        try y.require(["groups", "shift_types"], in: top, at: root, "the shifts file")
        var rules = ShiftRules(groups: [], shiftTypes: [])
        var groupNodes: [(ScheduleGroup, Node)] = [], contractNodes: [(Contract, Node)] = []
        for (key, _, value) in top {
            switch key {
            case "groups":
                for item in try y.list(value, "'groups'") {
                    let g = try group(item, y)
                    if groupNodes.contains(where: { $0.0.name == g.name }) {
                        throw y.error(item, "group '\(g.name)' is defined twice")
                    }
                    if let q = g.queues.first(where: { q in groupNodes.contains { $0.0.queues.contains(q) } }) {
                        throw y.error(item, "queue '\(q)' is in two groups")
                    }
                    groupNodes.append((g, item))
                }
                guard !groupNodes.isEmpty else { throw y.error(value, "'groups' is empty") }
            case "shift_types":
                for item in try y.list(value, "'shift_types'") {
                    let s = try shiftType(item, y)
                    if rules.shiftType(s.name) != nil { throw y.error(item, "shift type '\(s.name)' is defined twice") }
                    rules.shiftTypes.append(s)
                }
                guard !rules.shiftTypes.isEmpty else { throw y.error(value, "'shift_types' is empty") }
            case "contracts":
                for item in try y.list(value, "'contracts'") {
                    let c = try contract(item, y)
                    if contractNodes.contains(where: { $0.0.name == c.name }) {
                        throw y.error(item, "contract '\(c.name)' is defined twice")
                    }
                    contractNodes.append((c, item))
                }
            case "part_time_share": rules.partTimeShare = try y.fraction(value, key, 0...1)
            case "other_shrinkage": rules.otherShrinkage = try y.fraction(value, key, 0...0.95)
            default: rules.penalties = try penalties(value, y)
            }
        }
        let names = rules.shiftTypes.map(\.name)
        for (g, node) in groupNodes {
            if let bad = g.shiftTypes?.first(where: { !names.contains($0) }) {
                throw y.error(node, "group '\(g.name)': unknown shift type '\(bad)'")
            }
        }
        for (c, node) in contractNodes {
            if let bad = c.shiftTypes.first(where: { !names.contains($0) }) {
                throw y.error(node, "contract '\(c.name)': unknown shift type '\(bad)'")
            }
            let days = Set(c.shiftTypes.flatMap { rules.shiftType($0)!.days })
            if !c.patterns.contains(where: { p in (0..<7).allSatisfy { p & (1 << $0) == 0 || days.contains($0 + 1) } })
            {
                throw y.error(
                    node,
                    "contract '\(c.name)': no week of \(c.minDays)–\(c.maxDays) working days fits the days its shift types run"
                )
            }
        }
        if !contractNodes.isEmpty,
            let lonely = names.first(where: { n in !contractNodes.contains { $0.0.shiftTypes.contains(n) } })
        {
            throw y.error(
                root, "shift type '\(lonely)' is in no contract: with contracts, every shift belongs to a weekly tour")
        }
        rules.groups = groupNodes.map(\.0)
        rules.contracts = contractNodes.map(\.0)
        return rules
    }

    static func group(_ node: Node, _ y: Reader) throws(ScheduleError) -> ScheduleGroup {
        let entries = try y.mapping(node, "a group", known: ["name", "queues", "shift_types", "target_sl"])
        try y.require(["name", "queues"], in: entries, at: node, "a group")
        var g = ScheduleGroup(name: "", queues: [])
        for (key, _, value) in entries {
            switch key {
            case "name": g.name = try y.name(value, key)
            case "queues": g.queues = try y.names(value, key)
            case "shift_types": g.shiftTypes = try y.names(value, key)
            default: g.targetServiceLevel = try y.fraction(value, key, 0.001...0.999)
            }
        }
        return g
    }

    static func shiftType(_ node: Node, _ y: Reader) throws(ScheduleError) -> ShiftType {
        let known = [
            "name", "length", "start", "days", "overnight", "cost_per_hour", "max_agents", "part_time", "breaks",
        ]
        let entries = try y.mapping(node, "a shift type", known: known)
        try y.require(["name", "length", "start"], in: entries, at: node, "a shift type")
        var s = ShiftType(name: "", length: 0, earliestStart: 0, latestStart: 0, startStep: 60)
        var startNode = node, lengthNode = node
        for (key, _, value) in entries {
            switch key {
            case "name": s.name = try y.name(value, key)
            case "length":
                s.length = try y.minutes(value, key, 1...(24 * 60))
                lengthNode = value
            case "start":
                startNode = value
                if case .scalar = value.value {
                    s.earliestStart = try y.timeOfDay(value, key)
                    s.latestStart = s.earliestStart
                } else {
                    let e = try y.mapping(
                        value, "'start' (a time or { from, to, every })", known: ["from", "to", "every"])
                    try y.require(["from", "to", "every"], in: e, at: value, "'start'")
                    for (k, _, v) in e {
                        switch k {
                        case "from": s.earliestStart = try y.timeOfDay(v, k)
                        case "to": s.latestStart = try y.timeOfDay(v, k)
                        default: s.startStep = try y.minutes(v, k, 1...(24 * 60))
                        }
                    }
                    guard s.earliestStart <= s.latestStart else { throw y.error(value, "'from' is after 'to'") }
                }
            case "days":
                var days = Set<Int>()
                for d in try y.list(value, "'days'") {
                    let written = try y.scalar(d), text = written.lowercased()
                    let full = ["", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
                    guard
                        let day = (1...7).first(where: {
                            text == full[$0] || text == CivilDate.weekdayNames[$0].lowercased()
                        })
                    else {
                        throw y.error(d, "'days' lists weekdays Mon … Sun, got '\(written)'")
                    }
                    guard days.insert(day).inserted else { throw y.error(d, "'\(written)' is listed twice") }
                }
                guard !days.isEmpty else { throw y.error(value, "'days' lists no day") }
                s.days = days
            case "overnight": s.overnight = try y.bool(value, key)
            case "cost_per_hour": s.costPerHour = try y.number(value, key, 0...1e9)
            case "max_agents": s.maxAgentsPerDay = try y.integer(value, key, 0...1_000_000)
            case "part_time": s.partTime = try y.bool(value, key)
            default:
                for b in try y.list(value, "'breaks'") {
                    let rule = try breakRule(b, y)
                    if let last = s.breaks.last, last.latestOffset + last.length > rule.earliestOffset {
                        throw y.error(
                            b,
                            "break '\(rule.name)' may start before '\(last.name)' has ended (latest \(clock(last.latestOffset)) + \(last.length)m): list breaks in order with windows that do not overlap"
                        )
                    }
                    s.breaks.append(rule)
                }
            }
        }
        if let last = s.breaks.last, last.latestOffset + last.length > s.length {
            throw y.error(
                lengthNode,
                "break '\(last.name)' may end after the shift (latest start \(clock(last.latestOffset)) + \(last.length)m > length \(clock(s.length)))"
            )
        }
        if s.paidMinutes <= 0 { throw y.error(lengthNode, "the unpaid breaks are as long as the shift") }
        if !s.overnight && s.latestStart + s.length > 24 * 60 {
            throw y.error(
                startNode,
                "shift '\(s.name)' starting at \(clock(s.latestStart)) ends after midnight: set 'overnight: true' or start earlier"
            )
        }
        return s
    }

    static func breakRule(_ node: Node, _ y: Reader) throws(ScheduleError) -> BreakRule {
        let entries = try y.mapping(node, "a break", known: ["name", "length", "paid", "window"])
        try y.require(["name", "length", "window"], in: entries, at: node, "a break")
        var b = BreakRule(name: "", length: 0, paid: true, earliestOffset: 0, latestOffset: 0)
        for (key, _, value) in entries {
            switch key {
            case "name": b.name = try y.name(value, key)
            case "length": b.length = try y.minutes(value, key, 1...(12 * 60))
            case "paid": b.paid = try y.bool(value, key)
            default:
                let e = try y.mapping(value, "'window' ({ from, to } after the shift's start)", known: ["from", "to"])
                try y.require(["from", "to"], in: e, at: value, "'window'")
                for (k, _, v) in e {
                    if k == "from" {
                        b.earliestOffset = try y.minutes(v, k, 0...(24 * 60))
                    } else {
                        b.latestOffset = try y.minutes(v, k, 0...(24 * 60))
                    }
                }
                guard b.earliestOffset <= b.latestOffset else { throw y.error(value, "'from' is after 'to'") }
            }
        }
        return b
    }

    static func contract(_ node: Node, _ y: Reader) throws(ScheduleError) -> Contract {
        let known = ["name", "days", "consecutive_days_off", "shift_types", "max_start_variation", "part_time"]
        let entries = try y.mapping(node, "a contract", known: known)
        try y.require(["name", "days", "shift_types"], in: entries, at: node, "a contract")
        var c = Contract(name: "", minDays: 5, maxDays: 5, shiftTypes: [])
        for (key, _, value) in entries {
            switch key {
            case "name": c.name = try y.name(value, key)
            case "days":
                if case .scalar = value.value {
                    c.minDays = try y.integer(value, key, 1...7)
                    c.maxDays = c.minDays
                } else {
                    let e = try y.mapping(value, "'days' (a number or { min, max })", known: ["min", "max"])
                    try y.require(["min", "max"], in: e, at: value, "'days'")
                    for (k, _, v) in e {
                        if k == "min" {
                            c.minDays = try y.integer(v, k, 1...7)
                        } else {
                            c.maxDays = try y.integer(v, k, 1...7)
                        }
                    }
                    guard c.minDays <= c.maxDays else { throw y.error(value, "'min' is above 'max'") }
                }
            case "consecutive_days_off": c.consecutiveDaysOff = try y.bool(value, key)
            case "shift_types": c.shiftTypes = try y.names(value, key)
            case "max_start_variation": c.maxStartVariation = try y.minutes(value, key, 0...(24 * 60))
            default: c.partTime = try y.bool(value, key)
            }
        }
        return c
    }

    static func penalties(_ node: Node, _ y: Reader) throws(ScheduleError) -> Penalties {
        let entries = try y.mapping(
            node, "'penalties'", known: ["uncovered", "over", "spike", "spike_above", "sl_shortfall"])
        var p = Penalties()
        for (key, _, value) in entries {
            switch key {
            case "uncovered": p.uncovered = try y.number(value, key, 0...1e9)
            case "over": p.over = try y.number(value, key, 0...1e9)
            case "spike": p.spike = try y.number(value, key, 0...1e9)
            case "spike_above": p.spikeAbove = try y.number(value, key, 0...1e6)
            default: p.serviceLevelShortfall = try y.number(value, key, 0...1e12)
            }
        }
        return p
    }

    /// `HH:MM` of a number of minutes (hours may exceed 23).
    static func clock(_ minutes: Int) -> String { "\(zeroPadded(minutes / 60, 2)):\(zeroPadded(minutes % 60, 2))" }

    /// Values out of a shifts file with their positions (``ConfigFields``, shared with the staff
    /// file); every error is a ``ScheduleError/badShiftFile(_:)`` at the offending node. This adds
    /// the shifts file's clock values.
    typealias Reader = ConfigFields<ScheduleError>
}

extension ConfigFields where Failure == ScheduleError {
    /// A reader of the shifts file at `path`.
    init(path: String) { self.init(path: path, wrap: ScheduleError.badShiftFile) }

    /// A duration with units, in whole minutes: `30m`, `8h`, `8.5h`, `8h30m`.
    func minutes(_ node: Node, _ key: String, _ range: ClosedRange<Int>) throws(ScheduleError) -> Int {
        let text = try scalar(node)
        var seconds = 0.0, part = ""
        for ch in text where ch != " " {
            part.append(ch)
            guard ch.isLetter else { continue }
            do { seconds += try DurationText.seconds(part) } catch {
                throw self.error(node, "'\(key)': \(error.description)")
            }
            part = ""
        }
        guard part.isEmpty, !text.isEmpty else {
            throw error(node, "'\(key)' needs a unit, e.g. 30m, 8h, 8h30m; got '\(text)'")
        }
        let m = seconds / 60
        guard m == m.rounded(), m.magnitude < 1e9 else {
            throw error(node, "'\(key)' must be whole minutes, got '\(text)'")
        }
        guard range.contains(Int(m)) else {
            throw error(
                node,
                "'\(key)' must be between \(ShiftFile.clock(range.lowerBound)) and \(ShiftFile.clock(range.upperBound)) (hours:minutes), got '\(text)'"
            )
        }
        return Int(m)
    }

    /// `HH:MM`, 00:00 … 23:59, in minutes after midnight.
    func timeOfDay(_ node: Node, _ key: String) throws(ScheduleError) -> Int {
        let text = try scalar(node)
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        else {
            throw error(node, "'\(key)' must be a time of day HH:MM (00:00 … 23:59), got '\(text)'")
        }
        return h * 60 + m
    }
}
