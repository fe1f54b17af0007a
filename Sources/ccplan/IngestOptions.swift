import ArgumentParser
import ContactHistory
import Foundation

extension VendorProfile: ExpressibleByArgument {}
extension DuplicatePolicy: ExpressibleByArgument {}
extension DSTGapPolicy: ExpressibleByArgument {}

/// The flags that say how to read history files, shared by every subcommand that reads them
/// (`inspect`, `forecast`, `backtest`, `plan` and `monitor`, with `@OptionGroup var ingest: IngestOptions`).
struct IngestOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "IANA time zone of local timestamps and of the output (e.g. Europe/Berlin).",
            valueName: "zone"))
    var timezone: String = "UTC"

    @Option(
        help: ArgumentHelp(
            "Also understand the export headers of a contact-centre platform.",
            valueName: "profile"))
    var profile: VendorProfile?

    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Read a canonical field from a column of another name, e.g. --map offered=Calls (repeatable).",
            valueName: "canonical=Header"))
    var mappings: [String] = []

    @Option(
        help: ArgumentHelp(
            "What to do with two rows for the same queue, channel and interval: error, sum or last.",
            valueName: "policy"))
    var onDuplicate: DuplicatePolicy = .error

    @Option(
        help: ArgumentHelp(
            "A row with contacts at a local time the clocks skip (spring forward): error, or shift it later by the gap (02:30 → 03:30). Rows there without contacts are dropped and counted.",
            valueName: "policy"))
    var dstGap: DSTGapPolicy = .error

    @Flag(
        help:
            "Use offered counts that the outlier rule (robust z-score above 10 on a log scale, see docs/inspect.md) refuses; they are listed in the quality report."
    )
    var acceptOutliers = false

    func validate() throws {
        guard TimeZone(identifier: timezone) != nil else {
            throw usageError(
                "--timezone", "unknown time zone \"\(timezone)\"; expected an IANA name such as Europe/Berlin or UTC")
        }
        // The --map fields are checked where the files they map are read (interval history here,
        // per-contact records in `ccplan monitor --contacts`).
    }

    func parsedMappings() throws -> [CanonicalField: String] {
        var result: [CanonicalField: String] = [:]
        for text in mappings {
            switch HistoryReadOptions.parseMapping(text) {
            case .success(let (field, header)):
                if result[field] != nil {
                    throw usageError("--map", "\(field.rawValue) is mapped twice")
                }
                result[field] = header
            case .failure(let error):
                throw usageError("--map", error.message)
            }
        }
        return result
    }

    /// The reader options these flags describe (validated by `validate()`).
    func readOptions() throws -> HistoryReadOptions {
        guard let zone = TimeZone(identifier: timezone) else {
            throw usageError("--timezone", "unknown time zone \"\(timezone)\"")
        }
        return HistoryReadOptions(
            timeZone: zone, timeZoneName: timezone, profile: profile, mappings: try parsedMappings(),
            onDuplicate: onDuplicate, dstGap: dstGap, outliers: acceptOutliers ? .accept : .refuse)
    }

    /// The zone of `--timezone` (validated by `validate()`).
    func readOptionsTimeZone() throws -> TimeZone {
        guard let zone = TimeZone(identifier: timezone) else {
            throw usageError("--timezone", "unknown time zone \"\(timezone)\"")
        }
        return zone
    }

    /// Reads history files, turning bad data into exit status 65 with every problem listed; a
    /// large file is read on `workers` threads (the result does not depend on it).
    func load(_ files: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> ContactHistory {
        let options = try readOptions()
        do {
            return try ContactHistory.load(files, options: options, workers: workers)
        } catch {
            throw fail(ExitStatus.dataError, error.description)
        }
    }
}
