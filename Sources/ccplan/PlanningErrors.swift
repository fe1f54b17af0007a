import ArgumentParser
import CCPlanBase
import ContactHistory
import Planning

/// Runs `body`, turning the library's errors into ccplan's exit statuses: bad data 65, bad
/// assumptions or scenario files 64, an output place that is not ccplan's 73, outputs that cannot
/// be written 75 (a scheduler may retry).
func withPlanningErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as HistoryError {
        throw fail(ExitStatus.dataError, error.description)
    } catch let error as PlanError {
        throw fail(error.isUsageError ? ExitStatus.usage : ExitStatus.dataError, error.description)
    } catch let error as OutputError {
        throw fail(error.kind == .refused ? ExitStatus.cannotCreate : ExitStatus.temporaryFailure, error.description)
    }
}

/// Writes text to `path` atomically, or to standard output when `path` is nil or `-`.
func emit(_ text: String, to path: String?) throws {
    if let path, path != "-" {
        try withPlanningErrors { try AtomicOutput.write(text, to: path) }
    } else {
        print(text, terminator: "")
    }
}
