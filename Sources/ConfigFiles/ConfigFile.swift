import CCPlanBase
import Foundation
import Yams

/// Reads config files (YAML: scenario files, batch configs, and the staff, shift and tolerance
/// files of capacity, schedule and monitor runs) strictly, into ``ConfigNode``s with positions.
///
/// Strict means: the file is UTF-8 (a byte that is not is refused at its line and column); it
/// holds one document; a mapping never gives a key twice; keys are single values; anchors and
/// aliases (`&a`, `*a`) are refused, so that a small file cannot expand into a huge tree (the
/// "billion laughs"); and a file is at most ``maximumBytes``. Every problem is a ``FileIssue``
/// naming the file, line and column.
public enum ConfigFile {
    /// The largest config file read (a config of 3,000 scenarios is about 100 KB).
    public static let maximumBytes = 32 << 20

    /// A file's root node and its bytes (for a SHA-256 of the config).
    public struct Contents: Sendable {
        /// The document's root (null for an empty document).
        public var root: ConfigNode
        /// The file's bytes as read.
        public var bytes: [UInt8]
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``FileIssue``: the file cannot be read (line 0), is too large, or is not a
    ///   strict YAML document (at the line and column of the problem).
    /// - Complexity: O(size of the file).
    public static func read(_ path: String) throws(FileIssue) -> Contents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let handle = FileHandle(forReadingAtPath: path)
        else {
            throw FileIssue(file: path, message: readProblem(path))
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maximumBytes + 1) ?? Data() } catch {
            throw FileIssue(file: path, message: "cannot read the file: \((error as NSError).localizedDescription)")
        }
        guard data.count <= maximumBytes else {
            throw FileIssue(file: path, message: "larger than \(maximumBytes >> 20) MiB: not a config file")
        }
        let bytes = [UInt8](data)
        return Contents(root: try parse(bytes, path: path), bytes: bytes)
    }

    /// Parses a document's bytes (UTF-8, an optional byte-order mark).
    ///
    /// - Throws: ``FileIssue`` at the problem.
    /// - Complexity: O(size of the text).
    public static func parse(_ bytes: [UInt8], path: String) throws(FileIssue) -> ConfigNode {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw invalidUTF8(bytes, path: path)
        }
        return try parse(text, path: path)
    }

    /// Parses a document's text.
    ///
    /// - Throws: ``FileIssue`` at the problem.
    /// - Complexity: O(size of the text).
    public static func parse(_ text: String, path: String) throws(FileIssue) -> ConfigNode {
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: text)
            root = try parser.singleRoot()
        } catch {
            throw issue(error, text: text, path: path)
        }
        guard let root else { return ConfigNode(.null, file: path, line: 1, column: 1) }
        // Yams holds a node's anchor weakly, through its parser: the parser must outlive the
        // conversion for anchors to be seen (and refused).
        return try withExtendedLifetime(parser) { () throws(FileIssue) in try convert(root, path: path) }
    }

    // MARK: From Yams' nodes

    /// Converts a Yams node (and its children) into ``ConfigNode``s, refusing anchors, aliases,
    /// non-scalar keys and duplicate keys.
    private static func convert(_ node: Node, path: String) throws(FileIssue) -> ConfigNode {
        let line = node.mark?.line ?? 1, column = node.mark?.column ?? 1
        func issue(_ message: String) -> FileIssue {
            FileIssue(file: path, line: line, column: column, message: message)
        }
        if node.anchor != nil {
            throw issue(
                "anchors and aliases (&name, *name) are not supported in ccplan config files; write the values out")
        }
        switch node {
        case .alias:
            throw issue(
                "anchors and aliases (&name, *name) are not supported in ccplan config files; write the values out")
        case .scalar(let scalar):
            if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return ConfigNode(.null, file: path, line: line, column: column)
            }
            return ConfigNode(.scalar(scalar.string), file: path, line: line, column: column)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, path: path)) }
            return ConfigNode(.list(items), file: path, line: line, column: column)
        case .mapping(let mapping):
            var entries: [ConfigEntry] = []
            entries.reserveCapacity(mapping.count)
            var seen: [String: ConfigNode] = [:]
            for (keyNode, valueNode) in mapping {
                let key = try convert(keyNode, path: path)
                guard case .scalar(let name) = key.value else {
                    throw key.issue("a key must be a single value, not \(key.kindName)")
                }
                if let first = seen[name] {
                    throw key.issue("'\(name)' is given twice (first at line \(first.line), column \(first.column))")
                }
                seen[name] = key
                entries.append(ConfigEntry(key: name, keyNode: key, value: try convert(valueNode, path: path)))
            }
            return ConfigNode(.mapping(ConfigMapping(entries)), file: path, line: line, column: column)
        }
    }

    // MARK: Errors

    /// A parse error of Yams (libyaml) as a ``FileIssue`` at its position.
    private static func issue(_ error: any Error, text: String, path: String) -> FileIssue {
        guard let yaml = error as? YamlError else {
            return FileIssue(file: path, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return FileIssue(file: path, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .reader(let problem, let offset, _, _):
            let (line, column) = position(ofCharacter: offset ?? 0, in: text)
            return FileIssue(file: path, line: line, column: column, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return FileIssue(
                file: path, line: context.mark.line, column: context.mark.column,
                message: "\(names) \(duplicates.count == 1 ? "is" : "are") given twice in one mapping")
        default:
            return FileIssue(file: path, line: 1, column: 1, message: "not valid YAML: \(yaml)")
        }
    }

    /// The 1-based line and column of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for (i, c) in text.enumerated() {
            if i >= offset { break }
            if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }

    /// The first byte that is not UTF-8, at its line and column.
    private static func invalidUTF8(_ bytes: [UInt8], path: String) -> FileIssue {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1, consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                consumed += UTF8.width(s)
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        let byte = consumed < bytes.count ? " (byte 0x\(String(bytes[consumed], radix: 16, uppercase: true)))" : ""
        return FileIssue(
            file: path, line: line, column: column, message: "not UTF-8 text\(byte): save the file as UTF-8")
    }

    /// Why a file cannot be opened, in words.
    private static func readProblem(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        return isDirectory.boolValue ? "is a directory, not a file" : "cannot read the file (permission denied?)"
    }
}
