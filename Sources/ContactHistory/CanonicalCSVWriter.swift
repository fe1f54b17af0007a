import Foundation

/// A text file written through a buffer into a temporary sibling and renamed into place by
/// `commit()`, so that a failed run leaves no partial output behind.
public final class AtomicTextFile {
    private let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var committed = false
    private let flushThreshold = 1 << 20

    /// Creates the temporary file next to `path`.
    ///
    /// - Throws: when the directory is not writable.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    deinit {
        if !committed {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Writes `text` to `path` atomically.
    ///
    /// - Complexity: O(*n*) in the length of the text.
    public static func write(_ text: String, to path: String) throws {
        let file = try AtomicTextFile(path: path)
        try file.write(text)
        try file.commit()
    }

    /// Appends text.
    ///
    /// - Complexity: amortized O(*n*) in the length of the text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { try flush() }
    }

    /// Appends UTF-8 bytes.
    ///
    /// - Complexity: amortized O(*n*) in the number of bytes.
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place (replacing an existing file).
    public func commit() throws {
        try flush()
        try handle.synchronize()  // the data is on disk before the rename makes it visible
        try handle.close()
        if rename(temporaryPath, path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        committed = true
    }
}

/// Writes series in the canonical CSV format that `HistoryReader` reads back unchanged.
///
/// Columns: `interval_start,queue,channel,interval_minutes,offered,handled,abandoned,handle_seconds`.
/// One row per observed interval (absent intervals have no row), timestamps ISO 8601 with the
/// series' UTC offset, numbers in their shortest exact form, NaN as an empty field.
public enum CanonicalCSVWriter {
    /// The header line.
    public static let header = "interval_start,queue,channel,interval_minutes,offered,handled,abandoned,handle_seconds"

    /// Writes series to `path` (atomically).
    ///
    /// - Complexity: O(*n*) in the total number of intervals.
    public static func write(_ series: [IntervalSeries], to path: String) throws {
        let file = try AtomicTextFile(path: path)
        try file.write(header + "\n")
        for s in series { try appendRows(of: s) { try file.write($0) } }
        try file.commit()
    }

    /// The whole CSV text (for small outputs and tests).
    ///
    /// - Complexity: O(*n*) in the total number of intervals.
    public static func render(_ series: [IntervalSeries]) -> String {
        var text = header + "\n"
        for s in series { appendRows(of: s) { text += $0 } }
        return text
    }

    private static func appendRows(of s: IntervalSeries, _ emit: (String) throws -> Void) rethrows {
        var clock = ZoneClock(s.timeZone)
        let queue = csvField(s.queue)
        var chunk = ""
        for i in s.indices where s.states[i] == .observed {
            let t = s.intervalStart(i)
            chunk += iso8601(t, offset: Int(clock.offset(at: t)))
            chunk += ",\(queue),\(s.channel.rawValue),\(s.intervalMinutes),\(number(s.offered[i])),"
            chunk += "\(number(s.handled[i])),\(number(s.abandoned[i])),\(number(s.handleSeconds[i]))\n"
            if chunk.utf8.count > 1 << 16 {
                try emit(chunk)
                chunk = ""
            }
        }
        try emit(chunk)
    }

    /// A number in its shortest form that reads back exactly; NaN as an empty field.
    /// The shortest text that reads back as exactly `value` (integral values without ".0");
    /// NaN as an empty field. Every CSV and JSON number ccplan writes goes through it.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// A CSV field, quoted (with doubled quotes) when it holds a comma, semicolon, quote or line break.
public func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else {
        return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
