import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written. These are transient for a scheduler (exit 75): a full
/// disk, a read-only mount or a permission fixed by an operator.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// The path that could not be written.
    public var path: String
    /// What went wrong, from the operating system.
    public var reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes outputs so that a reader never sees a partial file: everything goes to a temporary
/// sibling first and is renamed into place (rename(2) is atomic within a file system).
public enum AtomicOutput {
    /// Writes `bytes` to `path` through a temporary file in the same directory and a rename
    /// (``AtomicTextFile``, which every ccplan output goes through).
    ///
    /// - Throws: ``OutputError``; on failure the temporary file is removed and `path` is untouched.
    /// - Complexity: O(bytes).
    public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        do {
            let file = try AtomicTextFile(path: path)
            try file.write(bytes: bytes)
            try file.commit()
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes `parts` one after the other to `path`, atomically as ``write(_:to:)-([UInt8],_)``,
    /// without joining them first.
    ///
    /// - Throws: ``OutputError``; on failure the temporary file is removed and `path` is untouched.
    /// - Complexity: O(total bytes).
    public static func write(parts: [[UInt8]], to path: String) throws(OutputError) {
        do {
            let file = try AtomicTextFile(path: path)
            for part in parts { try file.write(bytes: part) }
            try file.commit()
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes several files at once, each as ``write(parts:to:)``, on a thread of its own: the
    /// fsyncs of the files overlap, and a journalling file system commits them together (seven
    /// plan files took 40 ms one after the other and 6 ms at once on a busy disk here).
    ///
    /// - Throws: the ``OutputError`` of the first file, in the given order, that could not be
    ///   written (the others are still written or removed, never left partial).
    /// - Complexity: O(total bytes); one thread per file.
    public static func write(files: [(path: String, parts: [[UInt8]])]) throws(OutputError) {
        let errors = ErrorSlots(count: files.count)
        let group = DispatchGroup()
        for (i, file) in files.enumerated() {
            // A serial queue of its own: each blocks in fsync on its own thread.
            DispatchQueue(label: "ccplan.atomic-output.\(i)").async(group: group) {
                do throws(OutputError) { try write(parts: file.parts, to: file.path) } catch { errors.set(i, error) }
            }
        }
        group.wait()
        if let first = errors.first { throw first }
    }

    /// Writes a UTF-8 string atomically; see ``write(_:to:)-([UInt8],_)``.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Array(text.utf8), to: path)
    }

    /// Builds a directory's new contents in a temporary sibling and swaps it into place only when
    /// `build` succeeds, so that a failed run leaves an existing `path` exactly as it was.
    ///
    /// - Parameters:
    ///   - path: the directory to create or replace.
    ///   - build: writes the files into the directory it is given.
    /// - Throws: ``OutputError`` when the directory cannot be created or swapped, or whatever
    ///   `build` throws (after removing the temporary directory).
    public static func replaceDirectory(at path: String, build: (String) throws -> Void) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent + "/.\(name).tmp-\(tag)"
        let retired = parent + "/.\(name).old-\(tag)"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError(path: path, reason: "exists and is not a directory")
        }
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: path, reason: systemError()) }
        do {
            try build(staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        let hadOld = FileManager.default.fileExists(atPath: url.path)
        if hadOld, rename(url.path, retired) != 0 {
            let reason = systemError()
            try? FileManager.default.removeItem(atPath: staging)
            throw OutputError(path: path, reason: reason)
        }
        guard rename(staging, url.path) == 0 else {
            let reason = systemError()
            if hadOld { rename(retired, url.path) }
            try? FileManager.default.removeItem(atPath: staging)
            throw OutputError(path: path, reason: reason)
        }
        if hadOld { try? FileManager.default.removeItem(atPath: retired) }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}

/// The errors of files written at once, one slot per file, under a lock.
private final class ErrorSlots: @unchecked Sendable {
    private var slots: [OutputError?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ error: OutputError) { lock.withLock { slots[i] = error } }

    /// The first error in file order.
    var first: OutputError? { lock.withLock { slots.lazy.compactMap { $0 }.first } }
}
