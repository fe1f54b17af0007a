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

/// Why a batch (or merge) stopped, by exit status: usage/config 64, data 65, transient 75.
public enum BatchFailure: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case data(String)
    case temporary(String)

    public var description: String {
        switch self {
        case .usage(let m), .data(let m), .temporary(let m): return m
        }
    }
}

/// How to run a batch.
public struct BatchOptions: Sendable {
    public var config: BatchConfig
    /// The output root; a shard writes into `<root>/part-0000i-of-0000N`.
    public var outputRoot: String
    public var shard: ShardSpec = .all
    /// Where the shard came from (`flag`, `kubernetes`, `slurm`, …), for the manifest.
    public var shardSource: String?
    /// Queues planned at once (≥ 1).
    public var workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Redo every queue even when the manifest says they are done.
    public var force = false
    /// Show a progress bar (terminal) or periodic progress lines (otherwise).
    public var progress = true
    public var progressInterval: TimeInterval = 10
    public var version: String = PlanningVersion.current
    /// Test hook (`CCPLAN_TEST_KILL`): `after-queues:N` or `during-assembly` sends SIGKILL to itself.
    public var testKill: String?

    public init(config: BatchConfig, outputRoot: String) {
        self.config = config
        self.outputRoot = outputRoot
    }

    /// The directory this run writes.
    public var outputDirectory: String { shard.isWhole ? outputRoot : outputRoot + "/" + shard.partName }
}

/// What a batch did.
public struct BatchSummary: Sendable {
    public var outputDirectory: String
    public var planned: Int
    public var reused: Int
    public var failures: [QueueFailure]
    /// The previous run with the same inputs and config had finished: nothing was done.
    public var upToDate: Bool
    public var seconds: Double
}

/// `ccplan batch`: plan every queue of the config's inputs (or one shard's share of them),
/// in parallel, with failures isolated per queue, resumable, atomically written.
public enum BatchRun {
    static let workDirectoryName = ".ccplan-work"

    /// Runs a batch.
    ///
    /// - Throws: ``BatchFailure``. Queue failures are not thrown: they are in the summary
    ///   (and `failures.csv`); the caller exits 65 when there are any.
    public static func run(_ options: BatchOptions, work: any QueueWork = PlanningWork(), logger: Logger) async throws -> BatchSummary {
        let started = Date()
        let config = options.config
        let dir = options.outputDirectory
        let workDir = dir + "/" + workDirectoryName
        let fm = FileManager.default

        // 1. The output directory, its lock, and the leftovers of a killed run.
        do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw BatchFailure.temporary("cannot create the output directory \(dir): \((error as NSError).localizedDescription)")
        }
        guard access(dir, W_OK) == 0 else { throw BatchFailure.temporary("the output directory \(dir) is not writable") }
        let lock: OutputLock
        do { lock = try OutputLock(directory: dir) } catch { throw BatchFailure.temporary(error.description) }
        defer { lock.release() }
        removeTemporaries(in: dir)
        removeTemporaries(in: workDir + "/queues")

        // 2. Inputs and their hashes.
        let inputPaths: [String]
        do { inputPaths = try BatchInputs.expand(config.historyPatterns.isEmpty ? config.forecastPatterns : config.historyPatterns) } catch {
            throw BatchFailure.data(error.description)
        }
        let role = config.historyPatterns.isEmpty ? "forecast" : "history"
        // A shard parses (and hashes) only the files that hold its queues; every part records
        // the list of all input files (path and size), which a merge checks is the same.
        var listText = ""
        for p in inputPaths { listText += "\(p)\t\((try? fm.attributesOfItem(atPath: p)[.size] as? Int) ?? -1)\n" }
        let inputListSHA = SHA256.hex(Array(listText.utf8))
        let selectStart = Date()
        let ownFiles = await BatchInputs.select(
            files: inputPaths, forecasts: role == "forecast", options: config.readOptions, shard: options.shard,
            workers: options.workers, oneQueuePerFile: config.oneQueuePerFile)
        if ownFiles.count < inputPaths.count {
            logger.info("input files selected", metadata: [
                "files": .stringConvertible(ownFiles.count), "of": .stringConvertible(inputPaths.count), "seconds": .stringConvertible(rounded(Date().timeIntervalSince(selectStart), 2)),
            ])
        }
        var hashList: [(path: String, role: String)] = [(config.path, "config")]
        hashList += ownFiles.map { ($0, role) }
        if let h = config.holidaysPath { hashList.append((h, "holidays")) }
        if let e = config.eventsPath { hashList.append((e, "events")) }
        hashList += config.scenarioPaths.map { ($0, "scenarios") }
        // The previous run's manifest. When the inputs changed (the nightly case) they are parsed
        // while they are hashed; when they look unchanged (same sizes and config) they are hashed
        // first, and parsed only if the hashes say the previous run is not the same.
        let manifestPath = dir + "/manifest.json"
        let previous = BatchManifest.read(manifestPath)
        let sizes = Dictionary(hashList.map { ($0.path, (try? fm.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? -1) }) { a, _ in a }
        let likelyUpToDate = !options.force && previous?.status == "complete" && previous?.configSHA256 == config.sha256
            && previous.map { p in p.inputs.count == hashList.count - 1 && p.inputs.allSatisfy { sizes[$0.path] == $0.bytes } } == true
        let readStart = Date()
        let readOptions = config.readOptions, defaultAHT = config.defaultAHT, shard = options.shard, workers = options.workers
        let oneQueuePerFile = config.oneQueuePerFile
        let forecasts = role == "forecast"
        let load = { @Sendable in
            await BatchInputs.load(
                files: ownFiles, forecasts: forecasts, options: readOptions, defaultAHT: defaultAHT, shard: shard, workers: workers,
                oneQueuePerFile: oneQueuePerFile)
        }
        var parseTask: Task<BatchInputs.Loaded, Never>? = likelyUpToDate ? nil : Task { await load() }
        let hashStart = Date()
        let inputs: [InputFile]
        do { inputs = try await BatchInputs.hash(hashList, workers: options.workers) } catch {
            parseTask?.cancel()
            throw BatchFailure.data(error.description)
        }
        let inputBytes = inputs.filter { $0.role == role }.reduce(0) { $0 + $1.bytes }
        logger.info("inputs hashed", metadata: [
            "files": .stringConvertible(ownFiles.count), "bytes": .stringConvertible(inputBytes), "seconds": .stringConvertible(rounded(Date().timeIntervalSince(hashStart), 2)),
        ])

        var keyText = "ccplan-batch/1\n\(options.version)\nconfig \(config.sha256)\nshard \(options.shard)\nfiles \(config.outputFiles.joined(separator: ","))\ninput list \(inputListSHA)\n"
        for f in inputs where f.role != "config" { keyText += "\(f.role) \(f.sha256) \(f.path)\n" }
        let runKey = SHA256.hex(Array(keyText.utf8))

        var manifest = BatchManifest(
            status: "running", version: options.version, runKey: runKey, configPath: config.path, configSHA256: config.sha256,
            shard: options.shard.isWhole ? nil : options.shard, shardSource: options.shard.isWhole ? nil : options.shardSource,
            inputs: inputs.filter { $0.role != "config" }, quantileLevels: config.quantileLevels, outputFiles: config.outputFiles)
        manifest.workers = options.workers
        manifest.inputListSHA256 = inputListSHA
        manifest.inputFileCount = inputPaths.count

        // 3. Nothing to do when the same run already finished.
        if !options.force, let p = previous, p.status == "complete", p.runKey == runKey,
           p.files.allSatisfy({ (try? fm.attributesOfItem(atPath: dir + "/" + $0.name)[.size] as? Int) == $0.bytes }) {
            logger.info("up to date: same inputs and config as the finished run; nothing to do (--force to redo)", metadata: [
                "dir": "\(dir)", "planned": .stringConvertible(p.plannedCount), "failed": .stringConvertible(p.failures.count),
            ])
            return BatchSummary(outputDirectory: dir, planned: p.plannedCount, reused: p.plannedCount, failures: p.failures, upToDate: true,
                                seconds: Date().timeIntervalSince(started))
        }
        if options.force || previous?.runKey != runKey {
            try? fm.removeItem(atPath: workDir)
        }
        do {
            try fm.createDirectory(atPath: workDir + "/queues", withIntermediateDirectories: true)
            try AtomicOutput.write(manifest.json(), to: manifestPath)
        } catch {
            throw BatchFailure.temporary("cannot write \(dir): \(error)")
        }

        // 4. Calendars and scenario files (shared by every queue).
        var request = ForecastRequest(horizonSeconds: config.horizonSeconds)
        request.model = config.model
        request.quantileLevels = config.quantileLevels
        request.defaultAHT = config.defaultAHT
        if let s = config.start {
            guard let t = Timestamps.parse(s, timeZone: config.readOptions.timeZone) else {
                throw BatchFailure.usage("\(config.path): forecast.start '\(s)' is not a time that exists in \(config.readOptions.timeZone.identifier)")
            }
            request.start = t
        }
        do {
            if let h = config.holidaysPath { request.holidays = try CalendarFiles.holidays(h) }
            if let e = config.eventsPath { request.events = try CalendarFiles.events(e) }
        } catch {
            throw BatchFailure.data(error.description)
        }
        let forecastRequest = request
        var scenarioFiles: [String: ScenarioFile] = [:]
        for path in config.scenarioPaths {
            guard let data = fm.contents(atPath: path) else { throw BatchFailure.usage("cannot read the scenario file \(path)") }
            do { scenarioFiles[path] = try ScenarioFile.parse(yaml: String(decoding: data, as: UTF8.self), path: path) } catch {
                throw BatchFailure.usage(error.description)
            }
        }

        // 5. Read the inputs (each file on its own: a bad file fails only its queues).
        if parseTask == nil { parseTask = Task { await load() } }
        let loaded = await parseTask!.value
        logger.info("inputs read", metadata: [
            "queues": .stringConvertible(loaded.items.count), "files_parsed": .stringConvertible(loaded.filesParsed), "files_skipped": .stringConvertible(inputPaths.count - ownFiles.count),
            "failed": .stringConvertible(loaded.failures.count), "seconds": .stringConvertible(rounded(Date().timeIntervalSince(readStart), 2)), "shard": "\(options.shard)",
        ])
        for f in loaded.failures {
            logger.error("queue skipped: bad input", metadata: ["queue": "\(f.queue)", "channel": "\(f.channel)", "error": "\(f.message)"])
        }

        // 6. Plan every queue not done yet, `workers` at a time.
        struct Done: Sendable {
            var index: Int
            var fragment: Fragment?
            var reused: Bool
            var ioError: String?
        }
        var pending = loaded.items.map { Optional($0) }
        let total = pending.count
        var fragments = [Fragment?](repeating: nil, count: total)
        var reused = 0
        var todo: [Int] = []
        for (i, item) in loaded.items.enumerated() {
            let path = workDir + "/queues/" + Fragment.fileName(queue: item.queue, channel: item.channel)
            if let (f, _, _) = Fragment.read(path), f.runKey == runKey, f.queue == item.queue, f.channel == item.channel.rawValue {
                fragments[i] = f
                reused += 1
                pending[i] = nil
            } else {
                todo.append(i)
            }
        }
        if reused > 0 { logger.info("resuming: queues already planned by an interrupted run are kept", metadata: ["reused": .stringConvertible(reused), "to_do": .stringConvertible(todo.count)]) }

        let progress = ProgressReporter(total: total, interval: options.progressInterval, logger: logger, console: .shared, enabled: options.progress)
        for _ in 0..<reused { progress.step(failed: false) }
        let planStart = Date()
        let killAfter: Int? = options.testKill.flatMap { $0.hasPrefix("after-queues:") ? Int($0.dropFirst("after-queues:".count)) : nil }
        var newlyDone = 0
        var ioFailure: String?
        await withTaskGroup(of: Done.self) { group in
            var next = 0
            func schedule(_ group: inout TaskGroup<Done>) {
                guard next < todo.count else { return }
                let index = todo[next]
                next += 1
                let item = pending[index]!
                pending[index] = nil  // the task owns the series now; memory is freed as queues finish
                let path = workDir + "/queues/" + Fragment.fileName(queue: item.queue, channel: item.channel)
                let assumptions = Result { () throws(FileIssue) -> PlanAssumptions in try config.assumptions(queue: item.queue, channel: item.channel) }
                let scenarios = config.scenarioPath(queue: item.queue, channel: item.channel).flatMap { scenarioFiles[$0] }
                let outputFiles = config.outputFiles
                group.addTask {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    var fragment = Fragment(runKey: runKey, queue: item.queue, channel: item.channel.rawValue, status: "planned",
                                            seconds: 0, model: nil, error: nil, sections: [])
                    var body: [UInt8] = []
                    do {
                        let a = try assumptions.get()
                        let rows = try work.run(item, QueueSettings(request: forecastRequest, assumptions: a, scenarios: scenarios))
                        fragment.model = rows.model
                        for name in outputFiles {
                            let text = rows.files.first { $0.name == name }?.rows ?? ""
                            body.append(contentsOf: text.utf8)
                            fragment.sections.append((name, text.utf8.count))
                        }
                    } catch {
                        fragment.status = "failed"
                        fragment.error = "\(error)"
                        fragment.sections = []
                        body = []
                    }
                    fragment.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                    if let e = writeWithoutSync(Array(fragment.headerLine().utf8) + body, to: path) {
                        return Done(index: index, fragment: nil, reused: false, ioError: "cannot write \(path): \(e)")
                    }
                    return Done(index: index, fragment: fragment, reused: false, ioError: nil)
                }
            }
            for _ in 0..<max(1, options.workers) { schedule(&group) }
            while let done = await group.next() {
                if let e = done.ioError {
                    ioFailure = e
                    group.cancelAll()
                    break
                }
                fragments[done.index] = done.fragment
                newlyDone += 1
                let f = done.fragment!
                if f.status == "failed" {
                    logger.error("queue failed", metadata: ["queue": "\(f.queue)", "channel": "\(f.channel)", "error": "\(f.error ?? "")"])
                } else {
                    logger.debug("queue planned", metadata: ["queue": "\(f.queue)", "channel": "\(f.channel)", "seconds": .stringConvertible(rounded(f.seconds, 3)), "model": "\(f.model ?? "")"])
                }
                progress.step(failed: f.status == "failed")
                if let k = killAfter, newlyDone == k { kill(getpid(), SIGKILL) }
                schedule(&group)
            }
        }
        progress.finish()
        if let e = ioFailure { throw BatchFailure.temporary(e) }
        let planSeconds = Date().timeIntervalSince(planStart)
        logger.info("queues planned", metadata: [
            "queues": .stringConvertible(newlyDone), "reused": .stringConvertible(reused), "seconds": .stringConvertible(rounded(planSeconds, 2)),
            "rate_per_s": .stringConvertible(rounded(planSeconds > 0 ? Double(newlyDone) / planSeconds : 0, 2)), "workers": .stringConvertible(options.workers),
        ])

        // 7. Assemble the files: header + every planned queue's rows in (queue, channel) order.
        var failures = loaded.failures
        var entries: [BatchManifest.QueueEntry] = []
        for f in loaded.failures where !f.queue.isEmpty {
            entries.append(.init(queue: f.queue, channel: f.channel, status: "failed", seconds: 0, model: nil, error: f.message))
        }
        let headerLevels = config.quantileLevels
        var fileEntries: [BatchManifest.FileEntry] = []
        do {
            var writers: [(name: String, file: AtomicTextFile, offset: Int, hash: SHA256)] = []
            for name in config.outputFiles {
                let header = Array(work.header(for: name, quantileLevels: headerLevels).utf8)
                let file = try AtomicTextFile(path: dir + "/" + name)
                try file.write(bytes: header)
                var hash = SHA256()
                hash.update(header)
                writers.append((name, file, header.count, hash))
            }
            for (i, item) in loaded.items.enumerated() {
                guard let f = fragments[i] else { continue }
                if options.testKill == "during-assembly" && i == total / 2 { kill(getpid(), SIGKILL) }
                var entry = BatchManifest.QueueEntry(queue: f.queue, channel: f.channel, status: f.status, seconds: f.seconds, model: f.model, error: f.error)
                if f.status == "failed" {
                    failures.append(QueueFailure(queue: f.queue, channel: f.channel, stage: "plan", message: f.error ?? ""))
                } else {
                    let path = workDir + "/queues/" + Fragment.fileName(queue: item.queue, channel: item.channel)
                    guard let (_, data, body) = Fragment.read(path) else { throw BatchFailure.temporary("cannot read \(path) back") }
                    var offset = data.startIndex + body
                    for (name, length) in f.sections {
                        guard let w = writers.firstIndex(where: { $0.name == name }) else { offset += length; continue }
                        let bytes = Array(data[offset..<(offset + length)])
                        try writers[w].file.write(bytes: bytes)
                        writers[w].hash.update(bytes)
                        entry.ranges[name] = (writers[w].offset, length)
                        writers[w].offset += length
                        offset += length
                    }
                }
                entries.append(entry)
            }
            failures.sort(by: <)
            let failuresText = QueueFailure.csvHeader + failures.map(\.csvRow).joined()
            for k in writers.indices {
                try writers[k].file.commit()
                fileEntries.append(.init(name: writers[k].name, bytes: writers[k].offset, sha256: writers[k].hash.hexDigest()))
            }
            try AtomicOutput.write(failuresText, to: dir + "/failures.csv")
            fileEntries.append(.init(name: "failures.csv", bytes: failuresText.utf8.count, sha256: SHA256.hex(Array(failuresText.utf8))))
        } catch let e as BatchFailure {
            throw e
        } catch {
            throw BatchFailure.temporary("cannot write the outputs in \(dir): \(error)")
        }
        entries.sort { ($0.queue, channelRank($0.channel)) < ($1.queue, channelRank($1.channel)) }

        // 8. The manifest, last: the run is complete only once it says so.
        manifest.status = "complete"
        manifest.queues = entries
        manifest.failures = failures
        manifest.files = fileEntries
        manifest.seconds = Date().timeIntervalSince(started)
        do { try AtomicOutput.write(manifest.json(), to: manifestPath) } catch { throw BatchFailure.temporary(error.description) }
        try? fm.removeItem(atPath: workDir)
        let planned = entries.filter { $0.status == "planned" }.count
        logger.info("batch finished", metadata: [
            "dir": "\(dir)", "planned": .stringConvertible(planned), "failed": .stringConvertible(failures.count), "reused": .stringConvertible(reused),
            "seconds": .stringConvertible(rounded(manifest.seconds, 2)),
        ])
        return BatchSummary(outputDirectory: dir, planned: planned, reused: reused, failures: failures, upToDate: false, seconds: manifest.seconds)
    }

    /// Writes a fragment through a temporary sibling and rename(2), without fsync: a fragment
    /// torn by a power loss fails its length check when read back and is planned again, so the
    /// 1,000s of fsyncs of a large run are not needed (the final files are synced).
    static func writeWithoutSync(_ bytes: [UInt8], to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                return e
            }
            offset += n
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let e = String(cString: strerror(errno))
            unlink(temporary)
            return e
        }
        return nil
    }

    /// Removes the temporary files a killed writer left (`.name.PID.tmp`, `.name.tmp-…`).
    static func removeTemporaries(in dir: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for name in names where name.hasPrefix(".") && (name.hasSuffix(".tmp") || name.contains(".tmp-") || name.contains(".old-")) {
            try? FileManager.default.removeItem(atPath: dir + "/" + name)
        }
    }
}

/// `x` rounded to `digits` decimals, for log metadata.
func rounded(_ x: Double, _ digits: Int) -> Double {
    let p = pow(10.0, Double(digits))
    return (x * p).rounded() / p
}

/// The rank of a channel name in `Channel`'s order (unknown names last).
func channelRank(_ name: String) -> Int {
    Channel(rawValue: name).flatMap { Channel.allCases.firstIndex(of: $0) } ?? Channel.allCases.count
}
