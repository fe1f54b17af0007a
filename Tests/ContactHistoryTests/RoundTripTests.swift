import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Canonical CSV written and read back unchanged; mangled files load or fail cleanly.
final class RoundTripTests: XCTestCase {
    func testCanonicalCSVRoundTripOfRandomSeries() throws {
        let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
        let names = ["billing", "Support, 2nd level", "say \"hi\"", "vip", "Kundenservice Ü"]
        var rng = SeededRandom(seed: 42)
        let directory = try temporaryDirectory()
        for round in 0..<40 {
            let zone = TimeZone(identifier: zones[Int(rng.next() % UInt64(zones.count))])!
            var series: [IntervalSeries] = []
            for (q, name) in names.enumerated() where rng.uniform() < 0.7 || q == 0 {
                let minutes = inferableIntervalMinutes[Int(rng.next() % 6)]
                let step = Int64(minutes) * 60
                let start = (utc(2020, 1, 1) + Int64(rng.next() % (10 * 365 * 86_400))) / step * step
                let n = 1 + Int(rng.next() % 400)
                var s = IntervalSeries(
                    queue: name, channel: Channel.allCases[Int(rng.next() % 3)], intervalMinutes: minutes,
                    timeZone: zone, start: start, offered: [], handled: [], abandoned: [], handleSeconds: [], states: []
                )
                for i in 0..<n {
                    let observed = i == 0 || i == n - 1 || rng.uniform() < 0.8
                    s.states.append(observed ? .observed : .absent)
                    guard observed else {
                        s.offered.append(.nan); s.handled.append(.nan); s.abandoned.append(.nan);
                        s.handleSeconds.append(.nan)
                        continue
                    }
                    let offered = rng.uniform() < 0.2 ? 0 : Double(rng.next() % 500)
                    let handled = rng.uniform() < 0.1 ? Double.nan : (offered * rng.uniform()).rounded(.down)
                    s.offered.append(rng.uniform() < 0.1 ? offered + 0.25 : offered)
                    s.handled.append(handled)
                    // Consistent counts: handled + abandoned ≤ offered.
                    let room = UInt64(offered - (handled.isNaN ? 0 : handled))
                    s.abandoned.append(rng.uniform() < 0.1 ? .nan : Double(rng.next() % (min(room, 20) + 1)))
                    s.handleSeconds.append(rng.uniform() < 0.1 ? .nan : rng.uniform() * 1e5)
                }
                series.append(s)
            }
            series.sort { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
            let path = directory.appendingPathComponent("round-\(round).csv").path
            try CanonicalCSVWriter.write(series, to: path)
            let back = try HistoryReader(options: HistoryReadOptions(timeZone: zone)).read([path])
            XCTAssertNil(firstDifference(back.series, series), "round \(round) in \(zone.identifier)")
            XCTAssertTrue(CanonicalCSVWriter.render(back.series) == (try String(contentsOfFile: path, encoding: .utf8)))
        }
    }

    func testMangledFilesLoadOrFailCleanly() throws {
        // Seeded mutations of the fixtures (bytes replaced by quotes, delimiters, line breaks,
        // digits, high bytes; truncations) must either load or throw HistoryError; never crash.
        let names = ["canonical.csv", "quoted.csv", "nice.csv", "dst-fall-berlin.csv", "genesys.csv", "bom-crlf.csv"]
        let alphabet = Array("\",;|\t\r\n0123456789-:TZ+ .e".utf8) + [0xC3, 0xBC, 0xEF, 0xBB, 0xBF, 0x00]
        var rng = SeededRandom(seed: 2026)
        let directory = try temporaryDirectory()
        for round in 0..<300 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try fixture(name))))
            for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            let path = directory.appendingPathComponent("mangled-\(round).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var reader = HistoryReader(
                options: HistoryReadOptions(
                    timeZone: berlin, profile: name == "nice.csv" ? .nice : name == "genesys.csv" ? .genesys : nil))
            reader.chunkSize = [3, 16, 4096][round % 3]
            do {
                _ = try reader.read([path])
            } catch {
                XCTAssertFalse(error.issues.isEmpty, "round \(round): an error without issues")
                XCTAssertTrue(error.issues.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "round \(round): \(error)")
            }
        }
    }
}
