import CCPlanBase
import XCTest

@testable import Batch

/// Which shard plans a queue, and where a shard's index comes from.
final class ShardTests: XCTestCase {
    func testShardsAreStableAndSpread() {
        // Stable assignment: the same in every process (FNV-1a of queue 0x1F channel).
        XCTAssertEqual(
            ShardSpec.shard(queue: "billing", channel: .voice, count: 16),
            Int(FNV1a64.hash(Array("billing\u{1F}voice".utf8)) % 16))
        let spread = Dictionary(
            grouping: (0..<1000).map { ShardSpec.shard(queue: "q\($0)", channel: .voice, count: 4) }, by: { $0 }
        ).mapValues(\.count)
        XCTAssertEqual(spread.count, 4)
        for (_, n) in spread { XCTAssertGreaterThan(n, 200) }
    }

    func testShardFromFlagAndEnvironment() throws {
        XCTAssertEqual(ShardSpec.parse("3/16"), ShardSpec(index: 3, count: 16))
        for bad in ["16/16", "-1/4", "1/0", "a/4", "1", "1/2/3"] { XCTAssertNil(ShardSpec.parse(bad), bad) }
        XCTAssertEqual(ShardSpec(index: 3, count: 16).partName, "part-00003-of-00016")
        XCTAssertNil(try ShardSpec.fromEnvironment([:]))
        XCTAssertEqual(
            try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "CCPLAN_SHARD_COUNT": "8"])?.0,
            ShardSpec(index: 2, count: 8))
        XCTAssertEqual(
            try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "CCPLAN_SHARD_COUNT": "8"])?.1, "kubernetes")
        // Slurm arrays may start at any index: --array=1-16 → shards 0…15.
        XCTAssertEqual(
            try ShardSpec.fromEnvironment([
                "SLURM_ARRAY_TASK_ID": "16", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "16",
            ])?.0,
            ShardSpec(index: 15, count: 16))
        XCTAssertEqual(
            try ShardSpec.fromEnvironment(["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "3"])?.0,
            ShardSpec(index: 0, count: 3))
        XCTAssertThrowsError(try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "2"]))
        XCTAssertThrowsError(
            try ShardSpec.fromEnvironment(["AWS_BATCH_JOB_ARRAY_INDEX": "3", "AWS_BATCH_JOB_ARRAY_SIZE": "3"]))
        XCTAssertThrowsError(
            try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "3"]))
    }
}
