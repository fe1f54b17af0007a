import ArgumentParser
import CCPlanBase
import Foundation

/// The exit statuses of ccplan, from BSD's sysexits.h, defined once for every subcommand.
///
/// Cron wrappers and cluster engines act on them: 64, 65 and 73 must not be retried, 75 may be.
enum ExitStatus {
    /// EX_USAGE: a flag or argument is wrong.
    static let usage = ExitCode(64)
    /// EX_DATAERR: an input file is malformed or inconsistent.
    static let dataError = ExitCode(65)
    /// EX_SOFTWARE: an internal failure (the MILP solver failed).
    static let software = ExitCode(70)
    /// EX_CANTCREAT: the output cannot be put where it was asked for: `--out` is a non-empty
    /// directory that is not ccplan's output (ccplan never deletes or overwrites files it did not
    /// write), or a file. Not transient: give another `--out`.
    static let cannotCreate = ExitCode(73)
    /// EX_TEMPFAIL: a transient failure (output not writable, lock held); retrying may succeed.
    static let temporaryFailure = ExitCode(75)
    /// `ccplan capacity`: the files are written, but the best hiring plan still leaves a week
    /// short of the requirement that the policy could influence (a cron job can alert on it).
    static let shortfall = ExitCode(3)
    /// `ccplan monitor`: the review is written, and a period breaches an agreed tolerance (a cron
    /// job can alert on it).
    static let toleranceBreached = ExitCode(4)
    /// `ccplan schedule`: the files are written, but a schedule leaves intervals uncovered, misses
    /// its weekly service-level target, or was stopped by the time limit above the gap.
    static let scheduleShort = ExitCode(5)
}

/// Prints `ccplan: error: <message>` to standard error and returns the exit status to throw.
///
/// Usage: `throw fail(.dataError, "history.csv:12:3: expected a number, found \"abc\"")`.
func fail(_ status: ExitCode, _ message: String) -> ExitCode {
    printError("ccplan: error: \(TerminalText.escaped(message, keepingLineBreaks: true))")
    return status
}

/// A usage error naming the flag; ArgumentParser prints it with the usage line and exits 64.
func usageError(_ flag: String, _ message: String) -> ValidationError {
    ValidationError("\(flag): \(message)")
}

/// Writes a line to standard error (unbuffered), never to standard output.
func printError(_ message: String) {
    var line = message
    if !line.hasSuffix("\n") { line += "\n" }
    FileHandle.standardError.write(Data(line.utf8))
}
