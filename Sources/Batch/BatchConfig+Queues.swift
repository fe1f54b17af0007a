import CCPlanBase
import ConfigFiles
import ContactHistory
import Planning

/// What one queue is planned under: base settings, then every matching group's, then its own.
extension BatchConfig {
    /// Applies settings on top of `a`. As in `ccplan plan`: an ASA or abandonment target without
    /// an SL target replaces the default 80/20.
    func apply(_ settings: [AssumptionSetting], to a: PlanAssumptions) throws(FileIssue) -> PlanAssumptions {
        var start = a
        let keys = Set(settings.map(\.key))
        if !keys.contains("target_sl") && (keys.contains("target_asa") || keys.contains("max_abandon"))
            && a == PlanAssumptions()
        {
            start.targetServiceLevel = nil
        }
        return try AssumptionSetting.apply(settings, to: start)
    }

    /// The settings that apply to one queue: base, then every matching group in order, then the
    /// queue's own (`name`, then `name/channel`).
    public func settings(queue: String, channel: Channel) -> [AssumptionSetting] {
        var all = baseSettings
        for g in groups where g.matches(queue: queue, channel: channel) { all += g.settings }
        for q in queueSettings where q.key == queue { all += q.settings }
        for q in queueSettings where q.key == "\(queue)/\(channel.rawValue)" { all += q.settings }
        return all
    }

    /// The assumptions of one queue (nil queue: the base).
    ///
    /// - Throws: ``FileIssue`` at the setting refused, or (for a combination that is refused as a
    ///   whole) at the last setting of the key concerned.
    public func assumptions(queue: String?, channel: Channel?) throws(FileIssue) -> PlanAssumptions {
        let settings: [AssumptionSetting]
        if let queue, let channel {
            settings = self.settings(queue: queue, channel: channel)
        } else {
            settings = baseSettings
        }
        let a = try apply(settings, to: PlanAssumptions())
        do { try a.validate() } catch {
            if case .badAssumption(let key, _) = error, let s = settings.last(where: { $0.key == key }) {
                throw s.issue(error.description)
            }
            throw FileIssue(file: path, message: error.description)
        }
        return a
    }

    /// Every combination a queue can get must be a valid set of assumptions: the base, base +
    /// each group, and each queue's own.
    func checkCombinations(_ baseNode: ConfigNode) throws(FileIssue) {
        do { _ = try assumptions(queue: nil, channel: nil) } catch {
            throw error.line > 0 ? error : baseNode.issue(error.message)
        }
        for g in groups {
            do { try apply(baseSettings + g.settings, to: PlanAssumptions()).validate() } catch {
                let at = g.settings.first
                throw FileIssue(
                    file: path, line: at?.line ?? 0, column: at?.column ?? 0, message: "group '\(g.name)': \(error)")
            }
        }
        for q in queueSettings {
            let (name, channel) = Self.splitQueueKey(q.key)
            do { _ = try assumptions(queue: name, channel: channel ?? .voice) } catch {
                throw FileIssue(
                    file: path, line: q.line, column: q.column, message: "queue '\(q.key)': \(error.message)")
            }
        }
    }

    /// The scenario file of one queue: the last matching group's, else the top-level one.
    public func scenarioPath(queue: String, channel: Channel) -> String? {
        groups.last { $0.matches(queue: queue, channel: channel) && $0.scenarios != nil }?.scenarioPath ?? scenarioPath
    }

    /// Every scenario file the config refers to, each once, in the order they are written.
    public var scenarioPaths: [String] {
        var out: [String] = []
        for p in [scenarioPath].compactMap({ $0 }) + groups.compactMap(\.scenarioPath) where !out.contains(p) {
            out.append(p)
        }
        return out
    }
}
