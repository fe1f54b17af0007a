import CCPlanBase
import ContactHistory
import XCTest

@testable import Planning

final class PipelineTests: XCTestCase {
    private func series(weeks: Int, firstMonday: CivilDate) throws -> [IntervalSeries] {
        let path = try Fixtures.write(Fixtures.historyCSV(weeks: weeks, firstMonday: firstMonday), name: "history.csv")
        return try HistoryReader(options: HistoryReadOptions(timeZone: Fixtures.zone)).read([path]).series
    }

    func testForecastKeepsTheWeeklyCycleAndClosedHours() throws {
        let all = try series(weeks: 6, firstMonday: CivilDate(year: 2026, month: 8, day: 3)!)
        let voice = try XCTUnwrap(all.first { $0.queue == "support" })
        var request = ForecastRequest(horizonSeconds: 7 * 86_400)
        request.model = .seasonalNaive
        let f = try ForecastPipeline.forecast(voice, request)
        XCTAssertEqual(f.intervals.count, 7 * 48)
        XCTAssertEqual(f.intervals.first?.isoStart, "2026-09-14T00:00:00+02:00")
        // The synthetic history repeats every week exactly: the seasonal naive forecast is that week.
        let monday0830 = f.intervals[17]
        XCTAssertEqual(monday0830.isoStart, "2026-09-14T08:30:00+02:00")
        let expected = (40 * (1 + 0.5 * sin(1.0 / 20 * .pi)) * 1.2).rounded()
        XCTAssertEqual(monday0830.volume, expected)
        XCTAssertEqual(monday0830.ahtSeconds ?? 0, 240, accuracy: 1e-9)
        // Nights and the weekend are closed: exactly 0.
        XCTAssertEqual(f.intervals[2].volume, 0)
        XCTAssertEqual(f.intervals.filter { $0.localDate.isoWeekday >= 6 }.map(\.volume).max(), 0)
    }

    func testDaylightSavingDaysHave46And50Intervals() throws {
        // History up to Sunday 2026-10-18, forecast across the fall-back of 2026-10-25.
        let all = try series(weeks: 7, firstMonday: CivilDate(year: 2026, month: 8, day: 31)!)
        let voice = try XCTUnwrap(all.first { $0.queue == "support" })
        var request = ForecastRequest(horizonSeconds: 14 * 86_400)
        request.model = .seasonalAverage
        let f = try ForecastPipeline.forecast(voice, request)
        let fallBack = CivilDate(year: 2026, month: 10, day: 25)!
        XCTAssertEqual(f.intervals.filter { $0.localDate == fallBack }.count, 50)
        XCTAssertEqual(Set(f.intervals.map(\.start)).count, f.intervals.count, "every instant once")
        // 14 days are 14 local days: the 25-hour day is not cut short.
        XCTAssertEqual(f.intervals.count, 13 * 48 + 50)
        XCTAssertEqual(f.intervals.last?.isoStart, "2026-11-01T23:30:00+01:00")
        // Spring forward: from a March history.
        let spring = try series(weeks: 7, firstMonday: CivilDate(year: 2026, month: 2, day: 2)!)
        let s = try XCTUnwrap(spring.first { $0.queue == "support" })
        let g = try ForecastPipeline.forecast(s, request)
        XCTAssertEqual(g.intervals.filter { $0.localDate == CivilDate(year: 2026, month: 3, day: 29)! }.count, 46)
    }

    /// The repeated hour of a fall-back day holds the rate of its slot, in the history (the mean
    /// of its two intervals, not their sum) and in the forecast (each interval the slot's full
    /// forecast, not half of it). A queue with 10 contacts every hour, Europe/Berlin.
    func testRepeatedHourIsForecastAtTheFullRateOfItsSlot() throws {
        func hourly(from first: String, days: Int) throws -> IntervalSeries {
            var text = "interval_start,queue,offered\n"
            let start = try XCTUnwrap(Timestamps.parse(first, timeZone: Fixtures.zone))
            let end = try XCTUnwrap(
                Timestamps.parse(CivilDate(first)!.adding(days: days).description, timeZone: Fixtures.zone))
            var t = start
            while t < end {
                text += "\(iso8601(t, offset: 0)),q,10\n"
                t += 3600
            }
            let path = try Fixtures.write(text, name: "hourly.csv")
            return try HistoryReader(options: HistoryReadOptions(timeZone: Fixtures.zone)).read([path]).series[0]
        }
        var request = ForecastRequest(horizonSeconds: 14 * 86_400)
        request.model = .seasonalNaive
        // Fall-back in the history (Sunday 2025-10-26, its last day): next Sunday's 02:00 is 10, not 20.
        let a = try ForecastPipeline.forecast(try hourly(from: "2025-09-22", days: 35), request)
        XCTAssertEqual(a.intervals.map(\.volume).max(), 10)
        XCTAssertEqual(a.intervals.map(\.volume).min(), 10)
        // Fall-back in the horizon (Sunday 2026-10-25): both 02:00 intervals get 10, not 5.
        let b = try ForecastPipeline.forecast(try hourly(from: "2026-09-21", days: 28), request)
        let repeated = b.intervals.filter { $0.localDate == CivilDate(year: 2026, month: 10, day: 25)! }
        XCTAssertEqual(repeated.count, 25)
        XCTAssertEqual(repeated.map(\.volume), [Double](repeating: 10, count: 25))
    }

    func testForecastCSVRoundTripsExactly() throws {
        let all = try series(weeks: 6, firstMonday: CivilDate(year: 2026, month: 8, day: 3)!)
        var request = ForecastRequest(horizonSeconds: 7 * 86_400)
        request.model = .svd
        let forecasts = try all.map { try ForecastPipeline.forecast($0, request) }
        let text = ForecastCSV.render(forecasts)
        let path = try Fixtures.write(text, name: "forecast.csv")
        let back = try ForecastCSV.read(path: path, timeZone: Fixtures.zone, defaultAHT: nil)
        XCTAssertEqual(back.count, 2)
        for (a, b) in zip(forecasts, back) {
            XCTAssertEqual(a.queue, b.queue)
            XCTAssertEqual(a.intervalMinutes, b.intervalMinutes)
            XCTAssertEqual(a.intervals.map(\.start), b.intervals.map(\.start))
            XCTAssertEqual(
                a.intervals.map(\.volume), b.intervals.map(\.volume),
                "shortest round-trip text reads back the same doubles")
            XCTAssertEqual(a.intervals.map(\.quantiles), b.intervals.map(\.quantiles))
        }
        XCTAssertEqual(ForecastCSV.render(back), text)
    }

    func testForecastFileErrorsNameLineAndColumn() throws {
        func error(_ text: String) throws -> String {
            let path = try Fixtures.write(text, name: "f.csv")
            do { _ = try ForecastCSV.read(path: path, timeZone: Fixtures.zone, defaultAHT: nil); return "" } catch {
                return error.description.replacingOccurrences(of: path, with: "f.csv")
            }
        }
        XCTAssertEqual(try error(""), "f.csv: the file is empty (no header line)")
        XCTAssertEqual(try error("queue,interval_start,volume,aht_seconds\n"), "f.csv: the forecast has no rows")
        XCTAssertEqual(
            try error("queue,interval_start,volume,aht_seconds\nq,2026-11-02T08:00Z,-3,200\n"),
            "f.csv:2:21: volume cannot be negative, found -3")
        XCTAssertEqual(
            try error("queue,interval_start,volume,aht_seconds\nq,2026-11-02T08:00Z,3,\n"),
            "f.csv:2:23: no handle time for this interval: add aht_seconds or pass --aht")
        XCTAssertEqual(try error("queue,start_time,volume\n"), "f.csv:1:1: missing column 'interval_start'")
        XCTAssertTrue(
            try error("queue,channel,interval_start,volume,aht_seconds\nq,fax,2026-11-02T08:00Z,3,200\n").hasPrefix(
                "f.csv:2:3: unknown channel 'fax'"))
    }

    func testPlanIsDeterministicAndScenariosCompare() throws {
        let history = try Fixtures.write(Fixtures.historyCSV(weeks: 6), name: "history.csv")
        var inputs = PlanInputs()
        inputs.historyPaths = [history]
        inputs.readOptions = HistoryReadOptions(timeZone: Fixtures.zone)
        inputs.request = ForecastRequest(horizonSeconds: 14 * 86_400)
        inputs.request.model = .seasonalAverage
        inputs.generatedAt = Date(timeIntervalSince1970: 1_800_000_000)
        inputs.scenarioFile = try ScenarioFile.parse(
            yaml: """
                base:
                  shrinkage: 30%
                  queues:
                    webchat: {concurrency: 2}
                scenarios:
                  busy:
                    volume_factor: 1.2
                """, path: "s.yaml")
        let a = try PlanRun.make(inputs), b = try PlanRun.make(inputs)
        XCTAssertEqual(
            a.files.map(\.name),
            [
                "forecast.csv", "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv", "scenarios.csv", "plan.json",
                "report.html",
            ])
        for (x, y) in zip(a.files, b.files) { XCTAssertEqual(x.bytes, y.bytes, x.name) }
        let base = a.scenarioMonths.first { $0.scenario == "base" && $0.month == "total" }!
        let busy = a.scenarioMonths.first { $0.scenario == "busy" && $0.month == "total" }!
        XCTAssertEqual(busy.volume, base.volume * 1.2, accuracy: 1e-6 * base.volume)
        XCTAssertGreaterThan(busy.scheduledHours, base.scheduledHours)
        // Every interval's scheduled agents are ⌈agents / 0.7⌉.
        for q in a.scenarios[0].queues {
            for i in q.intervals {
                XCTAssertEqual(i.staffing.scheduledAgents, Int((Double(i.staffing.agents) / 0.7 - 1e-9).rounded(.up)))
            }
        }
        let json = try XCTUnwrap(a.text(of: "plan.json"))
        XCTAssertTrue(json.contains("\"sha256\": \""), "provenance records the inputs' hashes")
        XCTAssertTrue(json.contains("\"generated_at\": \"2027-01-15T08:00:00Z\""))
        let html = try XCTUnwrap(a.text(of: "report.html"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script src"))
    }

    func testTooShortHistoryIsAHistoryError() throws {
        let all = try series(weeks: 1, firstMonday: CivilDate(year: 2026, month: 8, day: 3)!)
        let request = ForecastRequest(
            horizonSeconds: 7 * 86_400, start: Timestamps.parse("2026-08-07T00:00", timeZone: Fixtures.zone))
        XCTAssertThrowsError(try ForecastPipeline.forecast(all[0], request)) { error in
            guard case PlanError.badHistory(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("at least 7"), message)
        }
    }
}

final class EventTests: XCTestCase {
    /// A campaign week doubled the volume in the history: declared as an event, it is left out of
    /// training, so the weeks after it are forecast at the normal level; a future event multiplies
    /// the forecast.
    func testEventsInTheHistoryAreNotAveragedIntoNormalDays() throws {
        var text = Fixtures.historyCSV(weeks: 6)
        // Double every row of the fifth week (2026-08-31 … 09-06) of the voice queue.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count > 4, fields[1] == "support", fields[0] >= "2026-08-31", fields[0] < "2026-09-07",
                let offered = Int(fields[3])
            else { return String(line) }
            return "\(fields[0]),support,voice,\(offered * 2),\(offered * 2),\(fields[5])"
        }.joined(separator: "\n")
        let path = try Fixtures.write(text, name: "history.csv")
        let series = try XCTUnwrap(
            try HistoryReader(options: HistoryReadOptions(timeZone: Fixtures.zone)).read([path]).series.first {
                $0.queue == "support"
            })
        var request = ForecastRequest(horizonSeconds: 14 * 86_400)
        request.model = .seasonalAverage  // the mean of the same slot over the last 4 weeks
        let inflated = try ForecastPipeline.forecast(series, request)
        request.events = [
            VolumeEvent(
                start: CivilDate(year: 2026, month: 8, day: 31)!, end: CivilDate(year: 2026, month: 9, day: 6)!,
                queue: "support", factor: 2),
            VolumeEvent(
                start: CivilDate(year: 2026, month: 9, day: 21)!, end: CivilDate(year: 2026, month: 9, day: 21)!,
                queue: "support", factor: 1.5),
            VolumeEvent(
                start: CivilDate(year: 2026, month: 9, day: 14)!, end: CivilDate(year: 2026, month: 9, day: 27)!,
                queue: "other", factor: 9),
        ]
        let clean = try ForecastPipeline.forecast(series, request)
        let monday0830 = (40 * (1 + 0.5 * sin(1.0 / 20 * .pi)) * 1.2).rounded()
        XCTAssertEqual(clean.intervals[17].isoStart, "2026-09-14T08:30:00+02:00")
        XCTAssertEqual(clean.intervals[17].volume, monday0830, accuracy: 1e-9, "the campaign week is not averaged in")
        XCTAssertGreaterThan(inflated.intervals[17].volume, monday0830 * 1.2, "undeclared, it is")
        XCTAssertEqual(
            clean.intervals[7 * 48 + 17].volume, monday0830 * 1.5, accuracy: 1e-9,
            "a future event multiplies the forecast")
    }
}

final class EmptyFieldTests: XCTestCase {
    /// Exports leave a mean handle time empty now and then, even where contacts were handled: the
    /// interval's handle time is unknown, not an error, and the forecast still has an AHT.
    func testEmptyHandleTimesAreUnknownNotFatal() throws {
        let text = Fixtures.historyCSV(weeks: 3)
        var lines = text.split(separator: "\n").map(String.init)
        for k in stride(from: 40, to: lines.count, by: 97)
        where lines[k].contains(",support,voice,") && !lines[k].hasSuffix(",") {
            var fields = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[5] = ""  // handled > 0, AHT missing
            lines[k] = fields.joined(separator: ",")
        }
        let path = try Fixtures.write(lines.joined(separator: "\n") + "\n", name: "history.csv")
        let series = try XCTUnwrap(
            try HistoryReader(options: HistoryReadOptions(timeZone: Fixtures.zone)).read([path]).series.first {
                $0.queue == "support"
            })
        XCTAssertTrue(series.handleSeconds.contains { $0.isNaN })
        var request = ForecastRequest(horizonSeconds: 86_400)
        request.model = .seasonalNaive
        let f = try ForecastPipeline.forecast(series, request)
        XCTAssertEqual(f.intervals.first { $0.volume > 0 }?.ahtSeconds ?? 0, 240, accuracy: 1e-6)
    }
}
