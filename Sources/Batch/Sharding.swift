import CCPlanBase
import ContactHistory

/// Which part of the queues this process plans: shard `index` of `count` (0-based).
public struct ShardSpec: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "invalid shard")
        self.index = index
        self.count = count
    }

    /// The whole run.
    public static let all = ShardSpec(index: 0, count: 1)

    public var isWhole: Bool { count == 1 }

    public var description: String { "\(index)/\(count)" }

    /// The directory name of this shard's part: `part-00003-of-00016`.
    public var partName: String { "part-\(zeroPadded(index, 5))-of-\(zeroPadded(count, 5))" }

    /// The shard of a queue: FNV-1a 64 of `queue` 0x1F `channel`, modulo the count.
    public static func shard(queue: String, channel: Channel, count: Int) -> Int {
        let h = FNV1a64.hash(Array(queue.utf8) + [0x1F] + Array(channel.rawValue.utf8))
        return Int(h % UInt64(count))
    }

    public func owns(queue: String, channel: Channel) -> Bool {
        count == 1 || ShardSpec.shard(queue: queue, channel: channel, count: count) == index
    }

    /// Whether a queue name is this shard's, whatever its channel (`inputs.one_queue_per_file`:
    /// a queue's channels share its file, so they go to the same shard).
    public func owns(queueName: String) -> Bool {
        count == 1 || Int(FNV1a64.hash(Array(queueName.utf8)) % UInt64(count)) == index
    }

    /// The shard of something that is not a queue (a file whose queues are unknown).
    public func owns(key: String) -> Bool {
        count == 1 || Int(FNV1a64.hash(Array(key.utf8)) % UInt64(count)) == index
    }

    /// Parses `i/N` (0 ≤ i < N).
    public static func parse(_ text: String) -> ShardSpec? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        return ShardSpec(index: i, count: n)
    }

    /// Why the shard could not be read from the environment.
    public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The shard from a cluster engine's environment, or nil when none is set:
    /// Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX` + `CCPLAN_SHARD_COUNT`), Slurm job arrays
    /// (`SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT`), AWS Batch array
    /// jobs (`AWS_BATCH_JOB_ARRAY_INDEX` of `AWS_BATCH_JOB_ARRAY_SIZE`), Cloud Run jobs
    /// (`CLOUD_RUN_TASK_INDEX` of `CLOUD_RUN_TASK_COUNT`).
    ///
    /// - Throws: ``EnvironmentError`` when an index is set without a valid count (or out of range).
    public static func fromEnvironment(_ env: [String: String]) throws(EnvironmentError) -> (ShardSpec, String)? {
        func int(_ key: String) throws(EnvironmentError) -> Int? {
            guard let text = env[key], !text.isEmpty else { return nil }
            guard let v = Int(text.trimmingSpaces) else {
                throw EnvironmentError(description: "\(key)=\(text) is not an integer")
            }
            return v
        }
        func make(_ index: Int, _ count: Int?, _ indexKey: String, _ countKey: String, _ engine: String)
            throws(EnvironmentError) -> (ShardSpec, String)
        {
            guard let count else {
                throw EnvironmentError(
                    description: "\(indexKey) is set but \(countKey) is not: set \(countKey) to the number of shards")
            }
            guard count >= 1, index >= 0, index < count else {
                throw EnvironmentError(description: "\(indexKey)=\(index) is not a shard of \(countKey)=\(count)")
            }
            return (ShardSpec(index: index, count: count), engine)
        }
        if let i = try int("JOB_COMPLETION_INDEX") {
            return try make(
                i, try int("CCPLAN_SHARD_COUNT"), "JOB_COMPLETION_INDEX", "CCPLAN_SHARD_COUNT", "kubernetes")
        }
        if let id = try int("SLURM_ARRAY_TASK_ID") {
            let min = try int("SLURM_ARRAY_TASK_MIN") ?? 0
            let step = try int("SLURM_ARRAY_TASK_STEP") ?? 1
            guard step >= 1, (id - min) % step == 0 else {
                throw EnvironmentError(
                    description: "SLURM_ARRAY_TASK_ID=\(id) is not on the array's grid (MIN \(min), STEP \(step))")
            }
            return try make(
                (id - min) / step, try int("SLURM_ARRAY_TASK_COUNT"), "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT",
                "slurm")
        }
        if let i = try int("AWS_BATCH_JOB_ARRAY_INDEX") {
            return try make(
                i, try int("AWS_BATCH_JOB_ARRAY_SIZE"), "AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE",
                "aws-batch")
        }
        if let i = try int("CLOUD_RUN_TASK_INDEX") {
            return try make(
                i, try int("CLOUD_RUN_TASK_COUNT"), "CLOUD_RUN_TASK_INDEX", "CLOUD_RUN_TASK_COUNT", "cloud-run")
        }
        return nil
    }
}
