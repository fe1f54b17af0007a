import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        temporaryPath =
            url.deletingLastPathComponent()
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

    /// Appends UTF-8 bytes; a block of the flush threshold or more is written without a copy.
    ///
    /// - Complexity: amortized O(*n*) in the number of bytes.
    public func write(bytes: [UInt8]) throws {
        if bytes.count >= flushThreshold {
            try flush()
            try handle.write(contentsOf: bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
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
