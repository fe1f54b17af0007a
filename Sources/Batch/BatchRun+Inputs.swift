import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

/// The inputs of a run, found and hashed; their parse runs beside the hashing.
struct PreparedInputs: Sendable {
    /// Every input file of the run (all shards'), and those this shard parses.
    var paths: [String]
    var ownFiles: [String]
    var role: InputRole
    /// The config, this shard's input files, calendars and scenario files with their SHA-256.
    var hashed: [InputFile]
    /// SHA-256 of the list of every input file (path and size): the same in every part.
    var listSHA256: String
    /// SHA-256 of the version, config, shard, output files and every input's hash.
    var runKey: String
    /// The manifest of the previous run in the directory, and its bytes.
    var previous: BatchManifest?
    var previousBytes: Data?
    let readStart: Date
    /// The parse (started before hashing when the inputs look changed).
    let parse: Task<BatchInputs.Loaded, Never>?
    let load: @Sendable () -> BatchInputs.Loaded

    /// The parsed inputs: the running parse, or a parse now.
    func parsed() async -> BatchInputs.Loaded {
        if let parse { return await parse.value }
        return load()
    }
}

/// Calendars and scenario files, shared by every queue.
struct SharedFiles: Sendable {
    var request: ForecastRequest
    var scenarioFiles: [String: ScenarioFile]
}

extension BatchRunner {
    /// Step 2: finds the input files, picks this shard's, and hashes them (and the config,
    /// calendars and scenario files) while parsing them.
    ///
    /// - Throws: ``InputProblem``: a pattern matches no file (named at its line and column in the
    ///   config), or a file cannot be read.
    func loadInputs() async throws -> PreparedInputs {
        let fm = FileManager.default
        let paths: [String]
        do { paths = try BatchInputs.expand(config.inputPatterns) } catch {
            throw InputProblem(description: error.description)
        }
        let role: InputRole = config.history.isEmpty ? .forecast : .history
        func size(_ path: String) -> Int { (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? -1 }
        // A shard parses (and hashes) only the files that hold its queues; every part records
        // the list of all input files (path and size), which a merge checks is the same.
        var listText = ""
        for p in paths { listText += "\(p)\t\(size(p))\n" }
        let selectStart = Date()
        let ownFiles = BatchInputs.select(
            files: paths, forecasts: role == .forecast, options: config.readOptions, shard: options.shard,
            workers: options.workers, oneQueuePerFile: config.oneQueuePerFile)
        if ownFiles.count < paths.count {
            logger.info(
                "input files selected",
                metadata: [
                    "files": .stringConvertible(ownFiles.count), "of": .stringConvertible(paths.count),
                    "seconds": .stringConvertible(rounded(Date().timeIntervalSince(selectStart), 2)),
                ])
        }
        var hashList: [(path: String, role: InputRole)] = [(config.path, .config)]
        hashList += ownFiles.map { ($0, role) }
        if let h = config.holidaysPath { hashList.append((h, .holidays)) }
        if let e = config.eventsPath { hashList.append((e, .events)) }
        hashList += config.scenarioPaths.map { ($0, .scenarios) }

        // When the inputs changed (the nightly case) they are parsed while they are hashed; when
        // they look unchanged (same sizes and config) they are hashed first, and parsed only if
        // the hashes say the previous run is not the same.
        let previousBytes = fm.contents(atPath: manifestPath)
        let previous = BatchManifest.read(manifestPath)
        let sizes = Dictionary(hashList.map { ($0.path, size($0.path)) }) { a, _ in a }
        let likelyUpToDate =
            !options.force && previous?.status == .complete && previous?.configSHA256 == config.sha256
            && previous.map { p in
                p.inputs.count == hashList.count - 1 && p.inputs.allSatisfy { sizes[$0.path] == $0.bytes }
            } == true
        let (readOptions, defaultAHT, shard, workers) = (
            config.readOptions, config.defaultAHT, options.shard, options.workers
        )
        let oneQueuePerFile = config.oneQueuePerFile
        let load: @Sendable () -> BatchInputs.Loaded = {
            BatchInputs.load(
                files: ownFiles, forecasts: role == .forecast, options: readOptions, defaultAHT: defaultAHT,
                shard: shard,
                workers: workers, oneQueuePerFile: oneQueuePerFile)
        }
        let readStart = Date()
        let parse: Task<BatchInputs.Loaded, Never>? = likelyUpToDate ? nil : Task.detached { load() }
        let hashStart = Date()
        let hashed: [InputFile]
        do { hashed = try BatchInputs.hash(hashList, workers: options.workers) } catch {
            parse?.cancel()
            throw error
        }
        let inputBytes = hashed.filter { $0.role == role }.reduce(0) { $0 + $1.bytes }
        logger.info(
            "inputs hashed",
            metadata: [
                "files": .stringConvertible(ownFiles.count), "bytes": .stringConvertible(inputBytes),
                "seconds": .stringConvertible(rounded(Date().timeIntervalSince(hashStart), 2)),
            ])

        let listSHA256 = SHA256.hex(Array(listText.utf8))
        var keyText = "ccplan-batch/1\n\(options.version)\nconfig \(config.sha256)\nshard \(options.shard)\n"
        keyText += "files \(config.outputFiles.joined(separator: ","))\ninput list \(listSHA256)\n"
        for f in hashed where f.role != .config { keyText += "\(f.role.rawValue) \(f.sha256) \(f.path)\n" }
        return PreparedInputs(
            paths: paths, ownFiles: ownFiles, role: role, hashed: hashed, listSHA256: listSHA256,
            runKey: SHA256.hex(Array(keyText.utf8)), previous: previous, previousBytes: previousBytes,
            readStart: readStart, parse: parse, load: load)
    }

    /// Step 3: nothing to do when the same run already finished (and its files are in place).
    func upToDate(_ inputs: PreparedInputs) -> BatchSummary? {
        let fm = FileManager.default
        guard !options.force, let p = inputs.previous, p.status == .complete, p.runKey == inputs.runKey,
            p.files.allSatisfy({ (try? fm.attributesOfItem(atPath: dir + "/" + $0.name)[.size] as? Int) == $0.bytes })
        else { return nil }
        logger.info(
            "up to date: same inputs and config as the finished run; nothing to do (--force to redo)",
            metadata: [
                "dir": "\(dir)", "planned": .stringConvertible(p.plannedCount),
                "failed": .stringConvertible(p.failures.count),
            ])
        return BatchSummary(
            outputDirectory: dir, planned: p.plannedCount, reused: p.plannedCount, failures: p.failures, upToDate: true,
            seconds: Date().timeIntervalSince(started))
    }

    /// Step 4: the manifest says `running` (trust no CSV now) and the work directory is ready;
    /// the fragments of a killed run with the same run key are kept.
    ///
    /// - Throws: ``OutputError``.
    func startManifest(_ inputs: PreparedInputs) throws -> BatchManifest {
        let whole = options.shard.isWhole
        var manifest = BatchManifest(
            status: .running, version: options.version, runKey: inputs.runKey, configPath: config.path,
            configSHA256: config.sha256, shard: whole ? nil : options.shard,
            shardSource: whole ? nil : options.shardSource,
            inputs: inputs.hashed.filter { $0.role != .config }, quantileLevels: config.quantileLevels,
            outputFiles: config.outputFiles)
        manifest.workers = options.workers
        manifest.inputListSHA256 = inputs.listSHA256
        manifest.inputFileCount = inputs.paths.count
        if options.force || inputs.previous?.runKey != inputs.runKey {
            try? FileManager.default.removeItem(atPath: workDir)
        }
        do {
            try FileManager.default.createDirectory(atPath: workDir + "/queues", withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: workDir, reason: (error as NSError).localizedDescription)
        }
        try AtomicOutput.write(manifest.json(), to: manifestPath)
        return manifest
    }

    /// Step 5: the forecast request with its calendars, and the scenario files.
    ///
    /// - Throws: ``InputProblem`` for a malformed holidays or events file; ``FileIssue`` for a
    ///   bad scenario file or forecast start (config errors).
    func readSharedFiles() throws -> SharedFiles {
        var request = ForecastRequest(horizonSeconds: config.horizonSeconds)
        request.model = config.model
        request.quantileLevels = config.quantileLevels
        request.defaultAHT = config.defaultAHT
        if let s = config.start {
            guard let t = Timestamps.parse(s, timeZone: config.readOptions.timeZone) else {
                throw FileIssue(
                    file: config.path,
                    message:
                        "forecast.start '\(s)' is not a time that exists in \(config.readOptions.timeZone.identifier)")
            }
            request.start = t
        }
        do {
            if let h = config.holidaysPath { request.holidays = try CalendarFiles.holidays(h) }
            if let e = config.eventsPath { request.events = try CalendarFiles.events(e) }
        } catch {
            throw InputProblem(description: error.description)
        }
        var scenarioFiles: [String: ScenarioFile] = [:]
        for path in config.scenarioPaths {
            do { scenarioFiles[path] = try ScenarioFile.load(path) } catch {
                if case .badScenarioFile(let issue) = error { throw issue }
                throw FileIssue(file: path, message: error.description)
            }
        }
        return SharedFiles(request: request, scenarioFiles: scenarioFiles)
    }
}
