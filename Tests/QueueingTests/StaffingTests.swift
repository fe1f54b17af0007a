import Queueing
import XCTest

/// The staffing solver: minimality, every target at once, errors, chat and deferred work.
final class StaffingTests: XCTestCase {
    let w10 = Workload(contacts: 100, interval: 1800, averageHandleTime: 180)

    /// The requirement meets every target and one agent fewer does not.
    func assertMinimal(
        _ w: Workload, _ model: QueueModel, _ targets: StaffingTargets,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let r = try Staffing.requiredAgents(workload: w, model: model, targets: targets)
        func metrics(_ n: Int) -> QueueMetrics {
            switch model {
            case .erlangC:
                return ErlangC.metrics(
                    agents: n, workload: w, answerWithin: targets.answerWithin,
                    definition: targets.serviceLevelDefinition)
            case .erlangA(let patience):
                return ErlangA.metrics(
                    agents: n, workload: w, patience: patience, answerWithin: targets.answerWithin,
                    definition: targets.serviceLevelDefinition)
            }
        }
        XCTAssertTrue(targets.areMet(by: metrics(r.agents)), "n = \(r.agents) misses", file: file, line: line)
        if r.agents > 1 {
            XCTAssertFalse(
                targets.areMet(by: metrics(r.agents - 1)), "n − 1 = \(r.agents - 1) also meets", file: file, line: line)
        }
    }

    func testErlangARequirement() throws {
        // From the reference table: SL offered at n = 12 is 0.825583, at 14 0.932730 (patience 2 min).
        let targets = StaffingTargets(answerWithin: 20, serviceLevel: 0.8)
        let r = try Staffing.requiredAgents(workload: w10, model: .erlangA(patience: 120), targets: targets)
        XCTAssertEqual(r.agents, 12)
        let strict = StaffingTargets(answerWithin: 20, serviceLevel: 0.9)
        try assertMinimal(w10, .erlangA(patience: 120), strict)
        // Abandonment ≤ 2.5 % at patience 2 min needs 14 (0.022839) rather than 13.
        let abandon = StaffingTargets(answerWithin: 20, serviceLevel: nil, maxAbandonment: 0.025)
        XCTAssertEqual(
            try Staffing.requiredAgents(workload: w10, model: .erlangA(patience: 120), targets: abandon).agents, 14)
    }

    func testEveryTargetAtOnce() throws {
        let w = Workload(contacts: 5000, interval: 1800, averageHandleTime: 300)
        let all = StaffingTargets(
            answerWithin: 20, serviceLevel: 0.8, serviceLevelDefinition: .answered,
            maxAverageSpeedOfAnswer: 15, maxAbandonment: 0.03, maxOccupancy: 0.95)
        try assertMinimal(w, .erlangA(patience: 120), all)
        try assertMinimal(
            w, .erlangC,
            StaffingTargets(answerWithin: 30, serviceLevel: 0.9, maxAverageSpeedOfAnswer: 4, maxOccupancy: 0.9))
        try assertMinimal(
            w, .erlangA(patience: 60),
            StaffingTargets(answerWithin: 20, serviceLevel: 0.95, serviceLevelDefinition: .virtual))
    }

    func testUnreachableTargetsThrow() {
        XCTAssertThrowsError(try Staffing.requiredAgents(workload: w10, targets: StaffingTargets(serviceLevel: 1))) {
            XCTAssertEqual($0 as? StaffingError, .unreachable(.serviceLevel))
        }
        XCTAssertThrowsError(
            try Staffing.requiredAgents(
                workload: w10, model: .erlangA(patience: 60),
                targets: StaffingTargets(serviceLevel: nil, maxAbandonment: 0))
        ) {
            XCTAssertEqual($0 as? StaffingError, .unreachable(.abandonment))
        }
        XCTAssertThrowsError(
            try Staffing.requiredAgents(
                workload: w10, targets: StaffingTargets(serviceLevel: nil, maxAverageSpeedOfAnswer: 0)))
        XCTAssertThrowsError(
            try Staffing.requiredAgents(
                workload: Workload(arrivalRate: -1, averageHandleTime: 10), targets: StaffingTargets())
        ) {
            XCTAssertEqual($0 as? StaffingError, .invalidParameter("volume", "must be a finite number ≥ 0"))
        }
    }

    func testSquareRootStaffingIsAGoodStart() {
        // docs/queueing.md: exact at A = 10, 100, 8333; at most one off at 833.
        for (contacts, expected) in [(100.0, 14), (1000.0, nil), (50_000.0, nil), (5000.0, 848)] {
            let w = Workload(
                contacts: contacts, interval: 1800, averageHandleTime: 180 * (contacts == 5000 ? 300.0 / 180 : 1))
            let guess = Staffing.squareRootStaffing(workload: w, targets: StaffingTargets())
            let exact = (try? Staffing.requiredAgents(workload: w, targets: StaffingTargets()).agents) ?? 0
            XCTAssertLessThanOrEqual(abs(guess - exact), 2, "A = \(w.trafficIntensity)")
            if let expected { XCTAssertEqual(exact, expected) }
        }
    }

    func testChatUsesSlots() throws {
        // 300 chats per 30 min, 6 min per chat under concurrency 2 → A = 60 Erlangs of slots.
        let w = Workload(contacts: 300, interval: 1800, averageHandleTime: 360)
        let slotsNeeded = try Staffing.requiredAgents(workload: w, targets: StaffingTargets()).agents
        let chat = try ChatStaffing.requiredAgents(workload: w, concurrency: 2, targets: StaffingTargets())
        XCTAssertEqual(chat.agents, (slotsNeeded + 1) / 2)
        XCTAssertGreaterThanOrEqual(chat.slots.agents, slotsNeeded)
        XCTAssertEqual(ChatStaffing.slots(agents: 10, concurrency: 2.5), 25)
        XCTAssertEqual(ChatStaffing.slots(agents: 3, concurrency: 1.1), 3)
        XCTAssertThrowsError(try ChatStaffing.requiredAgents(workload: w, concurrency: 0.5, targets: StaffingTargets()))
    }

    func testDeferredWork() {
        // 400 emails per hour at 4 min, 150 waiting, all answered within 4 h:
        // steady 400/3600·240 = 26.67 Erlangs + backlog 150·240/14400 = 2.5 → 29.17 → 30 agents.
        let work = DeferredWork(
            arrivalRate: 400.0 / 3600, averageHandleTime: 240, backlog: 150, responseWindow: 4 * 3600)
        assertRelative(work.workload, 400.0 / 3600 * 240 + 2.5, 1e-14)
        XCTAssertEqual(work.requiredAgents(), 30)
        XCTAssertEqual(work.requiredAgents(maxOccupancy: 0.85), 35)
        // Exactly 21 Erlangs of work is 21 agents, not 22 (float noise is snapped).
        XCTAssertEqual(
            DeferredWork(arrivalRate: 0.7 / 10, averageHandleTime: 300, responseWindow: 1800).requiredAgents(), 21)
    }
}
