import CCPlanBase
import ContactHistory
import Foundation
import XCTest

@testable import Batch

/// The tolerant queue scan that attributes a bad file's failure to its queues.
final class QueueScanTests: BatchTestCase {
    func testQueueScanFindsQueuesOfAFileItCannotParse() throws {
        let dir = try tempDir()
        let text =
            "\u{FEFF}Interval_Start;Queue;Channel;Offered\r\n2026-01-01T00:00Z;\"a;b\";voice;1\r\n2026-01-01T00:00Z;c;Chat;x\r\n"
        try text.write(toFile: dir + "/f.csv", atomically: true, encoding: .utf8)
        let r = try XCTUnwrap(QueueScan.scan(dir + "/f.csv", options: HistoryReadOptions()))
        XCTAssertEqual(r.keys, [.init(queue: "a;b", channel: "voice"), .init(queue: "c", channel: "chat")])
    }
}
