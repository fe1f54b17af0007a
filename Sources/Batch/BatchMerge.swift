import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why parts cannot be merged.
public enum PartProblem: Error, Sendable, CustomStringConvertible {
    /// A shard is missing or not finished: retry once it has (exit 75).
    case notReady(String)
    /// A part's manifest or files are not what its manifest says (exit 65).
    case damaged(String)
    /// The parts do not belong together: configs, inputs or versions differ (exit 65).
    case mismatched(String)
    /// The arguments are wrong: an --out among the inputs, a shard given twice (exit 64).
    case usage(String)

    public var description: String {
        switch self {
        case .notReady(let m), .damaged(let m), .mismatched(let m), .usage(let m): return m
        }
    }
}

/// `ccplan merge`: combines the parts of a sharded batch into exactly the files a single,
/// unsharded run writes (byte for byte), after checking that every shard is present and
/// finished, that all parts come from the same config, inputs and ccplan version, and that every
/// part file is what its manifest says (size and SHA-256).
public enum BatchMerge {
    /// Merges parts into `output`.
    ///
    /// - Throws: ``BatchFailure``: `.temporary` when a shard is missing or unfinished (retry
    ///   once it finished) or the output cannot be written; `.data` for parts of different
    ///   configs, inputs or versions, or damaged parts; `.usage` for bad arguments (an `--out`
    ///   inside a part); `.cannotCreate` for an `--out` holding files that are not ccplan's.
    public static func run(_ arguments: [String], output: String, logger: Logger) throws(BatchFailure) -> BatchSummary {
        do { return try BatchMerger(arguments: arguments, output: output, logger: logger).run() } catch {
            throw BatchFailure(error)
        }
    }
}

/// One merge, step by step; each step names what it throws.
struct BatchMerger {
    let arguments: [String]
    let output: String
    let logger: Logger
    let started = Date()

    /// A part directory and its manifest.
    struct Part {
        var dir: String
        var manifest: BatchManifest
    }

    func run() throws -> BatchSummary {
        try checkOutputIsNotAnInput()
        let parts = try readParts()
        try checkPartsBelongTogether(parts)
        try checkEveryShardOnce(parts)
        try verifyPartFiles(parts)
        let sources = try queueSources(parts)
        let inputs = try mergedInputs(parts)
        let lock = try BatchOutputDirectory.acquire(output)
        defer { lock.release() }
        var merged = try startManifest(parts, inputs: inputs)
        try writeMergedFiles(parts, sources, into: &merged)
        return try finishManifest(&merged)
    }

    /// Step 1: `--out` must be neither an input directory nor inside one (the merge would
    /// overwrite a part it reads: `merge parts --out parts/part-00000-of-00002`).
    ///
    /// - Throws: ``PartProblem/usage(_:)``.
    func checkOutputIsNotAnInput() throws(PartProblem) {
        let target = Self.resolved(output)
        for a in arguments {
            let input = Self.resolved(a)
            if target == input || target.hasPrefix(input == "/" ? "/" : input + "/") {
                throw .usage(
                    "--out \(output) is \(target == input ? "" : "inside ")\(a), one of the directories to merge: "
                        + "the merge would overwrite its own input; give a directory outside them")
            }
        }
    }

    /// The absolute path of `path` with symbolic links resolved as far as it exists.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while realpath(existing, nil) == nil, existing != "/" {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        guard let real = realpath(existing, nil) else { return existing }
        defer { free(real) }
        return ([String(cString: real)] + rest).joined(separator: "/").replacingOccurrences(of: "//", with: "/")
    }

    /// Part directories: each argument is a part (it has a manifest.json) or a directory holding
    /// `part-*-of-*` directories.
    ///
    /// - Throws: ``PartProblem/notReady(_:)`` when an argument is not a directory or holds no part.
    func partDirectories() throws(PartProblem) -> [String] {
        var out: [String] = []
        for a in arguments {
            let dir = a.hasSuffix("/") && a.count > 1 ? String(a.dropLast()) : a
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw .notReady("\(dir): no such directory (has the shard run yet?)")
            }
            if FileManager.default.fileExists(atPath: dir + "/manifest.json") {
                out.append(dir)
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasPrefix("part-") && $0.contains("-of-") }.sorted()
            guard !names.isEmpty else { throw .notReady("\(dir): no manifest.json and no part-*-of-* directories") }
            out += names.map { dir + "/" + $0 }
        }
        return out
    }

    /// Step 2: every part's manifest, finished.
    ///
    /// - Throws: ``PartProblem``: a missing or unfinished manifest is `notReady` (retry), a
    ///   manifest that is not a batch manifest is `damaged` (a retry cannot help).
    func readParts() throws(PartProblem) -> [Part] {
        var parts: [Part] = []
        for d in try partDirectories() {
            switch BatchManifest.load(d + "/manifest.json") {
            case .missing: throw .notReady("\(d)/manifest.json is missing (has the shard finished?)")
            case .damaged(let why): throw .damaged("\(d)/manifest.json \(why): the part is damaged; rerun that shard")
            case .manifest(let m):
                guard m.status == .complete else {
                    throw .notReady(
                        "\(d) is not finished (manifest status \(m.status.rawValue)); rerun or wait for that shard")
                }
                parts.append(Part(dir: d, manifest: m))
            }
        }
        guard !parts.isEmpty else { throw .usage("no parts to merge") }
        return parts
    }

    /// Step 3: the same config, inputs, version, output files and shard count.
    ///
    /// - Throws: ``PartProblem/mismatched(_:)``.
    func checkPartsBelongTogether(_ parts: [Part]) throws(PartProblem) {
        let (d0, first) = (parts[0].dir, parts[0].manifest)
        for p in parts {
            let (d, m) = (p.dir, p.manifest)
            if m.version != first.version {
                throw .mismatched(
                    "refusing to merge parts of different ccplan versions: \(d0) has \(first.version), \(d) has \(m.version)"
                )
            }
            if m.configSHA256 != first.configSHA256 {
                throw .mismatched(
                    "refusing to merge parts of different configs: \(d0) (config sha256 \(first.configSHA256.prefix(12))…) and \(d) (\(m.configSHA256.prefix(12))…)"
                )
            }
            if m.inputListSHA256 != first.inputListSHA256 {
                throw .mismatched(
                    "refusing to merge parts made from different input files: \(d0) and \(d) (compare input_list in their manifest.json)"
                )
            }
            if m.outputFiles != first.outputFiles || m.quantileLevels != first.quantileLevels {
                throw .mismatched(
                    "refusing to merge parts with different output files or quantile levels: \(d0) and \(d)")
            }
            if (m.shard?.count ?? 1) != (first.shard?.count ?? 1) {
                throw .mismatched(
                    "refusing to merge parts of different shard counts: \(d0) is of \(first.shard?.count ?? 1), \(d) of \(m.shard?.count ?? 1)"
                )
            }
        }
    }

    /// Step 4: every shard exactly once.
    ///
    /// - Throws: ``PartProblem``: `usage` for a shard given twice, `notReady` for missing shards.
    func checkEveryShardOnce(_ parts: [Part]) throws(PartProblem) {
        let count = parts[0].manifest.shard?.count ?? 1
        var byIndex: [Int: String] = [:]
        for p in parts {
            let i = p.manifest.shard?.index ?? 0
            if let other = byIndex[i] { throw .usage("shard \(i)/\(count) is given twice: \(other) and \(p.dir)") }
            byIndex[i] = p.dir
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.prefix(10).map { ShardSpec(index: $0, count: count).partName }.joined(separator: ", ")
            throw .notReady(
                "\(missing.count) of \(count) shards are missing: \(names)\(missing.count > 10 ? ", …" : "")")
        }
    }

    /// Step 5: every part file has the size and SHA-256 its manifest records (a damaged or
    /// half-copied part is refused, naming the file), hashed in parallel.
    ///
    /// - Throws: ``PartProblem/damaged(_:)``.
    func verifyPartFiles(_ parts: [Part]) throws(PartProblem) {
        let files = parts.flatMap { p in p.manifest.files.map { (path: p.dir + "/" + $0.name, entry: $0) } }
        let problems = Parallel.map(files, workers: ProcessInfo.processInfo.activeProcessorCount) { f -> String? in
            let size = (try? FileManager.default.attributesOfItem(atPath: f.path)[.size] as? Int) ?? -1
            guard size == f.entry.bytes else {
                return "\(f.path) has \(size) bytes, its manifest says \(f.entry.bytes): the part is damaged"
            }
            guard let digest = fileSHA256(f.path) else { return "\(f.path) cannot be read: the part is damaged" }
            guard digest.hex == f.entry.sha256 else {
                return "\(f.path) does not match its manifest (SHA-256 \(digest.hex.prefix(12))…, the manifest says "
                    + "\(f.entry.sha256.prefix(12))…): the part is damaged; copy it again or rerun that shard"
            }
            return nil
        }
        if let first = problems.compactMap({ $0 }).first { throw .damaged(first) }
    }
}
