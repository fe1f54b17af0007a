import CCPlanBase
import Foundation

/// A file (or glob pattern) named in a config, resolved, with where it was named: a missing
/// holidays or scenario file is reported at the line and column of the key that names it.
///
/// Relative paths are relative to the config file's directory; `~/…` is the home directory
/// (`$HOME`); nothing else is expanded (a lone `~` is YAML's null: no file).
public struct ConfigPath: Sendable, Hashable {
    /// The path as written.
    public var written: String
    /// The absolute path, `.` and `..` removed (symbolic links are not resolved).
    public var path: String
    /// Where the path is named: the config file, line and column.
    public var file: String
    public var line: Int
    public var column: Int

    /// A path named at `place` (the key naming it, or the list item).
    public init(written: String, resolved: String, at place: ConfigNode) {
        self.written = written
        self.path = resolved
        self.file = place.file
        self.line = place.line
        self.column = place.column
    }

    /// An issue where the path is named.
    public func issue(_ message: String) -> FileIssue {
        FileIssue(file: file, line: line, column: column, message: message)
    }

    /// Checks that the path names a readable file.
    ///
    /// - Parameter role: what the file is, for the message (`the holidays file`).
    /// - Throws: ``FileIssue`` where the path is named: `batch.yaml:12:3: the holidays file
    ///   /srv/h.csv does not exist`.
    public func checkReadableFile(_ role: String) throws(FileIssue) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw issue("\(role) \(path) does not exist")
        }
        if isDirectory.boolValue { throw issue("\(role) \(path) is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw issue("\(role) \(path) cannot be read (permission denied)")
        }
    }

    /// The absolute path of `text` written in a config whose directory is `directory` (absolute).
    ///
    /// - Complexity: O(length of the paths).
    public static func resolve(_ text: String, against directory: String) -> String {
        if text.hasPrefix("/") { return normalized(text) }
        if text.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            return normalized(home + "/" + text.dropFirst(2))
        }
        return normalized(directory + "/" + text)
    }

    /// The absolute form of a path given on the command line or in a config (relative to the
    /// working directory), `.` and `..` removed, without expanding `~` or resolving links.
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? normalized(path) : normalized(FileManager.default.currentDirectoryPath + "/" + path)
    }

    /// The directory holding `file` (absolute).
    public static func directory(of file: String) -> String {
        let absolute = absolute(file)
        guard let slash = absolute.lastIndex(of: "/"), slash != absolute.startIndex else { return "/" }
        return String(absolute[..<slash])
    }

    /// `/a/./b/../c` → `/a/c` (lexically; `..` above the root stays at the root).
    static func normalized(_ absolute: String) -> String {
        var parts: [Substring] = []
        for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
