import CCPlanBase
import Foundation

/// One queue of the sample history.
public struct SampleQueue: Sendable, Hashable {
    /// The queue name.
    public var name: String
    /// The channel.
    public var channel: Channel
    /// Offered contacts on an average Monday–Friday at the start of the history.
    public var dailyVolume: Double
    /// Mean handle time in seconds around midday.
    public var ahtSeconds: Double
}

/// German public holidays observed nationwide (not the state-only ones), for a range of years.
///
/// - Complexity: O(*n*) in the number of years.
public func germanPublicHolidays(_ years: ClosedRange<Int>) -> [Holiday] {
    var result: [Holiday] = []
    for year in years {
        // Easter Sunday (anonymous Gregorian algorithm).
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4
        let f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        let easter = CivilDate(year: year, month: month, day: day)!
        func fixed(_ m: Int, _ d: Int) -> CivilDate { CivilDate(year: year, month: m, day: d)! }
        result += [
            Holiday(date: fixed(1, 1), name: "Neujahr"),
            Holiday(date: easter.adding(days: -2), name: "Karfreitag"),
            Holiday(date: easter.adding(days: 1), name: "Ostermontag"),
            Holiday(date: fixed(5, 1), name: "Tag der Arbeit"),
            Holiday(date: easter.adding(days: 39), name: "Christi Himmelfahrt"),
            Holiday(date: easter.adding(days: 50), name: "Pfingstmontag"),
            Holiday(date: fixed(10, 3), name: "Tag der Deutschen Einheit"),
            Holiday(date: fixed(12, 25), name: "1. Weihnachtstag"),
            Holiday(date: fixed(12, 26), name: "2. Weihnachtstag"),
        ]
    }
    return result.sorted { $0.date < $1.date }
}

/// A deterministic generator of realistic contact-centre interval history.
///
/// Every interval of every local day is a row (closed intervals and public holidays have
/// offered 0), except two simulated export outages, which are absent: 2025-06-12 10:00–14:00 for
/// every queue and the whole of 2026-02-03 for `vip`. Volumes follow a day-level gamma factor
/// (over-dispersion) times a weekday pattern, a slow trend (+10 % a year), a yearly season and
/// events; each interval's offered count is Poisson around an intraday profile with a morning
/// and an afternoon peak. Abandonment rises with load; AHT is longer in the morning than in the
/// evening. Opening hours: Monday–Friday 08:00–20:00, Saturday 09:00–14:00, Sunday closed.
///
/// Each queue draws from its own `SeededRandom` stream, so the first queues are identical
/// whatever `queueCount` is.
public struct SampleHistoryGenerator: Sendable {
    /// The number of queues (the first three are `billing`, `vip` and `webchat`).
    public var queueCount: Int
    /// The first and last local days of the history.
    public var firstDay: CivilDate, lastDay: CivilDate
    /// The seed.
    public var seed: UInt64
    /// The time zone of the site.
    public var timeZone: TimeZone
    /// The interval length in minutes (a divisor of 60).
    public var intervalMinutes: Int

    /// The header of the history file.
    public static let header = "interval_start,queue,channel,offered,handled,abandoned,aht_seconds"

    /// Creates a generator of `years` years of history ending on `lastDay`.
    public init(
        queueCount: Int = 3, years: Int = 2, lastDay: CivilDate = CivilDate(year: 2026, month: 10, day: 31)!,
        seed: UInt64 = 20_261_031, timeZone: TimeZone = TimeZone(identifier: "Europe/Berlin")!,
        intervalMinutes: Int = 30
    ) {
        precondition(queueCount >= 1 && years >= 1 && 60 % intervalMinutes == 0, "invalid generator settings")
        self.queueCount = queueCount
        self.lastDay = lastDay
        let sameDay =
            CivilDate(year: lastDay.year - years, month: lastDay.month, day: lastDay.day)
            ?? CivilDate(year: lastDay.year - years, month: lastDay.month, day: lastDay.day - 1)!
        self.firstDay = sameDay.adding(days: 1)
        self.seed = seed
        self.timeZone = timeZone
        self.intervalMinutes = intervalMinutes
    }

    /// The queues, in output order.
    public var queues: [SampleQueue] {
        (0..<queueCount).map { q in
            switch q {
            case 0: return SampleQueue(name: "billing", channel: .voice, dailyVolume: 1000, ahtSeconds: 310)
            case 1: return SampleQueue(name: "vip", channel: .voice, dailyVolume: 80, ahtSeconds: 420)
            case 2: return SampleQueue(name: "webchat", channel: .chat, dailyVolume: 350, ahtSeconds: 540)
            default:
                var rng = SeededRandom(seed: seed ^ (0xA5A5_5A5A_0000_0000 &+ UInt64(q)))
                let volume = (30 * exp(rng.uniform() * Foundation.log(100.0))).rounded()
                let channel: Channel = [.voice, .chat, .email][q % 3]
                return SampleQueue(
                    name: "queue-\(zeroPadded(q + 1, 4))", channel: channel, dailyVolume: volume,
                    ahtSeconds: (200 + 400 * rng.uniform()).rounded())
            }
        }
    }

    /// The volume events: a campaign week in the history, a mailing, and a planned campaign
    /// after the history (for the forecast).
    public static let events: [VolumeEvent] = [
        VolumeEvent(
            start: CivilDate(year: 2025, month: 9, day: 15)!, end: CivilDate(year: 2025, month: 9, day: 21)!,
            queue: "billing", factor: 1.8),
        VolumeEvent(
            start: CivilDate(year: 2026, month: 5, day: 4)!, end: CivilDate(year: 2026, month: 5, day: 8)!,
            queue: "webchat", factor: 1.4),
        VolumeEvent(
            start: CivilDate(year: 2026, month: 11, day: 16)!, end: CivilDate(year: 2026, month: 11, day: 22)!,
            queue: "billing", factor: 1.6),
    ]

    /// The public holidays of the years covered and the next year.
    public var holidays: [Holiday] { germanPublicHolidays(firstDay.year...(lastDay.year + 1)) }

    /// `date,name` lines of the holidays.
    public func holidaysCSV() -> String {
        "date,name\n" + holidays.map { "\($0.date),\(csvField($0.name))\n" }.joined()
    }

    /// `start,end,queue,factor` lines of the events.
    public static func eventsCSV() -> String {
        "start,end,queue,factor\n" + events.map { "\($0.start),\($0.end),\($0.queue ?? ""),\($0.factor)\n" }.joined()
    }

    /// Writes the history CSV to `path` (atomically) and returns the number of rows.
    ///
    /// - Complexity: O(days × intervals per day × queues); memory O(queues).
    public func writeHistory(to path: String) throws -> Int {
        let file = try AtomicTextFile(path: path)
        let rows = try generate { try file.write(bytes: $0) }
        try file.commit()
        return rows
    }

    /// Generates the history as UTF-8 chunks (header first) and returns the number of rows.
    ///
    /// - Complexity: O(days × intervals per day × queues); memory O(queues).
    public func generate(_ emit: ([UInt8]) throws -> Void) rethrows -> Int {
        let queues = self.queues
        var rngs = queues.indices.map { SeededRandom(seed: seed &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        let names = queues.map { Array(",\(csvField($0.name)),\($0.channel.rawValue),".utf8) }
        let closed = Set(holidays.map(\.date))
        var clock = ZoneClock(timeZone)
        let step = Int64(intervalMinutes) * 60
        // Local midnight of the first day, as an instant (midnight always exists in Europe/Berlin;
        // elsewhere the first valid instant is used).
        let firstLocal = Int64(firstDay.dayNumber) * 86_400
        var t: Int64
        switch clock.resolve(local: firstLocal) {
        case .unique(let u), .ambiguous(let u, _): t = u
        case .gap: t = firstLocal - Int64(clock.offset(at: firstLocal))
        }
        let endLocal = Int64(lastDay.dayNumber + 1) * 86_400
        var out: [UInt8] = Array((Self.header + "\n").utf8)
        out.reserveCapacity(1 << 20)
        var rows = 0
        var currentDay = Int64.min
        var dayVolume = [Double](repeating: 0, count: queues.count)
        var peak = [Double](repeating: 1, count: queues.count)
        var dayIndex = 0
        var date = firstDay
        // Intraday shares and the busiest share per (chat?, weekday, slot), computed once.
        let slotsPerDay = 1440 / intervalMinutes
        let shares = [false, true].map { chat in
            (0...7).map { weekday in
                (0..<slotsPerDay).map { profileShare(weekday: weekday, minuteOfDay: $0 * intervalMinutes, chat: chat) }
            }
        }
        let peaks = shares.map { $0.map { $0.max() ?? 0 } }
        while true {
            let offset = clock.offset(at: t)
            let local = t + offset
            if local >= endLocal { break }
            let day = floorDiv(local, 86_400)
            let minuteOfDay = Int(local - day * 86_400) / 60
            if day != currentDay {
                currentDay = day
                date = CivilDate(dayNumber: Int(day))
                dayIndex = Int(day) - firstDay.dayNumber
                for q in queues.indices {
                    dayVolume[q] =
                        dailyMean(queues[q], date: date, dayIndex: dayIndex, closed: closed.contains(date))
                        * rngs[q].gammaMeanOne(shape: 60)
                    peak[q] = max(1e-9, dayVolume[q] * peaks[queues[q].channel == .chat ? 1 : 0][date.isoWeekday])
                }
            }
            var stamp = Array(iso8601(t, offset: Int(offset)).utf8)
            let stampCount = stamp.count
            for q in queues.indices {
                if isOutage(queue: q, date: date, minuteOfDay: minuteOfDay) { continue }
                let share = shares[queues[q].channel == .chat ? 1 : 0][date.isoWeekday][minuteOfDay / intervalMinutes]
                let lambda = dayVolume[q] * share
                let offered = lambda > 0 ? rngs[q].poisson(lambda) : 0
                let load = lambda / peak[q]
                let abandonRate: Double
                switch queues[q].channel {
                case .voice: abandonRate = 0.02 + 0.06 * load * load
                case .chat: abandonRate = 0.01 + 0.03 * load * load
                case .email: abandonRate = 0
                }
                let abandoned = offered > 0 ? min(offered, rngs[q].poisson(Double(offered) * abandonRate)) : 0
                let handled = offered - abandoned
                stamp.removeSubrange(stampCount...)
                stamp.append(contentsOf: names[q])
                appendInt(&stamp, offered)
                stamp.append(UInt8(ascii: ","))
                appendInt(&stamp, handled)
                stamp.append(UInt8(ascii: ","))
                appendInt(&stamp, abandoned)
                stamp.append(UInt8(ascii: ","))
                if handled > 0 {
                    let hour = Double(minuteOfDay) / 60
                    let timeOfDay = 1.1 - 0.18 * min(max(hour - 8, 0), 12) / 12
                    let noise = 1 + 0.35 * rngs[q].normal() / Double(handled).squareRoot()
                    let aht = max(30, queues[q].ahtSeconds * timeOfDay * noise)
                    let tenths = Int((aht * 10).rounded())
                    appendInt(&stamp, tenths / 10)
                    stamp.append(UInt8(ascii: "."))
                    appendInt(&stamp, tenths % 10)
                }
                stamp.append(UInt8(ascii: "\n"))
                out.append(contentsOf: stamp)
                rows += 1
            }
            if out.count >= 1 << 20 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
            t += step
        }
        try emit(out)
        return rows
    }

    /// Expected offered contacts of a queue on a day, before day-level noise.
    func dailyMean(_ queue: SampleQueue, date: CivilDate, dayIndex: Int, closed: Bool) -> Double {
        if closed { return 0 }
        let weekdayFactor = [0, 1.22, 1.05, 1.0, 0.97, 0.9, 0.36, 0][date.isoWeekday]
        let trend = 1 + 0.10 * Double(dayIndex) / 365.25
        let dayOfYear = Double(date.dayNumber - CivilDate(year: date.year, month: 1, day: 1)!.dayNumber)
        let season = 1 + 0.08 * cos(2 * Double.pi * (dayOfYear - 20) / 365.25)
        var factor = 1.0
        for event in Self.events where event.queue == queue.name && event.start <= date && date <= event.end {
            factor *= event.factor
        }
        return queue.dailyVolume * weekdayFactor * trend * season * factor
    }

    /// The intraday shape (unnormalized) at a local minute; 0 when closed.
    func profileWeight(weekday: Int, minuteOfDay: Int, chat: Bool) -> Double {
        let open: Int, close: Int
        switch weekday {
        case 1...5: (open, close) = (480, 1200)
        case 6: (open, close) = (540, 840)
        default: return 0
        }
        guard minuteOfDay >= open, minuteOfDay < close else { return 0 }
        let h = (Double(minuteOfDay) + Double(intervalMinutes) / 2) / 60
        func bump(_ center: Double, _ width: Double) -> Double { exp(-((h - center) / width) * ((h - center) / width)) }
        return chat
            ? 0.5 + 0.8 * bump(12, 2.5) + 1.0 * bump(18.5, 2) : 0.5 + 1.0 * bump(10.5, 1.5) + 0.8 * bump(14.5, 1.8)
    }

    /// The share of a day's volume that falls in the interval starting at a local minute.
    func profileShare(weekday: Int, minuteOfDay: Int, chat: Bool) -> Double {
        let total = stride(from: 0, to: 1440, by: intervalMinutes).reduce(0.0) {
            $0 + profileWeight(weekday: weekday, minuteOfDay: $1, chat: chat)
        }
        return total > 0 ? profileWeight(weekday: weekday, minuteOfDay: minuteOfDay, chat: chat) / total : 0
    }

    /// The two simulated export outages (absent intervals).
    func isOutage(queue: Int, date: CivilDate, minuteOfDay: Int) -> Bool {
        if date == CivilDate(year: 2025, month: 6, day: 12)!, minuteOfDay >= 600, minuteOfDay < 840 { return true }
        return queue == 1 && date == CivilDate(year: 2026, month: 2, day: 3)!
    }
}

/// Appends the decimal digits of a non-negative integer.
@inline(__always)
private func appendInt(_ out: inout [UInt8], _ value: Int) {
    if value >= 10 { appendInt(&out, value / 10) }
    out.append(UInt8(48 + value % 10))
}
