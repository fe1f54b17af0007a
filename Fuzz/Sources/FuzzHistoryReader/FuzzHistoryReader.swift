// libFuzzer target: the history reader (ContactHistory) on arbitrary bytes.
//
// Input: two bytes of options (time zone, vendor profile, duplicate policy; DST-gap policy,
// outliers), then the CSV text. A crash, an ASan report, a timeout or an out-of-memory is a
// finding; so is a broken invariant: every error names a line, a read on three threads (the file
// cut into byte ranges) gives the same series or the same error, and a history that loads writes
// back (CanonicalCSVWriter) into a file that reads back the same.
import CCPlanBase
import ContactHistory
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The file the CSV bytes are written to (the reader reads paths), one per process.
private let scratchPath = "/dev/shm/ccplan-fuzz-history-\(getpid()).csv"
private let roundTripPath = "/dev/shm/ccplan-fuzz-history-\(getpid())-back.csv"

private let zones = [
    "UTC", "Europe/Berlin", "Asia/Jerusalem", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC", "UTC",
]
private let profiles: [VendorProfile?] = [nil, nil, nil, nil, .genesys, .connect, .nice, .avayaCMS]

/// The reading options two bytes select: zone (bits 0–2), profile (3–5) and duplicate policy
/// (6–7) of the first; DST-gap policy (bit 0) and outliers (bit 1) of the second.
func options(_ first: UInt8, _ second: UInt8) -> HistoryReadOptions {
    HistoryReadOptions(
        timeZone: TimeZone(identifier: zones[Int(first & 7)])!,
        profile: profiles[Int(first >> 3 & 7)],
        onDuplicate: [.error, .sum, .last, .error][Int(first >> 6 & 3)],
        dstGap: second & 1 == 0 ? .error : .shift,
        outliers: second & 2 == 0 ? .refuse : .accept)
}

private func write(_ bytes: UnsafeRawBufferPointer, to path: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0, "cannot create \(path)")
    var offset = 0
    while offset < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        precondition(n > 0, "cannot write \(path)")
        offset += n
    }
    close(fd)
}

/// Whether two series hold the same data (waits are not written by the canonical writer).
private func same(_ a: IntervalSeries, _ b: IntervalSeries) -> Bool {
    func same(_ x: [Double], _ y: [Double]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
    return a.queue == b.queue && a.channel == b.channel && a.intervalMinutes == b.intervalMinutes && a.start == b.start
        && a.states == b.states && same(a.offered, b.offered) && same(a.handled, b.handled)
        && same(a.abandoned, b.abandoned) && same(a.handleSeconds, b.handleSeconds)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHistoryReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 2 else { return 0 }
    let options = options(data[0], data[1])
    write(UnsafeRawBufferPointer(start: data + 2, count: size - 2), to: scratchPath)
    // The same file cut into byte ranges and read on three threads must read the same: the same
    // series, or the same error (HistoryReader+Parallel.swift).
    var parallelReader = HistoryReader(options: options, workers: 3)
    parallelReader.parallelMinimumBytes = 0
    let parallel = Result { () throws(HistoryError) in try parallelReader.read([scratchPath]) }
    let history: ContactHistory
    do {
        history = try HistoryReader(options: options).read([scratchPath])
    } catch {
        precondition(!error.issues.isEmpty && error.totalCount >= error.issues.count, "an error without issues")
        precondition(error.issues.allSatisfy { $0.line >= 0 && $0.column >= 0 && !$0.message.isEmpty }, "\(error)")
        if case .failure(let other) = parallel {
            precondition(other.description == error.description, "the parallel read failed differently")
        } else {
            preconditionFailure("the parallel read loaded a file the serial read refuses")
        }
        return 0
    }
    guard case .success(let other) = parallel else { preconditionFailure("the parallel read refused a good file") }
    precondition(
        other.series.count == history.series.count && zip(other.series, history.series).allSatisfy(same)
            && other.series.map(\.readNotes) == history.series.map(\.readNotes) && other.rowCount == history.rowCount,
        "the parallel read differs")
    for s in history.series {
        precondition(s.count > 0 && s.observedCount > 0, "an empty series \(s.queue)")
        precondition(
            [s.handled.count, s.abandoned.count, s.handleSeconds.count, s.states.count].allSatisfy { $0 == s.count })
        precondition(s.states.first == .observed && s.states.last == .observed, "a series that starts or ends absent")
        for i in s.indices where s.states[i] == .observed {
            precondition(s.offered[i] >= 0 && s.offered[i].isFinite, "offered \(s.offered[i]) in \(s.queue)")
            precondition(!(s.handled[i] > s.offered[i]), "handled above offered in \(s.queue)")
        }
        _ = SeriesQuality(s)
    }
    _ = QualityReport(history).json()
    _ = QualityReport(history).table()
    // Round trip: what was read, written canonically, reads back the same.
    let text = Array(CanonicalCSVWriter.render(history.series).utf8)
    text.withUnsafeBytes { write($0, to: roundTripPath) }
    var again = options
    again.profile = nil
    again.onDuplicate = .error
    again.outliers = .accept
    do {
        let back = try HistoryReader(options: again).read([roundTripPath])
        precondition(
            back.series.count == history.series.count,
            "round trip: \(back.series.count) series, not \(history.series.count)")
        for (a, b) in zip(history.series, back.series) {
            precondition(same(a, b), "round trip changed \(a.queue)/\(a.channel): \(b.queue)/\(b.channel)")
        }
    } catch {
        preconditionFailure("round trip refused: \(error)")
    }
    return 0
}
