import CCPlanBase
import ContactHistory
import Foundation
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One queue's finished rows on disk (`.ccplan-work/queues/*.frag`), written atomically as soon
/// as the queue is planned, so that a killed run resumes where it stopped. Layout: one line of
/// JSON (run key, queue, status, timing, the length of each file's rows), then the rows.
struct Fragment: Sendable {
    var runKey: String
    var queue: String
    var channel: String
    var status: QueueStatus
    var seconds: Double
    var model: String?
    var error: String?
    var sections: [(name: String, bytes: Int)]
    /// The assumptions per scenario (planned queues).
    var assumptions: [(scenario: String, assumptions: PlanAssumptions)] = []

    static func fileName(queue: String, channel: Channel) -> String {
        let safe = String(
            queue.unicodeScalars.prefix(40).map {
                ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") && $0.isASCII
                    ? Character($0) : "_"
            })
        let digest = String(SHA256.hex(Array((queue + "\u{1F}" + channel.rawValue).utf8)).prefix(16))
        return "\(safe)-\(channel.rawValue)-\(digest).frag"
    }

    func headerLine() -> String {
        var m: [(String, JSONText)] = [
            ("run_key", .string(runKey)), ("queue", .string(queue)), ("channel", .string(channel)),
            ("status", .string(status.rawValue)),
            ("seconds", .number(seconds)),
        ]
        if let model { m.append(("model", .string(model))) }
        if let error { m.append(("error", .string(error))) }
        if !assumptions.isEmpty { m.append(("assumptions", Self.assumptionsJSON(assumptions))) }
        m.append(("sections", .array(sections.map { .array([.string($0.name), .integer($0.bytes)]) })))
        return JSONText.object(m).rendered(pretty: false) + "\n"
    }

    /// `{"scenario": {assumptions}, …}`, scenarios sorted by name (JSON objects are read back
    /// without their order, and a resumed queue must write the same bytes as a fresh one).
    static func assumptionsJSON(_ list: [(scenario: String, assumptions: PlanAssumptions)]) -> JSONText {
        .object(
            list.sorted { $0.scenario < $1.scenario }.map { ($0.scenario, PlanJSON.assumptionsJSON($0.assumptions)) })
    }

    /// The assumptions read back, sorted by scenario name.
    static func assumptions(_ value: Any?) -> [(scenario: String, assumptions: PlanAssumptions)] {
        guard let map = value as? [String: Any] else { return [] }
        return map.keys.sorted().compactMap { key in
            (map[key] as? [String: Any]).flatMap(PlanAssumptions.init(planJSON:)).map { (key, $0) }
        }
    }

    /// Reads a fragment's header and the offset of its first row byte; nil when unreadable.
    static func read(_ path: String) -> (Fragment, Data, Int)? {
        guard let data = FileManager.default.contents(atPath: path), let nl = data.firstIndex(of: 0x0A),
            let o = try? JSONSerialization.jsonObject(with: data[data.startIndex..<nl]) as? [String: Any],
            let status = QueueStatus(rawValue: o["status"] as? String ?? "")
        else { return nil }
        let sections = (o["sections"] as? [[Any]] ?? []).compactMap { s -> (String, Int)? in
            guard s.count == 2, let n = s[0] as? String, let b = s[1] as? NSNumber else { return nil }
            return (n, b.intValue)
        }
        let f = Fragment(
            runKey: o["run_key"] as? String ?? "", queue: o["queue"] as? String ?? "",
            channel: o["channel"] as? String ?? "",
            status: status, seconds: (o["seconds"] as? NSNumber)?.doubleValue ?? 0,
            model: o["model"] as? String, error: o["error"] as? String, sections: sections,
            assumptions: assumptions(o["assumptions"]))
        let body = nl + 1 - data.startIndex
        guard data.count - body == sections.reduce(0, { $0 + $1.1 }) else { return nil }  // truncated: redo
        return (f, data, body)
    }

    /// Writes a fragment through a temporary sibling and rename(2), without fsync: a fragment
    /// torn by a power loss fails its length check when read back and is planned again, so the
    /// 1,000s of fsyncs of a large run are not needed (the final files are synced).
    ///
    /// - Returns: nil, or what went wrong.
    static func write(_ bytes: [UInt8], to path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).tmp"
        ).path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
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
}
