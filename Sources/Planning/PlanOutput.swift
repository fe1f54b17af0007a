import CCPlanBase
import Foundation

/// What a plan's output directory is, so that `ccplan plan --out DIR` replaces a directory only
/// when it is a plan ccplan wrote, and never deletes anything else (`--out .`).
public enum PlanOutput {
    /// Every file a plan directory may hold.
    public static let fileNames = QueuePlanning.fileNames + ["scenarios.csv", "plan.json", "report.html"]

    /// Whether the directory at `path` is a ccplan plan: its `plan.json` is ccplan's (a JSON object
    /// with `ccplan_version` and `scenarios`) and it holds nothing but the files of a plan.
    ///
    /// - Complexity: O(size of plan.json).
    public static func isPlan(_ path: String) -> Bool {
        AtomicOutput.isOutput(files: fileNames, marker: "plan.json", keys: ["scenarios"])(path)
    }

    /// Writes `files` (name, contents in parts) as the directory `path`, all files at once, replacing it only once every file
    /// is complete, and only when it is absent, empty or a plan (``isPlan(_:)``). A symbolic link
    /// is followed: the plan it points to is replaced, the link stays.
    ///
    /// - Throws: ``OutputError``: refused (exit 73) for a directory that is not a plan, or
    ///   (exit 75) when it cannot be written.
    /// - Complexity: O(total size of the files).
    public static func write(_ files: [PlanResult.File], to path: String) throws {
        try AtomicOutput.replaceDirectory(at: path, isReplaceable: isPlan) { staging in
            try AtomicOutput.write(files: files.map { (staging + "/" + $0.name, $0.parts) })
        }
    }
}
