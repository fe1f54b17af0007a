import CCPlanBase
import Reporting

@testable import Planning

/// A realistic, deterministic sample report: three queues, daily history and a 13-week forecast,
/// a typical week at 30-minute intervals and three scenarios.
enum HTMLReportSample {
    /// 2026-01-05 00:00 UTC, a Monday.
    static let historyStart: Int64 = 1_767_571_200
    static let day: Int64 = 86_400

    /// Deterministic pseudo-random numbers in 0..<1 (64-bit LCG).
    struct Noise {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Roughly normal, mean 0, standard deviation about 1.
        mutating func gaussian() -> Double {
            (next() + next() + next() + next() - 2) * 1.73
        }
    }

    /// "2026-03-02" for epoch seconds (UTC civil date).
    static func dateLabel(_ t: Int64) -> String { CivilDate(dayNumber: Int(floorDiv(t, day))).description }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    struct QueueSpec {
        var queue: String
        var channel: String
        var dailyVolume: Double
        var aht: Double  // seconds
        var noise: Double
        var growth: Double  // per week, fraction
        var seed: UInt64
    }

    static let queues = [
        QueueSpec(
            queue: "Customer Service", channel: "Voice", dailyVolume: 1_000, aht: 300, noise: 0.06, growth: 0.004,
            seed: 11),
        QueueSpec(
            queue: "Premium Line", channel: "Voice", dailyVolume: 80, aht: 420, noise: 0.15, growth: 0.0, seed: 23),
        QueueSpec(
            queue: "Customer Service", channel: "Chat", dailyVolume: 320, aht: 540, noise: 0.09, growth: 0.012, seed: 37
        ),
    ]

    /// Day-of-week factors, Monday first; closed on Sunday.
    static let weekly = [1.22, 1.08, 1.0, 0.97, 0.9, 0.42, 0.0]

    /// Builds the sample; `historyWeeks` controls the history length (8 for the screenshot, 104 for the size test).
    static func document(historyWeeks: Int = 8, forecastWeeks: Int = 13) -> PlanReportDocument {
        let historyDays = historyWeeks * 7
        let forecastDays = forecastWeeks * 7
        let forecastStart = historyStart + Int64(historyDays) * day
        var sections: [PlanReportDocument.QueueSection] = []
        var summary: [PlanReportDocument.SummaryRow] = []
        var quality: [PlanReportDocument.DataQualityEntry] = []
        var totalNextMonthFTE = 0.0
        var baseTotalFTE = 0.0

        for (qi, q) in queues.enumerated() {
            var noise = Noise(state: q.seed)
            var points: [PlanReportDocument.SeriesPoint] = []
            for i in 0..<(historyDays + forecastDays) {
                let t = historyStart + Int64(i) * day
                let dow = i % 7
                let weeksFromStart = Double(i) / 7
                let level = q.dailyVolume * (1 + q.growth * weeksFromStart) * weekly[dow]
                if i < historyDays {
                    var actual: Double? = max(0, (level * (1 + q.noise * noise.gaussian())).rounded())
                    if qi == 1 && (i == 17 || i == 18) { actual = nil }  // a gap in the history
                    if qi == 0 && i == 30 { actual = (level * 1.45).rounded() }  // an outage spike
                    points.append(.init(time: t, label: dateLabel(t), actual: actual))
                } else {
                    let h = Double(i - historyDays + 1)
                    let width = (q.noise * 1.28) * (1 + h / 60)
                    points.append(
                        .init(
                            time: t, label: dateLabel(t), forecast: level, low: level * (1 - width),
                            high: level * (1 + width)))
                }
            }

            // Typical week: 30-minute intervals, Mon–Fri 08:00–20:00, Sat 09:00–14:00.
            var week: [PlanReportDocument.WeekInterval] = []
            let weeklyVolume = q.dailyVolume * weekly.reduce(0, +)
            for dow in 0..<6 {
                let (open, close) = dow < 5 ? (16, 40) : (18, 28)
                var shape: [Double] = []
                for slot in open..<close {
                    let hour = Double(slot) / 2 + 0.25
                    let morning = 1.25 * gauss(hour, 10.5, 1.6)
                    let afternoon = 1.0 * gauss(hour, 14.5, 1.8)
                    let evening = 0.35 * gauss(hour, 18.5, 1.2)
                    shape.append(0.15 + morning + afternoon + evening)
                }
                let total = shape.reduce(0, +)
                for (k, slot) in (open..<close).enumerated() {
                    let calls = weeklyVolume * weekly[dow] / weekly.reduce(0, +) * shape[k] / total
                    let erlangs = calls * q.aht / 1800
                    let required = erlangs < 0.05 ? 0 : (erlangs + 1.6 * erlangs.squareRoot() + 1).rounded(.up)
                    var scheduled = required + (noise.next() < 0.55 ? 1 : 0) - (noise.next() < 0.18 ? 2 : 0)
                    if k == 0 || k == close - open - 1 { scheduled = max(scheduled, 1) }
                    scheduled = max(0, scheduled)
                    week.append(
                        .init(weekday: weekdays[dow], time: timeLabel(slot), required: required, scheduled: scheduled))
                }
            }

            // Daily FTE over the horizon: base and two scenarios.
            var base: [PlanReportDocument.FTEPoint] = []
            var plus10: [PlanReportDocument.FTEPoint] = []
            var aht: [PlanReportDocument.FTEPoint] = []
            var monthly: [(String, Double, Double, Int)] = []  // month, volume, fte sum, days
            for p in points where p.time >= forecastStart {
                let f = p.forecast ?? 0
                let workload = f * q.aht / 3600  // hours of talk time
                let fte = workload / 0.82 / 0.7 / 7.5 * (f > 0 ? 1 : 0) + (f > 0 ? 1.5 : 0)
                base.append(.init(time: p.time, label: p.label, fte: fte))
                plus10.append(.init(time: p.time, label: p.label, fte: fte * 1.1))
                aht.append(.init(time: p.time, label: p.label, fte: fte * (1 - 15 / q.aht)))
                let date = CivilDate(dayNumber: Int(floorDiv(p.time, day)))
                let month = "\(monthNames[date.month - 1]) \(date.year)"
                if monthly.last?.0 == month {
                    monthly[monthly.count - 1].1 += f
                    monthly[monthly.count - 1].2 += fte * 7 / 5
                    monthly[monthly.count - 1].3 += 1
                } else {
                    monthly.append((month, f, fte * 7 / 5, 1))
                }
            }
            for (mi, m) in monthly.enumerated() {
                let fte = m.2 / Double(m.3)
                summary.append(
                    .init(
                        queue: q.queue, channel: q.channel, month: m.0, volume: m.1, fte: fte,
                        serviceLevel: [0.812, 0.795, 0.834][qi] - Double(mi) * 0.004))
                if mi == 0 { totalNextMonthFTE += fte }
            }
            baseTotalFTE += base.map(\.fte).reduce(0, +) / Double(max(1, base.count)) * 7 / 5

            sections.append(
                .init(
                    queue: q.queue, channel: q.channel,
                    note: qi == 1
                        ? "Forecast model: seasonal naive with weekly profile (short history)."
                        : "Forecast model: TBATS with weekly seasonality; Erlang C staffing at 30-minute intervals.",
                    volumeUnit: q.channel == "Chat" ? "Chats per day" : "Calls per day",
                    series: points, forecastStart: forecastStart, typicalWeek: week,
                    dailyFTE: [
                        .init(name: "Base", points: base), .init(name: "+10% volume", points: plus10),
                        .init(name: "AHT −15 s", points: aht),
                    ]))

            let missing = qi == 1 ? 2 : 0
            var warnings: [String] = []
            if qi == 0 {
                warnings.append("2026-02-04: volume 45% above expected (possible outage); kept in training data.")
            }
            if qi == 1 { warnings.append("2 days missing (2026-01-22, 2026-01-23); interpolated for training.") }
            quality.append(
                .init(
                    series: "\(q.queue) · \(q.channel)",
                    intervalsObserved: (historyDays - missing) * 48 - historyWeeks * 48 * 1,
                    intervalsMissing: missing * 48,
                    intervalsZero: historyWeeks * 48 + historyWeeks * (48 - 10) + historyWeeks * 5 * 24,
                    first: dateLabel(historyStart) + " 08:00", last: dateLabel(forecastStart - day) + " 19:30",
                    warnings: warnings))
        }

        let scenarios: [PlanReportDocument.Scenario] = [
            .init(
                name: "Base", description: "Forecast as modelled; AHT and shrinkage as assumed", fte: baseTotalFTE,
                hours: baseTotalFTE * 37.5 * 13, cost: baseTotalFTE * 37.5 * 13 * 31.5, serviceLevel: 0.808,
                isBase: true),
            .init(
                name: "+10% volume", description: "All queues +10% contacts offered", fte: baseTotalFTE * 1.1,
                hours: baseTotalFTE * 1.1 * 37.5 * 13, cost: baseTotalFTE * 1.1 * 37.5 * 13 * 31.5, serviceLevel: 0.802,
                deltaVsBasePercent: 10),
            .init(
                name: "AHT −15 s", description: "Knowledge-base rollout reduces handle time by 15 seconds",
                fte: baseTotalFTE * 0.962, hours: baseTotalFTE * 0.962 * 37.5 * 13, cost: nil, serviceLevel: 0.811,
                deltaVsBasePercent: -3.8),
        ]

        return PlanReportDocument(
            title: "Capacity plan — Northwind Contact Centre",
            subtitle:
                "History \(dateLabel(historyStart)) – \(dateLabel(forecastStart - day)) · Horizon 13 weeks, \(dateLabel(forecastStart)) – \(dateLabel(forecastStart + Int64(forecastDays - 1) * day))",
            ccplanVersion: "0.4.0",
            generatedAt: "2026-03-01 18:04 UTC",
            keyFigures: [
                .init(
                    label: "FTE next month", value: ReportNumber.number(totalNextMonthFTE, decimals: 1),
                    detail: "Mar 2026, all queues"),
                .init(label: "Expected service level", value: "80.8%", detail: "Target 80% within 20 s (voice)"),
                .init(
                    label: "Horizon", value: "13 weeks",
                    detail: "\(dateLabel(forecastStart)) – \(dateLabel(forecastStart + Int64(forecastDays - 1) * day))"),
                .init(label: "Queues", value: "3", detail: "2 voice, 1 chat"),
            ],
            summary: summary,
            sections: sections,
            scenarios: scenarios,
            currency: "EUR",
            assumptions: [
                .init(
                    label: "Service level target", value: "80% within 20 s",
                    definition: "answered within threshold ÷ all offered; abandons count as misses"),
                .init(
                    label: "Chat service level", value: "90% within 60 s",
                    definition: "first response within threshold ÷ all chats offered"),
                .init(
                    label: "Shrinkage", value: "30%",
                    definition: "paid time not available for contacts: breaks, training, meetings, absence"),
                .init(
                    label: "Occupancy cap", value: "85%",
                    definition: "maximum share of logged-in time spent handling contacts"),
                .init(
                    label: "Hours per FTE", value: "37.5 h per week",
                    definition: "one full-time equivalent; FTE = paid agent hours ÷ 37.5 per week"),
                .init(
                    label: "Chat concurrency", value: "2 sessions",
                    definition: "simultaneous chats per agent; workload divided accordingly"),
                .init(
                    label: "Staffing model", value: "Erlang C, 30-min intervals",
                    definition: "agents required per interval from forecast volume and AHT; no abandonment"),
            ],
            dataQuality: quality,
            warnings: [
                "Premium Line · Voice: fewer than 12 weeks of history; the forecast uses a seasonal-naive model and a wider prediction band.",
                "Customer Service · Chat: volume grew 9% over the history window; growth is extrapolated for 13 weeks.",
                "Public holiday on 2026-04-03 and 2026-04-06 is not in the calendar; forecast may be high on those days.",
            ])
    }

    static func gauss(_ x: Double, _ mu: Double, _ sigma: Double) -> Double {
        let z = (x - mu) / sigma
        // exp(-z²/2) without Foundation: a short series is not enough far out, so use repeated squaring.
        return expNeg(z * z / 2)
    }

    /// e^(−x) for x ≥ 0 (Taylor series on x/64, then squared six times).
    static func expNeg(_ x: Double) -> Double {
        let y = x / 64
        var term = 1.0, sum = 1.0
        for n in 1...12 { term *= -y / Double(n); sum += term }
        var r = sum
        for _ in 0..<6 { r *= r }
        return r
    }

    static func timeLabel(_ slot: Int) -> String {
        let h = slot / 2, m = slot % 2 == 0 ? "00" : "30"
        return "\(h < 10 ? "0" : "")\(h):\(m)"
    }
}
