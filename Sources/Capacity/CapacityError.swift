import CCPlanBase

/// Why a capacity run cannot go on. Each case says which exit status the command gives it.
public enum CapacityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The staff or scenario file (YAML) is wrong: `file:line:column: message` (usage, 64).
    case badStaffFile(FileIssue)
    /// A data file (roster, requirements, plan directory) is wrong; the message names
    /// `file:line:column` (bad data, 65).
    case badData(String)
    /// The inputs do not fit together (a group without requirement, too short a horizon) (64).
    case inconsistent(String)
    /// The solver failed or stopped without a plan.
    case solver(group: String, message: String)

    public var description: String {
        switch self {
        case .badStaffFile(let issue): issue.description
        case .badData(let message), .inconsistent(let message): message
        case .solver(let group, let message): "group '\(group)': \(message)"
        }
    }

    /// Whether the command should exit 64 (usage) rather than 65 (data) or 70 (software).
    public var isUsageError: Bool {
        switch self {
        case .badStaffFile, .inconsistent: true
        case .badData, .solver: false
        }
    }
}
