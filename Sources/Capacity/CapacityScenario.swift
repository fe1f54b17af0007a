import CCPlanBase
import ContactHistory
import Foundation

/// A what-if of a capacity run, applied on top of the staff file:
///
/// ```yaml
/// scenarios:
///   attrition +1 pp:
///     description: Attrition one percentage point higher every month
///     attrition_delta: 1%            # added to every monthly rate (bands too)
///   class cancelled:
///     cancel_classes: [{ group: general, start: 2026-01-12 }]   # planned classes dropped
///   volume +10%:
///     volume_factor: 1.1             # requirement × factor
///   wage +5%:
///     wage_factor: 1.05              # or  wage_per_hour: 19.4
///   plan high case:
///     plan_scenario: volume +10%     # the requirement of another scenario of the plan
/// ```
///
/// The base scenario (the staff file as it is, the plan's `base` requirement) is always solved.
public struct CapacityScenario: Sendable, Hashable {
    public var name: String
    public var description: String?
    /// Added to every monthly attrition rate (0.01 = one percentage point).
    public var attritionDelta: Double = 0
    /// Planned classes (group, start) that do not run.
    public var cancelledClasses: [PlannedClass] = []
    public var volumeFactor: Double = 1
    public var wageFactor: Double = 1
    public var wagePerHour: Double?
    /// The requirement scenario of the plan directory (default: its first, `base`).
    public var planScenario: String?

    public init(name: String, description: String? = nil) {
        self.name = name
        self.description = description
    }

    /// The base scenario.
    public static let base = CapacityScenario(name: "base", description: "The staff file as it is")

    /// Applies the scenario's cost and attrition changes to the staff plan.
    public func apply(to plan: StaffPlan) -> StaffPlan {
        var p = plan
        for i in p.groups.indices { p.groups[i].attrition = p.groups[i].attrition.adding(attritionDelta) }
        p.costs.wagePerHour = (wagePerHour ?? p.costs.wagePerHour) * wageFactor
        p.plannedClasses.removeAll { c in
            cancelledClasses.contains { $0.group == c.group && monday(of: $0.start) == monday(of: c.start) }
        }
        return p
    }

    /// Parses a scenario file: a mapping `scenarios:` of names to settings.
    ///
    /// - Throws: ``CapacityError/badStaffFile(_:)``.
    /// - Complexity: O(size of the file).
    public static func parse(yaml text: String, path: String, staff: StaffPlan) throws(CapacityError)
        -> [CapacityScenario]
    {
        let y = YAMLFields(path: path)
        let root = try y.root(text)
        let top = try y.mapping(root, "the scenario file", known: ["scenarios"])
        try y.require(["scenarios"], in: top, at: root, "the scenario file")
        guard case .mapping(let named) = top[0].value.value else {
            throw y.error(top[0].value, "'scenarios' must map names to settings")
        }
        var out: [CapacityScenario] = []
        for (nameNode, body) in named.entries.map({ ($0.keyNode, $0.value) }) {
            let name = try y.scalar(nameNode)
            guard name != "base" else {
                throw y.error(nameNode, "'base' is the staff file itself; name the scenario differently")
            }
            guard !out.contains(where: { $0.name == name }) else {
                throw y.error(nameNode, "scenario '\(name)' is defined twice")
            }
            var s = CapacityScenario(name: name)
            let known = [
                "description", "attrition_delta", "cancel_classes", "volume_factor", "wage_factor", "wage_per_hour",
                "plan_scenario",
            ]
            for (key, _, value) in try y.mapping(body, "scenario '\(name)'", known: known) {
                switch key {
                case "description": s.description = try y.scalar(value)
                case "attrition_delta":
                    let text = try y.scalar(value)
                    let pp =
                        text.hasSuffix("pp")
                        ? Double(text.dropLast(2).trimmingCharacters(in: .whitespaces)).map { $0 / 100 } : nil
                    if let pp { s.attritionDelta = pp } else { s.attritionDelta = try y.fraction(value, key, -1...1) }
                case "cancel_classes":
                    for item in try y.list(value, "'cancel_classes'") {
                        let e = try y.mapping(item, "a cancelled class", known: ["group", "start"])
                        try y.require(["group", "start"], in: e, at: item, "a cancelled class")
                        var c = PlannedClass(group: "", start: CivilDate(dayNumber: 0), hires: 0)
                        for (k, _, v) in e {
                            if k == "group" { c.group = try y.scalar(v) } else { c.start = try y.date(v, k) }
                        }
                        guard
                            staff.plannedClasses.contains(where: {
                                $0.group == c.group && monday(of: $0.start) == monday(of: c.start)
                            })
                        else {
                            throw y.error(
                                item, "no planned class of group '\(c.group)' starts in the week of \(c.start)")
                        }
                        s.cancelledClasses.append(c)
                    }
                case "volume_factor": s.volumeFactor = try y.number(value, key)
                case "wage_factor": s.wageFactor = try y.number(value, key)
                case "wage_per_hour": s.wagePerHour = try y.number(value, key)
                default: s.planScenario = try y.scalar(value)
                }
            }
            out.append(s)
        }
        return out
    }
}
