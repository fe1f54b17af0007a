import CCPlanBase
import ContactHistory
import Foundation

@testable import Planning

/// A small synthetic history: `weeks` weeks of 30-minute intervals in Europe/Berlin for a voice
/// queue and a chat queue, open Mon–Fri 08:00–18:00, with a fixed intraday and weekday shape
/// (deterministic, no noise) and a constant AHT.
enum Fixtures {
    static let zone = TimeZone(identifier: "Europe/Berlin")!

    static func historyCSV(weeks: Int, firstMonday: CivilDate = CivilDate(year: 2026, month: 8, day: 3)!) -> String {
        var out = "interval_start,queue,channel,offered,handled,aht_seconds\n"
        var clock = ZoneClock(zone)
        for day in 0..<(weeks * 7) {
            let date = firstMonday.adding(days: day)
            for slot in 0..<48 {
                let local = Int64(date.dayNumber) * 86_400 + Int64(slot) * 1800
                guard case .unique(let t) = clock.resolve(local: local) else { continue }
                let offset = Int(clock.offset(at: t))
                let open = date.isoWeekday <= 5 && slot >= 16 && slot < 36
                let shape = open ? 1 + 0.5 * sin(Double(slot - 16) / 20 * .pi) : 0
                let weekday = [0, 1.2, 1.0, 1.0, 0.95, 0.85, 0, 0][date.isoWeekday]
                let voice = (40 * shape * weekday).rounded()
                let chat = (12 * shape * weekday).rounded()
                out += "\(iso8601(t, offset: offset)),support,voice,\(Int(voice)),\(Int(voice)),\(open ? "240" : "")\n"
                out += "\(iso8601(t, offset: offset)),webchat,chat,\(Int(chat)),\(Int(chat)),\(open ? "420" : "")\n"
            }
        }
        return out
    }

    /// Writes `text` to a new temporary file and returns its path.
    static func write(_ text: String, name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-planning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
