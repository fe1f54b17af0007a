import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

/// Every queue of a run with its fragment (nil: not planned because its input failed).
struct PlannedQueues: Sendable {
    var loaded: BatchInputs.Loaded
    /// Per item of `loaded`, the fragment on disk (planned or failed).
    var fragments: [Fragment?]
    /// Queues kept from an interrupted run, and planned now.
    var reused: Int
    var planned: Int

    /// How many queues have their rows in the fragments.
    var plannedCount: Int { fragments.filter { $0?.status == .planned }.count }
}

extension BatchRunner {
    /// Step 6: plans every queue not done yet, `workers` at a time, each written to its fragment
    /// as soon as it is planned (a killed run resumes from them). A queue that fails is recorded
    /// in its fragment; the others go on.
    ///
    /// - Throws: ``OutputError`` when a fragment cannot be written (a full disk).
    func planQueues(_ loaded: BatchInputs.Loaded, inputs: PreparedInputs, shared: SharedFiles) async throws
        -> PlannedQueues
    {
        logger.info(
            "inputs read",
            metadata: [
                "queues": .stringConvertible(loaded.items.count),
                "files_parsed": .stringConvertible(loaded.filesParsed),
                "files_skipped": .stringConvertible(inputs.paths.count - inputs.ownFiles.count),
                "failed": .stringConvertible(loaded.failures.count),
                "seconds": .stringConvertible(rounded(Date().timeIntervalSince(inputs.readStart), 2)),
                "shard": "\(options.shard)",
            ])
        for f in loaded.failures {
            logger.error(
                "queue skipped: bad input",
                metadata: ["queue": "\(f.queue)", "channel": "\(f.channel)", "error": "\(f.message)"])
        }
        let runKey = inputs.runKey
        var result = PlannedQueues(
            loaded: loaded, fragments: Array(repeating: nil, count: loaded.items.count), reused: 0, planned: 0)
        var todo: [Int] = []
        for (i, item) in loaded.items.enumerated() {
            if let (f, _, _) = Fragment.read(fragmentPath(item.queue, item.channel)), f.runKey == runKey,
                f.queue == item.queue,
                f.channel == item.channel.rawValue
            {
                result.fragments[i] = f
                result.reused += 1
            } else {
                todo.append(i)
            }
        }
        if result.reused > 0 {
            logger.info(
                "resuming: queues already planned by an interrupted run are kept",
                metadata: [
                    "reused": .stringConvertible(result.reused), "to_do": .stringConvertible(todo.count),
                ])
        }
        let progress = ProgressReporter(
            total: loaded.items.count, interval: options.progressInterval, logger: logger, console: .shared,
            enabled: options.progress)
        for _ in 0..<result.reused { progress.step(failed: false) }
        let planStart = Date()
        var pending = loaded.items.map { Optional($0) }
        var ioFailure: OutputError?
        await withTaskGroup(of: Result<(Int, Fragment), OutputError>.self) { group in
            var next = 0
            func schedule(_ group: inout TaskGroup<Result<(Int, Fragment), OutputError>>) {
                guard next < todo.count else { return }
                let index = todo[next]
                next += 1
                let item = pending[index]!
                pending[index] = nil  // the task owns the series now; memory is freed as queues finish
                let job = QueueJob(
                    item: item, runKey: runKey, path: fragmentPath(item.queue, item.channel),
                    assumptions: Result { () throws(FileIssue) in
                        try config.assumptions(queue: item.queue, channel: item.channel)
                    },
                    settings: { a in
                        QueueSettings(
                            request: shared.request, assumptions: a,
                            scenarios: config.scenarioPath(queue: item.queue, channel: item.channel).flatMap {
                                shared.scenarioFiles[$0]
                            })
                    }, outputFiles: config.outputFiles)
                let work = self.work
                group.addTask { job.run(work).map { (index, $0) } }
            }
            for _ in 0..<max(1, options.workers) { schedule(&group) }
            while let done = await group.next() {
                switch done {
                case .failure(let e):
                    ioFailure = e
                    group.cancelAll()
                    return
                case .success(let (index, f)):
                    result.fragments[index] = f
                    result.planned += 1
                    if f.status == .failed {
                        logger.error(
                            "queue failed",
                            metadata: ["queue": "\(f.queue)", "channel": "\(f.channel)", "error": "\(f.error ?? "")"])
                    } else {
                        logger.debug(
                            "queue planned",
                            metadata: [
                                "queue": "\(f.queue)", "channel": "\(f.channel)",
                                "seconds": .stringConvertible(rounded(f.seconds, 3)),
                                "model": "\(f.model ?? "")",
                            ])
                    }
                    progress.step(failed: f.status == .failed)
                    schedule(&group)
                }
            }
        }
        progress.finish()
        if let ioFailure { throw ioFailure }
        let seconds = Date().timeIntervalSince(planStart)
        logger.info(
            "queues planned",
            metadata: [
                "queues": .stringConvertible(result.planned), "reused": .stringConvertible(result.reused),
                "seconds": .stringConvertible(rounded(seconds, 2)),
                "rate_per_s": .stringConvertible(rounded(seconds > 0 ? Double(result.planned) / seconds : 0, 2)),
                "workers": .stringConvertible(options.workers),
            ])
        return result
    }
}

/// One queue to plan: the work, then its fragment on disk.
struct QueueJob: Sendable {
    var item: QueueItem
    var runKey: String
    var path: String
    var assumptions: Result<PlanAssumptions, FileIssue>
    var settings: @Sendable (PlanAssumptions) -> QueueSettings
    var outputFiles: [String]

    /// Plans the queue (a failure is recorded in the fragment) and writes its fragment.
    func run(_ work: any QueueWork) -> Result<Fragment, OutputError> {
        let t0 = DispatchTime.now().uptimeNanoseconds
        var fragment = Fragment(
            runKey: runKey, queue: item.queue, channel: item.channel.rawValue, status: .planned, seconds: 0, model: nil,
            error: nil, sections: [])
        var body: [UInt8] = []
        do {
            let rows = try work.run(item, settings(try assumptions.get()))
            fragment.model = rows.model
            fragment.assumptions = rows.assumptions
            for name in outputFiles {
                let text = rows.files.first { $0.name == name }?.rows ?? ""
                body.append(contentsOf: text.utf8)
                fragment.sections.append((name, text.utf8.count))
            }
        } catch {
            fragment.status = .failed
            fragment.error = "\(error)"
            fragment.sections = []
            body = []
        }
        fragment.seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        if let e = Fragment.write(Array(fragment.headerLine().utf8) + body, to: path) {
            return .failure(OutputError(path: path, reason: e))
        }
        return .success(fragment)
    }
}
