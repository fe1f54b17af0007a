import CCPlanBase

/// One node of a config file (YAML), with the file, line and column where it was written, so that
/// every error about it is a ``FileIssue`` pointing at it.
///
/// A config is read once into these nodes (``ConfigFile/parse(_:path:)``) and then by typed
/// accessors (``string()``, ``number()``, ``fraction(_:)``, ``duration()``, ``date()``,
/// ``mapping(_:)``, …) that either return a value or throw an issue at the node. YAML's `~`,
/// `null` and an empty value are *absent* (``isNull``): an optional setting written as `~` is
/// the same as one left out, never a file named `null` or the home directory.
public struct ConfigNode: Sendable {
    /// What a node holds.
    public enum Value: Sendable {
        /// `~`, `null` or nothing.
        case null
        /// A single value, as written (quotes removed).
        case scalar(String)
        /// A list (`[a, b]` or `- a` lines).
        case list([ConfigNode])
        /// A mapping (`{k: v}` or `k: v` lines), keys unique.
        case mapping(ConfigMapping)
    }

    /// What the node holds.
    public let value: Value
    /// The file as it was named to the reader.
    public let file: String
    /// The 1-based line of the node's first character.
    public let line: Int
    /// The 1-based column (in characters) of the node's first character.
    public let column: Int

    /// Creates a node (tests and synthesised defaults; files are read by ``ConfigFile``).
    public init(_ value: Value, file: String, line: Int, column: Int) {
        self.value = value
        self.file = file
        self.line = line
        self.column = column
    }

    /// An issue at this node.
    public func issue(_ message: String) -> FileIssue {
        FileIssue(file: file, line: line, column: column, message: message)
    }

    /// Whether the node is absent: `~`, `null` or an empty value.
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    /// The node's kind as a message names it: `a mapping`, `a list`, `a single value`, `nothing`.
    public var kindName: String {
        switch value {
        case .null: return "nothing"
        case .scalar: return "a single value"
        case .list: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// One `key: value` of a mapping.
public struct ConfigEntry: Sendable {
    /// The key as written.
    public let key: String
    /// The key's node (its position is where unknown-key errors point).
    public let keyNode: ConfigNode
    /// The value.
    public let value: ConfigNode
}

/// A mapping of a config file: its entries in file order, keys unique (a key given twice is
/// refused when the file is read).
public struct ConfigMapping: Sendable {
    /// The entries in the order they are written.
    public let entries: [ConfigEntry]
    private let index: [String: Int]

    /// A mapping of `entries`, whose keys must be unique (``ConfigFile`` checks it first).
    init(_ entries: [ConfigEntry]) {
        self.entries = entries
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() where index[e.key] == nil { index[e.key] = i }
        self.index = index
    }

    /// The value of `key`, or nil when the key is absent or its value is null.
    ///
    /// - Complexity: O(1).
    public subscript(_ key: String) -> ConfigNode? {
        guard let i = index[key], !entries[i].value.isNull else { return nil }
        return entries[i].value
    }

    /// The entry of `key` (even when its value is null), for errors about the key itself.
    ///
    /// - Complexity: O(1).
    public func entry(_ key: String) -> ConfigEntry? {
        index[key].map { entries[$0] }
    }

    /// Whether the mapping has no entries.
    public var isEmpty: Bool { entries.isEmpty }

    /// Refuses the first key that is not in `known`, at the key: `unknown key 'colour' in
    /// inputs (expected history, forecasts, …)`.
    ///
    /// - Parameters:
    ///   - known: the keys this mapping may hold.
    ///   - context: where the mapping is (`inputs`, `a group`), or "" at the top level.
    /// - Complexity: O(entries × known).
    public func checkKeys(_ known: [String], in context: String = "") throws(FileIssue) {
        for e in entries where !known.contains(e.key) {
            let place = context.isEmpty ? "" : " in \(context)"
            throw e.keyNode.issue("unknown key '\(e.key)'\(place) (expected \(known.joined(separator: ", ")))")
        }
    }
}
