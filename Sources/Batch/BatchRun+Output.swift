import CCPlanBase
import Foundation
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output directory of a batch or a merge: created (a symbolic link is followed: the files
/// go into the directory it points to), locked, and checked to be ccplan's before anything is
/// written, so that a run never overwrites a file it did not write.
enum BatchOutputDirectory {
    /// The files a batch or merge writes into its directory (besides its lock and work directory).
    static let ownedNames = ["manifest.json", "failures.csv"] + QueuePlanning.fileNames

    /// Prepares `dir` for writing and takes its lock.
    ///
    /// - Throws: ``OutputError``: refused when `dir` is a file or a dangling link, or holds a file
    ///   of a name ccplan writes without a batch manifest (not its output); cannot-write when it
    ///   cannot be created or written. ``OutputLock/Held`` when another run holds the lock.
    static func acquire(_ dir: String) throws -> OutputLock {
        let fm = FileManager.default
        if let destination = try? fm.destinationOfSymbolicLink(atPath: dir), !fm.fileExists(atPath: dir) {
            throw OutputError.refused(dir, "is a symbolic link to \(destination), which does not exist")
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: dir, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError.refused(dir, "exists and is not a directory")
        }
        do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw OutputError(
                path: dir, reason: "cannot create the output directory: \((error as NSError).localizedDescription)")
        }
        guard access(dir, W_OK) == 0 else {
            throw OutputError(path: dir, reason: "the output directory is not writable")
        }
        let lock = try OutputLock(directory: dir)
        do { try checkOwned(dir) } catch {
            lock.release()
            throw error
        }
        removeTemporaries(in: dir, of: ownedNames)
        return lock
    }

    /// Refuses a directory that holds a file of a name ccplan writes but is not a batch output
    /// (no batch `manifest.json`, or a damaged one).
    static func checkOwned(_ dir: String) throws(OutputError) {
        switch BatchManifest.load(dir + "/manifest.json") {
        case .manifest: return
        case .damaged(let why):
            throw OutputError.refused(
                dir,
                "holds a manifest.json that \(why); ccplan does not overwrite it (remove it, or give another directory)"
            )
        case .missing:
            let present = ownedNames.filter { FileManager.default.fileExists(atPath: dir + "/" + $0) }
            guard present.isEmpty else {
                throw OutputError.refused(
                    dir,
                    "holds \(present.joined(separator: ", ")) but no batch manifest.json: it is not a ccplan batch output, "
                        + "and ccplan does not overwrite files it did not write; give a new or empty directory")
            }
        }
    }

    /// Removes the temporary files a killed writer left: `.NAME.PID.tmp` for NAME in `names`
    /// (or, with `names` empty, any NAME ending in `.frag`). Nothing else is touched.
    static func removeTemporaries(in dir: String, of names: [String]) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(".") && entry.hasSuffix(".tmp") {
            let inner = entry.dropFirst().dropLast(4)  // NAME.PID
            guard let dot = inner.lastIndex(of: "."), !inner[inner.index(after: dot)...].isEmpty,
                inner[inner.index(after: dot)...].allSatisfy(\.isNumber)
            else { continue }
            let name = String(inner[..<dot])
            if names.isEmpty ? name.hasSuffix(".frag") : names.contains(name) {
                try? FileManager.default.removeItem(atPath: dir + "/" + entry)
            }
        }
    }
}

extension BatchRunner {
    /// Step 1: the output directory, its lock, and the leftovers of a killed run.
    ///
    /// - Throws: ``OutputError`` (refused or cannot-write), ``OutputLock/Held``.
    func acquireOutput() throws -> OutputLock {
        let lock = try BatchOutputDirectory.acquire(dir)
        BatchOutputDirectory.removeTemporaries(in: workDir + "/queues", of: [])
        return lock
    }
}
