import CCPlanBase
import Foundation

/// The text of the schedule's CSV files: the schedule of the objective asked for, every week
/// and group. Times are local with their UTC offset (`2026-11-02T08:00:00+01:00`), as in the
/// plan's `intervals.csv`; agents are whole, on-floor averages have 4 decimals, service levels 6.
public enum ScheduleFiles {
    public static let shiftsHeader = "group,date,shift,start,end,agents\n"
    public static let breaksHeader = "group,date,shift,start,break,break_start,break_end,agents\n"
    public static let toursHeader = "group,tour,days,shift_per_day,agents,contract,week\n"
    public static let coverageHeader = "group,interval_start,required,on_floor,over,under,service_level\n"

    /// `shifts.csv`: one row per shift worked (day, type and start) with its agents.
    ///
    /// - Complexity: O(shifts).
    public static func shifts(_ r: ScheduleResult) -> String {
        var out = shiftsHeader
        for gw in r.groupWeeks {
            let s = gw.chosen
            var clock = ZoneClock(s.demand.timeZone)
            for (h, n) in s.shifts {
                let c = s.grid.candidates[h], type = r.inputs.rules.shiftTypes[c.type]
                let end = c.start + Int64(type.length) * 60
                out +=
                    [
                        csvField(s.demand.group.name), "\(s.demand.monday.adding(days: c.day))", csvField(type.name),
                        local(c.start, &clock), local(end, &clock), "\(n)",
                    ].joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `breaks.csv`: per shift worked, each break start with the agents taking it.
    ///
    /// - Complexity: O(breaks).
    public static func breaks(_ r: ScheduleResult) -> String {
        var out = breaksHeader
        for gw in r.groupWeeks {
            let s = gw.chosen
            var clock = ZoneClock(s.demand.timeZone)
            for b in s.breaks {
                let c = s.grid.candidates[b.candidate], type = r.inputs.rules.shiftTypes[c.type],
                    rule = type.breaks[b.breakIndex]
                let start = s.demand.start + Int64(b.slot * s.grid.slotMinutes) * 60
                out +=
                    [
                        csvField(s.demand.group.name), "\(s.demand.monday.adding(days: c.day))", csvField(type.name),
                        local(c.start, &clock),
                        csvField(rule.name), local(start, &clock), local(start + Int64(rule.length) * 60, &clock),
                        "\(b.agents)",
                    ]
                    .joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `tours.csv` (with contracts): the weekly tours, agents on identical tours merged.
    ///
    /// - Complexity: O(tours).
    public static func tours(_ r: ScheduleResult) -> String {
        var out = toursHeader
        for gw in r.groupWeeks {
            let s = gw.chosen
            var number: [Int: Int] = [:]
            for t in s.tours {
                let contract = r.inputs.rules.contracts[t.contract].name
                number[t.contract, default: 0] += 1
                let days = t.days.indices.filter { t.days[$0] != nil }.map { CivilDate.weekdayNames[$0 + 1] }
                let shifts = t.days.enumerated().compactMap { d, h in
                    h.map { describe(s, $0, day: d, rules: r.inputs.rules) }
                }
                out +=
                    [
                        csvField(s.demand.group.name), csvField("\(contract) \(number[t.contract]!)"),
                        days.joined(separator: " "),
                        csvField(shifts.joined(separator: "; ")), "\(t.agents)", csvField(contract),
                        "\(s.demand.monday)",
                    ].joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `Mon early 08:00-16:30` (wall-clock start and end).
    static func describe(_ s: WeekSchedule, _ h: Int, day: Int, rules: ShiftRules) -> String {
        let c = s.grid.candidates[h], type = rules.shiftTypes[c.type]
        let end = (c.startMinute + type.length) % (24 * 60)
        return
            "\(CivilDate.weekdayNames[day + 1]) \(type.name) \(ShiftFile.clock(c.startMinute))-\(ShiftFile.clock(end))"
    }

    /// `coverage.csv`: per interval the requirement, the average agents on the floor, over- and
    /// under-coverage and the service level those agents deliver.
    ///
    /// - Complexity: O(intervals).
    public static func coverage(_ r: ScheduleResult) -> String {
        var out = coverageHeader
        for gw in r.groupWeeks {
            let s = gw.chosen
            for (i, c) in s.coverage.enumerated() {
                let interval = s.demand.intervals[i]
                out +=
                    [
                        csvField(s.demand.group.name), iso8601(interval.start, offset: interval.offset),
                        "\(c.required)",
                        fixed(c.onFloor, 4), fixed(c.over, 4), fixed(c.under, 4),
                        c.serviceLevel.map { fixed($0, 6) } ?? "",
                    ]
                    .joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func local(_ instant: Int64, _ clock: inout ZoneClock) -> String {
        iso8601(instant, offset: Int(clock.offset(at: instant)))
    }
}
