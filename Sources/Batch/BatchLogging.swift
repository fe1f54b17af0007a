import CCPlanBase
import ContactHistory
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard error, shared by the log handler and the progress bar: a log line first clears the
/// bar, then the bar is drawn again below it.
public final class StandardErrorConsole: @unchecked Sendable {
    public static let shared = StandardErrorConsole()

    private let lock = NSLock()
    private var bar: String?
    /// Whether standard error is a terminal (isatty(2)).
    public let isTerminal: Bool

    init() { isTerminal = isatty(STDERR_FILENO) == 1 }

    private func raw(_ s: String) {
        var bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// Writes one line (a newline is added).
    public func line(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if bar != nil { raw("\r\u{1B}[2K") }
        raw(text.hasSuffix("\n") ? text : text + "\n")
        if let bar { raw(bar) }
    }

    /// Shows (or replaces) the progress bar on the last line; terminals only.
    public func showBar(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        bar = text
        raw("\r\u{1B}[2K" + text)
    }

    /// Removes the bar.
    public func clearBar() {
        lock.lock(); defer { lock.unlock() }
        if bar != nil { raw("\r\u{1B}[2K") }
        bar = nil
    }
}

/// The output format of ``BatchLogHandler``.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `2026-11-02T03:00:01.123Z info  queue planned queue=billing channel=voice seconds=0.41`
    case text
    /// One JSON object per line: `{"time":…,"level":…,"label":…,"message":…,<metadata>}`.
    case json
}

/// A swift-log handler writing structured lines to standard error (text or JSON lines).
public struct BatchLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    let label: String
    let format: LogFormat
    let console: StandardErrorConsole

    public init(label: String, format: LogFormat, level: Logger.Level, console: StandardErrorConsole = .shared) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.console = console
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let m = event.metadata { all.merge(m) { $1 } }
        let time = BatchLogHandler.timestamp()
        switch format {
        case .text:
            var line =
                "\(time) \(event.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\(event.message)"
            for (k, v) in all.sorted(by: { $0.key < $1.key }) { line += " \(k)=\(BatchLogHandler.text(v))" }
            console.line(line)
        case .json:
            var out =
                "{\"time\":\(quote(time)),\"level\":\(quote(event.level.rawValue)),\"label\":\(quote(label)),\"message\":\(quote(event.message.description))"
            for (k, v) in all.sorted(by: { $0.key < $1.key }) where !["time", "level", "label", "message"].contains(k) {
                out += ",\(quote(k)):\(BatchLogHandler.json(v))"
            }
            console.line(out + "}")
        }
    }

    static func timestamp() -> String {
        var tv = timeval()
        gettimeofday(&tv, nil)
        var t = time_t(tv.tv_sec)
        var tm = tm()
        gmtime_r(&t, &tm)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let ms = Int(tv.tv_usec) / 1000
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return
            "\(tm.tm_year + 1900)-\(two(tm.tm_mon + 1))-\(two(tm.tm_mday))T\(two(tm.tm_hour)):\(two(tm.tm_min)):\(two(tm.tm_sec)).\(msText)Z"
    }

    static func text(_ v: Logger.MetadataValue) -> String {
        switch v {
        case .string(let s): return s.contains(" ") || s.isEmpty ? quote(s) : s
        case .stringConvertible(let c): return "\(c)"
        case .array(let a): return "[" + a.map(text).joined(separator: ",") + "]"
        case .dictionary(let d):
            return "{" + d.sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value))" }.joined(separator: ",") + "}"
        }
    }

    static func json(_ v: Logger.MetadataValue) -> String {
        switch v {
        case .string(let s): return quote(s)
        case .stringConvertible(let c):
            if let n = c as? any BinaryInteger { return "\(n)" }
            if let d = c as? Double, d.isFinite { return "\(d)" }
            return quote("\(c)")
        case .array(let a): return "[" + a.map(json).joined(separator: ",") + "]"
        case .dictionary(let d):
            return "{"
                + d.sorted { $0.key < $1.key }.map { "\(quote($0.key)):\(json($0.value))" }.joined(separator: ",") + "}"
        }
    }
}

/// A JSON string literal (ContactHistory's one JSON string writer).
func quote(_ s: String) -> String { jsonQuoted(s) }

/// Progress of the queues: a bar with rate and ETA on a terminal, a log line every
/// `interval` seconds otherwise (cron mail and cluster logs stay readable).
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private var failed = 0
    private let started = Date()
    private var lastReport = Date()
    private let interval: TimeInterval
    private let logger: Logger
    private let console: StandardErrorConsole
    private let useBar: Bool

    init(total: Int, interval: TimeInterval, logger: Logger, console: StandardErrorConsole, enabled: Bool) {
        self.total = total
        self.interval = interval
        self.logger = logger
        self.console = console
        self.useBar = enabled && console.isTerminal
        if useBar { console.showBar(bar()) }
    }

    func step(failed queueFailed: Bool) {
        lock.lock()
        done += 1
        if queueFailed { failed += 1 }
        let now = Date()
        let due = now.timeIntervalSince(lastReport) >= (useBar ? 0.1 : interval)
        if due { lastReport = now }
        let (d, f) = (done, failed)
        lock.unlock()
        guard due else { return }
        if useBar {
            console.showBar(bar())
        } else {
            let elapsed = now.timeIntervalSince(started)
            let rate = elapsed > 0 ? Double(d) / elapsed : 0
            logger.info(
                "progress",
                metadata: [
                    "done": .stringConvertible(d), "total": .stringConvertible(total), "failed": .stringConvertible(f),
                    "rate_per_s": .stringConvertible((rate * 100).rounded() / 100),
                    "eta_s": .stringConvertible(rate > 0 ? Int((Double(total - d) / rate).rounded()) : -1),
                ])
        }
    }

    func finish() {
        if useBar { console.clearBar() }
    }

    private func bar() -> String {
        lock.lock(); let (d, f) = (done, failed); lock.unlock()
        let width = 30
        let fraction = total > 0 ? Double(d) / Double(total) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(d) / elapsed : 0
        let eta = rate > 0 ? formatSeconds(Double(total - d) / rate) : "--:--"
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + "\(d)/\(total) queues, \(fixed(rate, 1))/s, ETA \(eta)" + (f > 0 ? ", \(f) failed" : "")
    }
}

func formatSeconds(_ s: Double) -> String {
    let t = Int(s.rounded())
    let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
    return t >= 3600 ? "\(t / 3600):\(two(t / 60 % 60)):\(two(t % 60))" : "\(two(t / 60)):\(two(t % 60))"
}
