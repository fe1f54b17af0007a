import CCPlanBase
import Queueing

extension ErlangReport {
    /// The documented keys first (model, traffic_erlangs, agents, scheduled_agents, service_level,
    /// asa_seconds, mean_wait_seconds, p_wait, abandon_rate, occupancy, stable), then details;
    /// unbounded or not-applicable values are null. Numbers in their shortest exact form.
    public var fields: [(String, JSONText)] {
        func count(_ c: Count) -> JSONText {
            switch c {
            case .integer(let n): return .integer(n)
            case .number(let x): return .finite(x)
            }
        }
        var list: [(String, JSONText)] = [
            ("model", .string(model.rawValue)), ("traffic_erlangs", .finite(traffic)),
            ("agents", count(agents)), ("scheduled_agents", count(scheduled)),
        ]
        if let m = metrics {
            list += [
                ("service_level", .finite(m.serviceLevel)), ("asa_seconds", .finite(m.averageSpeedOfAnswer)),
                ("mean_wait_seconds", .finite(m.meanWait)), ("p_wait", .finite(m.probabilityOfWaiting)),
                ("abandon_rate", .finite(m.probabilityOfAbandonment)), ("occupancy", .finite(m.occupancy)),
                ("stable", .bool(m.isStable)), ("answer_within_seconds", .finite(m.answerWithin)),
                ("sl_definition", .string(m.serviceLevelDefinition.rawValue)),
            ]
        } else {
            list += [
                ("service_level", .null), ("asa_seconds", .null), ("mean_wait_seconds", .null), ("p_wait", .null),
                ("abandon_rate", .null), ("occupancy", .finite(deferredOccupancy)),
                ("stable", .bool(deferredStable ?? true)),
            ]
        }
        list.append(("mode", .string(isRequirement ? "requirement" : "evaluation")))
        list.append(("channel", .string(channel.rawValue)))
        if let concurrency { list.append(("concurrency", .finite(concurrency))) }
        if let slots { list.append(("slots", .integer(slots))) }
        if let blocking { list.append(("blocking", .finite(blocking))) }
        if let backlog { list.append(("backlog", .finite(backlog))) }
        if let responseWithin { list.append(("response_within_seconds", .finite(responseWithin))) }
        list.append(("shrinkage", .finite(shrinkage)))
        list.append(("warnings", .array(warnings.map { .string($0) })))
        return list
    }

    /// One JSON object on one line.
    ///
    /// - Complexity: O(1).
    public func json() -> String { JSONText.object(fields).rendered(pretty: false) }

    /// A header line and one data line (strings quoted when needed, warnings joined by "; ").
    ///
    /// - Complexity: O(1).
    public func csv() -> String {
        let list = fields
        func cell(_ value: JSONText) -> String {
            switch value {
            case .null: return ""
            case .string(let s): return csvField(s)
            case .array(let items):
                return csvField(
                    items.map { if case .string(let s) = $0 { return s } else { return $0.rendered(pretty: false) } }
                        .joined(separator: "; "))
            default: return value.rendered(pretty: false)
            }
        }
        return list.map(\.0).joined(separator: ",") + "\n" + list.map { cell($0.1) }.joined(separator: ",")
    }

    /// An aligned table for people, headed by the model and the goal.
    ///
    /// - Complexity: O(1).
    public func table() -> String {
        var rows: [(String, String)] = []
        func percent(_ x: Double) -> String { fixed(x * 100, 2) + "%" }
        func seconds(_ x: Double?) -> String { x.map { fixed($0, 2) + " s" } ?? "unbounded" }
        func count(_ c: Count) -> String {
            switch c {
            case .integer(let n): return String(n)
            case .number(let x): return fixed(x, 5)
            }
        }
        rows.append(("traffic", fixed(traffic, 3) + " Erlangs"))
        rows.append((model == .erlangB ? "lines" : "agents", count(agents)))
        if let slots { rows.append(("chat slots", "\(slots) (concurrency \(fixed(concurrency ?? 1, 2)))")) }
        rows.append(("scheduled agents", count(scheduled) + " (shrinkage \(percent(shrinkage)))"))
        if let m = metrics {
            if let blocking {
                rows.append(("blocking", percent(blocking)))
            } else {
                rows.append(
                    (
                        "service level",
                        "\(percent(m.serviceLevel)) within \(fixed(m.answerWithin, 0)) s (\(m.serviceLevelDefinition.rawValue))"
                    ))
                rows.append(("ASA", seconds(m.averageSpeedOfAnswer)))
                rows.append(("mean wait (all)", seconds(m.meanWait)))
                rows.append(("P(wait)", percent(m.probabilityOfWaiting)))
                rows.append(("abandonment", percent(m.probabilityOfAbandonment)))
            }
            rows.append(("occupancy", percent(m.occupancy)))
            rows.append(("stable", m.isStable ? "yes" : "NO"))
        } else {
            if let backlog { rows.append(("opening backlog", shortestNumber(backlog))) }
            if let responseWithin { rows.append(("response window", DurationText.format(responseWithin))) }
            if let deferredOccupancy { rows.append(("occupancy", percent(deferredOccupancy))) }
        }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = [headline]
        lines += rows.map { "  " + $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }
        lines += warnings.map { "warning: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// `model: Erlang C (M/M/n, no abandonment), requirement for 80.0% within 20 s`.
    var headline: String {
        let name: String
        switch model {
        case .erlangA: name = "Erlang A (M/M/n+M, abandonment)"
        case .erlangB: name = "Erlang B (M/M/n/n, blocked contacts lost)"
        case .deferred: name = "Deferred work (email/back office, no queue)"
        case .erlangC: name = "Erlang C (M/M/n, no abandonment)"
        }
        var goal: [String] = []
        if let t = targets, isRequirement {
            if let sl = t.serviceLevel { goal.append("\(fixed(sl * 100, 1))% within \(fixed(t.answerWithin, 0)) s") }
            if let asa = t.maxAverageSpeedOfAnswer { goal.append("ASA ≤ \(fixed(asa, 1)) s") }
            if let ab = t.maxAbandonment { goal.append("abandonment ≤ \(fixed(ab * 100, 1))%") }
            if let occ = t.maxOccupancy { goal.append("occupancy ≤ \(fixed(occ * 100, 1))%") }
        }
        if let maxBlocking, isRequirement { goal.append("blocking ≤ \(fixed(maxBlocking * 100, 2))%") }
        return "model: \(name), \(isRequirement ? "requirement" : "evaluation")"
            + (goal.isEmpty ? "" : " for " + goal.joined(separator: ", "))
    }
}
