import Queueing
import XCTest

/// The validation API: every out-of-range input is refused with its parameter's flag name and
/// range (issue 13's reproductions first), and ordinary inputs pass.
final class ValidationTests: XCTestCase {
    func assertRefused(
        _ parameter: QueueingParameter, reason: String? = nil, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws(StaffingError) -> Void
    ) {
        do {
            try body()
            XCTFail("\(parameter.rawValue): accepted", file: file, line: line)
        } catch {
            XCTAssertEqual(error.parameter, parameter, "\(error)", file: file, line: line)
            if let reason {
                XCTAssertEqual(error, .invalidParameter(parameter.rawValue, reason), file: file, line: line)
            }
        }
    }

    // `ccplan erlang --volume 400 --aht 4m --channel email --backlog 1e20` (and 1e300 with
    // --volume 1 --aht 10) trapped converting 10¹⁹ agents to Int.
    func testHugeBacklogsAreRefused() {
        let email = DeferredWork(arrivalRate: 400.0 / 1800, averageHandleTime: 240, backlog: 1e20, responseWindow: 1800)
        assertRefused(.backlog) { () throws(StaffingError) in try email.validate() }
        XCTAssertEqual(email.requiredAgents(), QueueingLimits.maximumAgents)
        let tiny = DeferredWork(arrivalRate: 1.0 / 1800, averageHandleTime: 10, backlog: 1e300, responseWindow: 1800)
        assertRefused(.backlog) { () throws(StaffingError) in try tiny.validate() }
        XCTAssertEqual(tiny.requiredAgents(), QueueingLimits.maximumAgents)
        // The most a window can clear is accepted, one item per agent-window more is not.
        let most = DeferredWork(arrivalRate: 0, averageHandleTime: 1800, backlog: 1e9, responseWindow: 1800)
        XCTAssertNoThrow(try most.validate())
        XCTAssertEqual(most.requiredAgents(), QueueingLimits.maximumAgents)
        let over = DeferredWork(arrivalRate: 0, averageHandleTime: 1800, backlog: 1e9 + 1, responseWindow: 1800)
        assertRefused(
            .backlog,
            reason: "must be at most 1000000000.0 items here (the work may need at most 10⁹ agents), got 1000000001.0"
        ) {
            () throws(StaffingError) in try over.validate()
        }
        assertRefused(.responseWithin) { () throws(StaffingError) in
            try DeferredWork(arrivalRate: 1, averageHandleTime: 10, responseWindow: 0).validate()
        }
    }

    // `ccplan erlang --volume 100 --aht 3m --max-occupancy 1e-300` trapped converting A/cap to Int.
    func testTinyOccupancyCapsAreRefused() {
        let w = Workload(contacts: 100, interval: 1800, averageHandleTime: 180)
        let targets = StaffingTargets(maxOccupancy: 1e-300)
        assertRefused(.maxOccupancy, reason: "must be in [0.01, 1], got 1e-300") { () throws(StaffingError) in
            _ = try Staffing.requiredAgents(workload: w, targets: targets)
        }
        assertRefused(.maxOccupancy) { () throws(StaffingError) in try targets.validate() }
        // In range, but A/cap beyond 10⁹ agents.
        let huge = Workload(arrivalRate: 9e7 / 300, averageHandleTime: 300)
        assertRefused(.maxOccupancy) { () throws(StaffingError) in
            try Staffing.validate(workload: huge, targets: StaffingTargets(maxOccupancy: 0.05))
        }
        XCTAssertNoThrow(try Staffing.validate(workload: huge, targets: StaffingTargets(maxOccupancy: 0.09)))
        let email = DeferredWork(arrivalRate: 9e7 / 300, averageHandleTime: 300, responseWindow: 1800)
        assertRefused(.maxOccupancy) { () throws(StaffingError) in try email.validate(maxOccupancy: 0.05) }
    }

    // `ccplan erlang --volume 100000 --aht 3m --shrinkage 0.9999999999999999` trapped converting
    // ⌈5,574 / 1.1e-16⌉ scheduled agents to Int.
    func testShrinkageNearOneIsRefused() {
        assertRefused(.shrinkage, reason: "must be in [0, 0.99], got 0.9999999999999999") { () throws(StaffingError) in
            try Shrinkage.validate(0.9999999999999999)
        }
        assertRefused(.shrinkage) { () throws(StaffingError) in try Shrinkage.validate(-0.1) }
        XCTAssertNoThrow(try Shrinkage.validate(0.99))
        XCTAssertEqual(
            Shrinkage.scheduledAgents(5574, shrinkage: 0.9999999999999999), QueueingLimits.maximumScheduledAgents)
        // The documented caps hold together: the most agents at the most shrinkage fit.
        XCTAssertEqual(
            Shrinkage.scheduledAgents(QueueingLimits.maximumAgents, shrinkage: QueueingLimits.maximumShrinkage),
            QueueingLimits.maximumScheduledAgents)
    }

    func testEveryParameterIsCheckedAgainstItsRange() {
        let w = Workload(contacts: 100, interval: 1800, averageHandleTime: 180)
        func staffing(
            _ workload: Workload = w, _ model: QueueModel = .erlangC, _ targets: StaffingTargets = StaffingTargets(),
            shrinkage: Double = 0, concurrency: Double = 1
        ) -> () throws(StaffingError) -> Void {
            { () throws(StaffingError) in
                try Staffing.validate(
                    workload: workload, model: model, targets: targets, shrinkage: shrinkage, concurrency: concurrency)
            }
        }
        assertRefused(
            .volume, reason: "must be a finite number ≥ 0", staffing(Workload(arrivalRate: -1, averageHandleTime: 10)))
        assertRefused(.volume, staffing(Workload(arrivalRate: .infinity, averageHandleTime: 10)))
        assertRefused(
            .volume, reason: "the offered load must be below 10⁸ Erlangs",
            staffing(Workload(arrivalRate: 1e6, averageHandleTime: 100)))
        assertRefused(.aht, staffing(Workload(arrivalRate: 1, averageHandleTime: 0)))
        assertRefused(.patience, reason: "must be a finite duration > 0, got 0.0", staffing(w, .erlangA(patience: 0)))
        assertRefused(.patience, staffing(w, .erlangA(patience: .infinity)))
        assertRefused(.answerWithin, staffing(w, .erlangC, StaffingTargets(answerWithin: -1)))
        assertRefused(
            .targetServiceLevel, reason: "must be in [0, 1], got 1.5",
            staffing(w, .erlangC, StaffingTargets(serviceLevel: 1.5)))
        assertRefused(.targetASA, staffing(w, .erlangC, StaffingTargets(maxAverageSpeedOfAnswer: .nan)))
        assertRefused(.maxAbandonment, staffing(w, .erlangA(patience: 60), StaffingTargets(maxAbandonment: 2)))
        assertRefused(.maxOccupancy, staffing(w, .erlangC, StaffingTargets(maxOccupancy: 0.009)))
        assertRefused(.shrinkage, staffing(shrinkage: 0.995))
        assertRefused(.concurrency, reason: "must be in [1, 1000], got 1e+300", staffing(concurrency: 1e300))
        assertRefused(.agents, reason: "must be between 0 and 1,000,000,000, got -1.0") { () throws(StaffingError) in
            try Staffing.validate(agents: -1)
        }
        assertRefused(.maxBlocking) { () throws(StaffingError) in try ErlangB.validate(maxBlocking: 1e-400) }
        // Targets no staffing can meet stay `unreachable`.
        XCTAssertThrowsError(try Staffing.validate(workload: w, targets: StaffingTargets(serviceLevel: 1))) {
            XCTAssertEqual($0 as? StaffingError, .unreachable(.serviceLevel))
        }
    }

    func testOrdinaryAndBoundaryInputsPass() throws {
        let w = Workload(contacts: 5000, interval: 1800, averageHandleTime: 300)
        let targets = StaffingTargets(
            answerWithin: 20, serviceLevel: 0.8, maxAverageSpeedOfAnswer: 30,
            maxAbandonment: 0.05, maxOccupancy: 0.85)
        try Staffing.validate(
            workload: w, model: .erlangA(patience: 1e300), targets: targets, shrinkage: 0.99, concurrency: 1000)
        try Staffing.validate(
            workload: w, model: .erlangA(patience: 1e-300), targets: StaffingTargets(maxOccupancy: 0.01))
        try Staffing.validate(agents: QueueingLimits.maximumAgents)
        try ErlangB.validate(maxBlocking: 0.01)
        try DeferredWork(arrivalRate: 400.0 / 3600, averageHandleTime: 240, backlog: 150, responseWindow: 4 * 3600)
            .validate(maxOccupancy: 0.85)
        XCTAssertEqual(QueueingParameter.maxOccupancy.key, "max_occupancy")
        XCTAssertEqual(QueueingParameter.responseWithin.key, "response_within")
    }
}
