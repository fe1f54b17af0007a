import CCPlanBase
import ConfigFiles

/// One assumption setting as written in a config file (a scenario file's block, a batch config's
/// `assumptions`, group or queue), with where it was written: the setting is applied later, per
/// queue, and any error then still names the file, line and column of its value.
public struct AssumptionSetting: Sendable, Hashable {
    /// One of ``PlanAssumptions/settingKeys``.
    public var key: String
    /// The value as written (`~` for an absent value: the same as `none`).
    public var value: String
    /// The file, line and column of the value.
    public var file: String
    public var line: Int
    public var column: Int

    /// An issue at the setting's value.
    public func issue(_ message: String) -> FileIssue {
        FileIssue(file: file, line: line, column: column, message: message)
    }

    /// Reads settings from config entries, each value checked now (on default assumptions) so that
    /// an error points at it even when no queue uses it.
    ///
    /// - Parameters:
    ///   - entries: `key: value` entries whose keys must be setting names.
    ///   - otherKeys: keys that are not settings but may stand beside them (named in the
    ///     unknown-key message), e.g. a scenario block's `description`, `queues`, `events`.
    /// - Throws: ``FileIssue`` at an unknown key or a bad value.
    /// - Complexity: O(entries).
    public static func read(_ entries: [ConfigEntry], otherKeys: [String] = []) throws(FileIssue) -> [AssumptionSetting]
    {
        var out: [AssumptionSetting] = []
        for entry in entries {
            guard PlanAssumptions.settingKeys.contains(entry.key) else {
                let known = (PlanAssumptions.settingKeys + otherKeys).joined(separator: ", ")
                throw entry.keyNode.issue("unknown setting '\(entry.key)' (known: \(known))")
            }
            // `~` (or nothing) removes an optional target, as `none` does.
            let text = entry.value.isNull ? "~" : try entry.value.string()
            var probe = PlanAssumptions()
            do { try probe.set(entry.key, to: text) } catch { throw entry.value.issue(error.description) }
            out.append(
                AssumptionSetting(
                    key: entry.key, value: text, file: entry.value.file, line: entry.value.line,
                    column: entry.value.column))
        }
        return out
    }

    /// Applies `settings` in order on top of `assumptions`.
    ///
    /// - Throws: ``FileIssue`` at the first setting whose value is refused.
    /// - Complexity: O(settings).
    public static func apply(_ settings: [AssumptionSetting], to assumptions: PlanAssumptions) throws(FileIssue)
        -> PlanAssumptions
    {
        var result = assumptions
        for setting in settings {
            do { try result.set(setting.key, to: setting.value) } catch { throw setting.issue(error.description) }
        }
        return result
    }
}
