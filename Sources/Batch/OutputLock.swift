import CCPlanBase
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on an output directory, so that two overlapping cron runs never write the
/// same directory: flock(2) on `<dir>/.ccplan-batch.lock`. The kernel releases the lock when the
/// process ends however it ends (even SIGKILL or an OOM kill), so there is no stale lock to clean
/// up; the file keeps the PID and start time of the last holder for the operator.
public final class OutputLock: @unchecked Sendable {
    public let path: String
    private var fd: Int32

    /// Why the lock could not be taken.
    public struct Held: Error, CustomStringConvertible {
        public var description: String
    }

    /// Takes the lock without waiting.
    ///
    /// - Throws: ``Held`` when another process holds it (or the file cannot be opened).
    public init(directory: String) throws(Held) {
        path = directory + "/.ccplan-batch.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Held(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            var holder = ""
            if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty {
                holder = " (held by " + text.trimmingCharacters(in: .whitespacesAndNewlines) + ")"
            }
            close(fd)
            fd = -1
            if e == EWOULDBLOCK {
                throw Held(description: "another ccplan batch is writing \(directory)\(holder); lock \(path)")
            }
            throw Held(description: "cannot lock \(path): \(String(cString: strerror(e)))")
        }
        let note =
            "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Releases the lock (also released when the process exits).
    public func release() {
        if fd >= 0 {
            flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
