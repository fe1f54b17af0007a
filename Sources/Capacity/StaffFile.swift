import CCPlanBase
import ContactHistory
import Foundation

/// The staff file (YAML) of `ccplan capacity`:
///
/// ```yaml
/// groups:
///   - name: general
///     queues: [billing, vip]      # their weekly FTE add up to the group's requirement
///     headcount: 120              # or  roster: roster.csv  (person,fte,hire_date; relative to this file)
///     fte_per_head: 0.9
///     attrition: 3%               # monthly; or { below: 6%, above: 2.5%, tenure: 26w }
/// policy:
///   training: 4w
///   graduation: 85%
///   ramp: [50%, 75%, 90%]
///   class_starts: { every: 2w, from: 2026-01-05 }   # or a list of dates
///   class_size: { min: 8, max: 20 }
///   lead_time: 3w
///   overtime_cap: 10%
/// costs:
///   wage_per_hour: 18.5
///   fte_hours: 37.5
///   hire_cost: 4000
///   overtime_premium: 50%
///   shortfall_penalty: 3000       # per FTE-week of unmet requirement
/// planned_classes:
///   - { group: general, start: 2026-01-12, hires: 12 }
/// ```
///
/// Unknown keys and bad values are ``CapacityError/badStaffFile(_:)``;
/// a bad roster file is ``CapacityError/badData(_:)`` naming `file:line:column`.
public enum StaffFile {
    /// Reads and parses the staff file at `path` and the rosters it names (returned as read, for
    /// provenance).
    ///
    /// - Complexity: O(size of the files).
    public static func load(_ path: String) throws(CapacityError) -> (plan: StaffPlan, rosters: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .inconsistent("--staff: cannot read \(path)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        var rosters: [String] = []
        let plan = try parse(yaml: String(decoding: data, as: UTF8.self), path: path) { name throws(CapacityError) in
            let file = name.hasPrefix("/") || directory.isEmpty ? name : directory + "/" + name
            rosters.append(file)
            return try Roster.load(file)
        }
        return (plan, rosters)
    }

    /// Parses a staff file's text; `roster` reads a roster file named in it.
    ///
    /// - Complexity: O(size of the file).
    public static func parse(
        yaml text: String, path: String, roster: (String) throws(CapacityError) -> [RosterEntry]
    ) throws(CapacityError) -> StaffPlan {
        let y = YAMLFields(path: path)
        let root = try y.root(text)
        let top = try y.mapping(root, "the staff file", known: ["groups", "policy", "costs", "planned_classes"])
        try y.require(["groups", "policy", "costs"], in: top, at: root, "the staff file")
        var groups: [StaffGroup] = [], policy: HiringPolicy?, costs: CostRates?, planned: [PlannedClass] = []
        var plannedNodes: [Node] = []
        for (key, _, value) in top {
            switch key {
            case "groups":
                for item in try y.list(value, "'groups'") {
                    let g = try group(item, y, roster: roster)
                    guard !groups.contains(where: { $0.name == g.name }) else {
                        throw y.error(item, "group '\(g.name)' is defined twice")
                    }
                    if let q = g.queues.first(where: { q in groups.contains { $0.queues.contains(q) } }) {
                        throw y.error(item, "queue '\(q)' is in two groups")
                    }
                    groups.append(g)
                }
                guard !groups.isEmpty else { throw y.error(value, "'groups' is empty") }
            case "policy": policy = try hiringPolicy(value, y)
            case "costs": costs = try costRates(value, y)
            default:
                for item in try y.list(value, "'planned_classes'") {
                    let entries = try y.mapping(item, "a planned class", known: ["group", "start", "hires"])
                    try y.require(["group", "start", "hires"], in: entries, at: item, "a planned class")
                    var c = PlannedClass(group: "", start: CivilDate(dayNumber: 0), hires: 0)
                    for (k, _, v) in entries {
                        switch k {
                        case "group": c.group = try y.scalar(v)
                        case "start": c.start = try y.date(v, k)
                        default: c.hires = try y.integer(v, k, 0...100_000)
                        }
                    }
                    planned.append(c)
                    plannedNodes.append(item)
                }
            }
        }
        for (c, node) in zip(planned, plannedNodes) where !groups.contains(where: { $0.name == c.group }) {
            throw y.error(node, "planned class for unknown group '\(c.group)'")
        }
        return StaffPlan(groups: groups, policy: policy!, costs: costs!, plannedClasses: planned)
    }
}
