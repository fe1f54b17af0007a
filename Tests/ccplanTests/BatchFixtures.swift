import Foundation
import XCTest

/// The files of a batch run compared byte for byte.
let batchOutputs = ["forecast.csv", "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv", "failures.csv"]

/// The inputs of the end-to-end batch tests: a few queues of synthetic history and a config.
extension XCTestCase {
    /// Three weeks of 30-minute history per queue (Europe/Berlin), one file per queue, plus one
    /// file holding two queues; `bad` adds a queue whose file has a malformed row and `short` a
    /// queue with only 3 days of history (too short to forecast).
    @discardableResult
    func makeInputs(
        _ dir: URL, queues: Int = 6, bad: Bool = false, short: Bool = false, model: String = "seasonal-naive"
    ) throws -> String {
        let history = dir.appendingPathComponent("history")
        try FileManager.default.createDirectory(at: history, withIntermediateDirectories: true)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.formatOptions = [.withInternetDateTime]
        let start = formatter.date(from: "2026-09-07T00:00:00+02:00")!
        func rows(_ queue: String, _ channel: String, days: Int, seed: Int) -> String {
            var out = ""
            for step in 0..<(days * 48) {
                let day = step / 48, slot = step % 48
                let open = day % 7 < 6 && slot >= 16 && slot < 38
                let v = open ? 8 + (slot * 7 + day * 3 + seed * 5) % (9 + seed) : 0
                out +=
                    "\(formatter.string(from: start.addingTimeInterval(Double(step) * 1800))),\(queue),\(channel),\(v),\(v),\(open ? "\(240 + seed * 10)" : "")\n"
            }
            return out
        }
        let header = "interval_start,queue,channel,offered,handled,aht_seconds\n"
        for q in 0..<queues {
            let channel = q % 3 == 2 ? "chat" : "voice"
            try (header + rows("queue-\(q)", channel, days: 21, seed: q)).write(
                to: history.appendingPathComponent("q\(q).csv"), atomically: true, encoding: .utf8)
        }
        try (header + rows("sales", "voice", days: 21, seed: 7) + rows("sales", "email", days: 21, seed: 8)).write(
            to: history.appendingPathComponent("sales.csv"), atomically: true, encoding: .utf8)
        if bad {
            var text = header + rows("broken", "voice", days: 21, seed: 9)
            text = text.replacingOccurrences(
                of: ",broken,voice,0,0,\n", with: ",broken,voice,abc,0,\n", options: [],
                range: text.range(of: ",broken,voice,0,0,\n"))
            try text.write(to: history.appendingPathComponent("broken.csv"), atomically: true, encoding: .utf8)
        }
        if short {
            try (header + rows("tiny", "voice", days: 3, seed: 10)).write(
                to: history.appendingPathComponent("tiny.csv"), atomically: true, encoding: .utf8)
        }
        let config = """
            version: 1
            inputs:
              history: [ "history/*.csv" ]
              timezone: Europe/Berlin
            forecast:
              horizon: 1w
              model: \(model)
            assumptions:
              target_sl: 80%
              answer_within: 20s
              shrinkage: 30%
            groups:
              - name: chat
                channel: chat
                assumptions: { concurrency: 2 }
            queues:
              queue-1: { target_sl: 90% }
            """
        let path = dir.appendingPathComponent("batch.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func read(_ dir: URL, _ name: String) throws -> Data {
        try Data(contentsOf: dir.appendingPathComponent(name))
    }

    func leftovers(_ dir: URL) -> [String] {
        let names = (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String]) ?? []
        return names.filter {
            ($0 as NSString).lastPathComponent.hasSuffix(".tmp") || $0.contains(".tmp-") || $0.contains(".ccplan-work")
        }
    }

    /// The batch files of two directories are the same bytes.
    func assertSameBatchFiles(_ a: URL, _ b: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        for name in batchOutputs {
            XCTAssertEqual(try read(a, name), try read(b, name), name, file: file, line: line)
        }
    }
}
