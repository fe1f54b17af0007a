import CCPlanBase

/// Why a schedule cannot be made. Each case says which exit status the command gives it.
public enum ScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The shifts file (YAML) is wrong: `file:line:column: message` (usage, 64).
    case badShiftFile(FileIssue)
    /// A plan file (intervals.csv, plan.json) is wrong; the message names the file and, where
    /// it can, `line:column` (bad data, 65).
    case badData(String)
    /// The inputs do not fit together: a queue the plan does not have, a week outside it (64).
    case inconsistent(String)
    /// The solver failed (70).
    case solver(String)

    public var description: String {
        switch self {
        case .badShiftFile(let issue): issue.description
        case .badData(let message), .inconsistent(let message), .solver(let message): message
        }
    }

    /// Whether the command should exit 64 (usage) rather than 65 (data) or 70 (software).
    public var isUsageError: Bool {
        switch self {
        case .badShiftFile, .inconsistent: true
        case .badData, .solver: false
        }
    }
}
