import CCPlanBase

/// The input files are malformed or inconsistent; nothing was loaded.
///
/// Carries the first issues in file order (at most `HistoryError.listedLimit` are listed by
/// `description`) and the total count.
public struct HistoryError: Error, Sendable, CustomStringConvertible {
    /// How many issues `description` lists before summarising the rest.
    public static let listedLimit = 20

    /// The issues kept, sorted by file, line and column.
    public var issues: [FileIssue]
    /// The number of issues found, including those not kept.
    public var totalCount: Int

    /// Creates an error from issues (sorted here) and the total count.
    public init(issues: [FileIssue], totalCount: Int? = nil) {
        self.issues = issues.sorted()
        self.totalCount = max(totalCount ?? issues.count, issues.count)
    }

    /// The first 20 issues, one a line, and a count of the rest.
    public var description: String {
        var lines = issues.prefix(Self.listedLimit).map(\.description)
        let rest = totalCount - lines.count
        if rest > 0 { lines.append("… and \(rest) more error\(rest == 1 ? "" : "s") not listed") }
        return lines.joined(separator: "\n")
    }
}

/// Collects issues, keeping a bounded number so that a hopeless file cannot exhaust memory.
struct IssueLog: Sendable {
    /// Issues kept (the first `capacity` found).
    private(set) var issues: [FileIssue] = []
    /// All issues found.
    private(set) var count = 0
    private let capacity = 10_000

    var isEmpty: Bool { count == 0 }

    mutating func add(_ file: String, _ line: Int, _ column: Int, _ message: String) {
        count += 1
        if issues.count < capacity {
            issues.append(FileIssue(file: file, line: line, column: column, message: message))
        }
    }

    /// The error to throw, or `nil` when nothing was wrong.
    var error: HistoryError? {
        isEmpty ? nil : HistoryError(issues: issues, totalCount: count)
    }
}
