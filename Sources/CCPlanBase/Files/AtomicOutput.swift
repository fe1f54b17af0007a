import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output could not be written where it was asked for.
///
/// ``Kind/cannotWrite`` is transient for a scheduler (exit 75): a full disk, a read-only mount or
/// a permission fixed by an operator. ``Kind/refused`` is not (exit 73, EX_CANTCREAT): the place
/// holds something that is not ccplan's (a non-empty directory that is not its output, a file
/// where a directory is expected, a dangling link), and ccplan never deletes or overwrites what it
/// did not write.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    /// Whether retrying may help.
    public enum Kind: Sendable, Hashable {
        /// The operating system refused the write (exit 75).
        case cannotWrite
        /// ccplan refuses to write there (exit 73).
        case refused
    }

    /// The path that could not be written (as it was given).
    public var path: String
    /// What went wrong, from the operating system, or why ccplan refuses.
    public var reason: String
    public var kind: Kind

    public init(path: String, reason: String, kind: Kind = .cannotWrite) {
        self.path = path
        self.reason = reason
        self.kind = kind
    }

    /// An output place ccplan refuses (exit 73).
    public static func refused(_ path: String, _ reason: String) -> OutputError {
        OutputError(path: path, reason: reason, kind: .refused)
    }

    public var description: String {
        switch kind {
        case .cannotWrite: return "cannot write \(path): \(reason)"
        case .refused: return "\(path) \(reason)"
        }
    }
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
    /// An existing directory is replaced only when it is empty or `isReplaceable` says it is the
    /// caller's own output (a ccplan plan): a directory holding anything else is refused, so that
    /// `--out .` or `--out ~/Documents` never deletes a file ccplan did not write. A symbolic link
    /// is followed: the directory it points to is replaced and the link stays as it is.
    ///
    /// - Parameters:
    ///   - path: the directory to create or replace.
    ///   - isReplaceable: whether an existing, non-empty directory (its resolved path) may be
    ///     replaced as a whole.
    ///   - build: writes the files into the directory it is given.
    /// - Throws: ``OutputError``: ``OutputError/Kind/refused`` (exit 73) when `path` is a file,
    ///   a dangling link, holds the working directory, or is a non-empty directory that is not
    ///   replaceable; ``OutputError/Kind/cannotWrite`` when the directory cannot be created or
    ///   swapped; or whatever `build` throws (after removing the temporary directory).
    public static func replaceDirectory(
        at path: String, isReplaceable: (String) -> Bool, build: (String) throws -> Void
    ) throws {
        let target = try replaceableTarget(path, isReplaceable: isReplaceable)
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent + "/.\(name).tmp-\(tag)"
        let retired = parent + "/.\(name).old-\(tag)"
        guard mkdir(staging, 0o755) == 0 else { throw OutputError(path: path, reason: systemError()) }
        do {
            try build(staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        let hadOld = FileManager.default.fileExists(atPath: target)
        if hadOld, rename(target, retired) != 0 {
            let reason = systemError()
            try? FileManager.default.removeItem(atPath: staging)
            throw OutputError(path: path, reason: reason)
        }
        guard rename(staging, target) == 0 else {
            let reason = systemError()
            if hadOld { rename(retired, target) }
            try? FileManager.default.removeItem(atPath: staging)
            throw OutputError(path: path, reason: reason)
        }
        if hadOld { try? FileManager.default.removeItem(atPath: retired) }
    }

    /// A test for ``replaceDirectory(at:isReplaceable:build:)``: the directory holds nothing but
    /// `files`, and `marker` (one of them) is a JSON object ccplan wrote (it has `ccplan_version`
    /// and every key of `keys`). A directory someone added a file to is not replaceable.
    ///
    /// - Complexity: O(size of the marker file).
    public static func isOutput(files: [String], marker: String, keys: [String] = []) -> @Sendable (String) -> Bool {
        { path in
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path),
                names.allSatisfy(files.contains),
                let data = FileManager.default.contents(atPath: path + "/" + marker),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return false }
            return object["ccplan_version"] is String && keys.allSatisfy { object[$0] != nil }
        }
    }

    /// The directory `replaceDirectory` would replace for `path` (a link's target), after the
    /// checks that refuse it.
    static func replaceableTarget(_ path: String, isReplaceable: (String) -> Bool) throws(OutputError) -> String {
        let fm = FileManager.default
        var target = URL(fileURLWithPath: path).standardizedFileURL.path
        if let destination = try? fm.destinationOfSymbolicLink(atPath: target) {
            guard let resolved = realpath(target, nil) else {
                throw OutputError.refused(path, "is a symbolic link to \(destination), which does not exist")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: target, isDirectory: &isDirectory) else { return target }
        guard isDirectory.boolValue else { throw OutputError.refused(path, "exists and is not a directory") }
        if let cwd = realpath(".", nil), let real = realpath(target, nil) {
            let (here, there) = (String(cString: cwd), String(cString: real))
            free(cwd)
            free(real)
            if here == there || here.hasPrefix(there == "/" ? "/" : there + "/") {
                throw OutputError.refused(
                    path, "is the working directory or holds it; give a new directory for the output")
            }
        }
        let entries = (try? fm.contentsOfDirectory(atPath: target)) ?? []
        guard entries.isEmpty || isReplaceable(target) else {
            throw OutputError.refused(
                path,
                "is not empty and is not a directory ccplan wrote: ccplan replaces only its own outputs, and replacing "
                    + "it would delete \(entries.count) entr\(entries.count == 1 ? "y" : "ies") such as \(entries.sorted()[0]); "
                    + "give a new or empty directory")
        }
        return target
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
