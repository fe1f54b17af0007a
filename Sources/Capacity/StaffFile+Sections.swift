import CCPlanBase
import ContactHistory

extension StaffFile {
    static func group(_ node: Node, _ y: YAMLFields, roster: (String) throws(CapacityError) -> [RosterEntry])
        throws(CapacityError) -> StaffGroup
    {
        let entries = try y.mapping(
            node, "a group", known: ["name", "queues", "headcount", "roster", "fte_per_head", "attrition"])
        try y.require(["name", "queues", "attrition"], in: entries, at: node, "a group")
        var g = StaffGroup(
            name: "", queues: [], staff: .headcount(0), ftePerHead: 1, attrition: Attrition(monthlyRate: 0))
        var staffGiven = false
        for (key, keyNode, value) in entries {
            switch key {
            case "name": g.name = try y.scalar(value)
            case "queues":
                if case .scalar = value.value {
                    g.queues = [try y.scalar(value)]
                } else {
                    var qs: [String] = []
                    for q in try y.list(value, "'queues'") { qs.append(try y.scalar(q)) }
                    g.queues = qs
                }
                guard !g.queues.isEmpty, !g.queues.contains("") else {
                    throw y.error(value, "'queues' needs at least one queue name")
                }
            case "headcount", "roster":
                guard !staffGiven else { throw y.error(keyNode, "give either 'headcount' or 'roster', not both") }
                staffGiven = true
                if key == "headcount" {
                    g.staff = .headcount(try y.number(value, key))
                } else {
                    let people = try roster(try y.scalar(value))
                    g.staff = .roster(people)
                }
            case "fte_per_head": g.ftePerHead = try y.number(value, key, 0.01...1)
            default: g.attrition = try attrition(value, y)
            }
        }
        guard staffGiven else { throw y.error(node, "a group needs 'headcount' or 'roster'") }
        guard !g.name.isEmpty else { throw y.error(node, "a group needs a non-empty 'name'") }
        return g
    }

    static func attrition(_ node: Node, _ y: YAMLFields) throws(CapacityError) -> Attrition {
        if case .scalar = node.value {
            return Attrition(monthlyRate: try y.fraction(node, "attrition", 0...1, openAbove: true))
        }
        let entries = try y.mapping(node, "'attrition'", known: ["below", "above", "tenure"])
        try y.require(["below", "above", "tenure"], in: entries, at: node, "a tenure band")
        var below = 0.0, above = 0.0, tenure = 0
        for (key, _, value) in entries {
            switch key {
            case "below": below = try y.fraction(value, key, 0...1, openAbove: true)
            case "above": above = try y.fraction(value, key, 0...1, openAbove: true)
            default:
                tenure = try y.weeks(value, key)
                guard tenure > 0 else { throw y.error(value, "'tenure' must be at least 1 week") }
            }
        }
        return Attrition(monthlyRate: below, band: .init(tenureWeeks: tenure, monthlyRateAbove: above))
    }

    static func hiringPolicy(_ node: Node, _ y: YAMLFields) throws(CapacityError) -> HiringPolicy {
        let known = ["training", "graduation", "ramp", "class_starts", "class_size", "lead_time", "overtime_cap"]
        let entries = try y.mapping(node, "'policy'", known: known)
        try y.require(["training", "class_starts", "class_size"], in: entries, at: node, "'policy'")
        var p = HiringPolicy(
            trainingWeeks: 0, graduationRate: 1, ramp: [], classStarts: .dates([]),
            minClassSize: 1, maxClassSize: 0, leadTimeWeeks: 0, overtimeCap: 0)
        for (key, _, value) in entries {
            switch key {
            case "training": p.trainingWeeks = try y.weeks(value, key)
            case "graduation":
                p.graduationRate = try y.fraction(value, key)
                guard p.graduationRate > 0 else {
                    throw y.error(value, "'graduation' must be above 0: no hire would ever be productive")
                }
            case "ramp":
                var ramp: [Double] = []
                for r in try y.list(value, "'ramp'") { ramp.append(try y.fraction(r, "ramp")) }
                p.ramp = ramp
            case "class_starts":
                if case .list = value.value {
                    var dates: [CivilDate] = []
                    for d in try y.list(value, "'class_starts'") { dates.append(try y.date(d, "class_starts")) }
                    guard !dates.isEmpty else { throw y.error(value, "'class_starts' lists no date") }
                    p.classStarts = .dates(dates)
                } else {
                    let e = try y.mapping(
                        value, "'class_starts' (a list of dates or { every, from })", known: ["every", "from"])
                    try y.require(["every", "from"], in: e, at: value, "'class_starts'")
                    var every = 1, from = CivilDate(dayNumber: 0)
                    for (k, _, v) in e {
                        if k == "every" {
                            every = try y.weeks(v, k)
                            guard every >= 1 else { throw y.error(v, "'every' must be at least 1 week") }
                        } else {
                            from = try y.date(v, k)
                        }
                    }
                    p.classStarts = .every(weeks: every, from: from)
                }
            case "class_size":
                let e = try y.mapping(value, "'class_size'", known: ["min", "max"])
                try y.require(["max"], in: e, at: value, "'class_size'")
                for (k, _, v) in e {
                    if k == "min" {
                        p.minClassSize = try y.integer(v, k, 0...100_000)
                    } else {
                        p.maxClassSize = try y.integer(v, k, 1...100_000)
                    }
                }
                guard p.minClassSize <= p.maxClassSize else {
                    throw y.error(
                        value, "class size min \(p.minClassSize) is above max \(p.maxClassSize): no class can run")
                }
            case "lead_time": p.leadTimeWeeks = try y.weeks(value, key)
            default: p.overtimeCap = try y.fraction(value, key, 0...10)
            }
        }
        return p
    }

    static func costRates(_ node: Node, _ y: YAMLFields) throws(CapacityError) -> CostRates {
        let known = ["wage_per_hour", "fte_hours", "hire_cost", "overtime_premium", "shortfall_penalty"]
        let entries = try y.mapping(node, "'costs'", known: known)
        try y.require(["wage_per_hour", "fte_hours", "shortfall_penalty"], in: entries, at: node, "'costs'")
        var c = CostRates(wagePerHour: 0, fteHours: 0, hireCost: 0, overtimePremium: 0, shortfallPenalty: 0)
        for (key, _, value) in entries {
            switch key {
            case "wage_per_hour": c.wagePerHour = try y.number(value, key)
            case "fte_hours": c.fteHours = try y.number(value, key, 1...168)
            case "hire_cost": c.hireCost = try y.number(value, key)
            case "overtime_premium": c.overtimePremium = try y.fraction(value, key, 0...10)
            default: c.shortfallPenalty = try y.number(value, key)
            }
        }
        return c
    }
}
