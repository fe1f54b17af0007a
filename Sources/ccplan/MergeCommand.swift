import ArgumentParser
import Batch
import Foundation

/// `ccplan merge`: combines the parts of a sharded `ccplan batch` into the files of one run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the parts of a sharded batch into exactly the files of a single run.",
        discussion: """
            Each DIR is a part directory (part-0000i-of-0000N, with its manifest.json) or a \
            directory holding the parts. Checks that every shard is present and finished, that \
            all come from the same config, inputs and ccplan version, and that every part file has \
            the size and SHA-256 its manifest records, then writes the same files a single \
            unsharded `ccplan batch` writes (byte for byte), plus a merged manifest.json. --out must \
            be outside every DIR; it may be a symbolic link (the files go where it points). \
            Reference: docs/batch.md.

            Exit status: 0 merged, every queue planned; 65 merged, but some queues had bad input \
            (failures.csv), or the parts do not belong together, or a part is damaged (its \
            manifest is not a batch manifest, or a file differs from it); 64 usage (--out inside \
            a DIR); 73 --out holds files that are not ccplan's; 75 a shard is missing or \
            unfinished, or the output is not writable: retry once the shards finished.

            Example:
              ccplan merge batch-output --out batch-final
            """)

    @Argument(help: ArgumentHelp("Part directories, or directories holding part-*-of-*.", valueName: "dir"))
    var directories: [String]

    @Option(help: ArgumentHelp("Output directory of the merged files.", valueName: "dir"))
    var out: String

    @OptionGroup var logging: BatchLogOptions

    func validate() throws {
        if directories.isEmpty { throw usageError("DIR", "give the part directories (or their parent)") }
    }

    func run() throws {
        let logger = logging.logger("ccplan.merge")
        let summary: BatchSummary
        do { summary = try BatchMerge.run(directories, output: out, logger: logger) } catch {
            throw exitStatus(error)
        }
        if !summary.failures.isEmpty {
            throw fail(
                ExitStatus.dataError,
                "\(summary.failures.count) queue(s) were not planned because of bad input; \(summary.planned) planned; see \(out)/failures.csv"
            )
        }
    }
}
