import CCPlanBase
import Foundation

/// The bounds of a fraction setting: `[0, 1)` for shrinkage, `(0, 1)` for a service-level target,
/// `[0, 1.5]` for a tolerance.
public struct FractionBounds: Sendable, Hashable, CustomStringConvertible {
    public var lower: Double
    public var upper: Double
    public var lowerOpen: Bool
    public var upperOpen: Bool

    public init(lower: Double = 0, upper: Double = 1, lowerOpen: Bool = false, upperOpen: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerOpen = lowerOpen
        self.upperOpen = upperOpen
    }

    /// `[0, 1]`.
    public static let unit = FractionBounds()

    public func contains(_ x: Double) -> Bool {
        (lowerOpen ? x > lower : x >= lower) && (upperOpen ? x < upper : x <= upper)
    }

    /// `[0, 1)`, `(0, 1.5]`.
    public var description: String {
        "\(lowerOpen ? "(" : "[")\(shortestNumber(lower)), \(shortestNumber(upper))\(upperOpen ? ")" : "]")"
    }
}

extension ConfigNode {
    /// A single value as written.
    ///
    /// - Throws: ``FileIssue`` at the node when it is absent, a list or a mapping.
    public func string() throws(FileIssue) -> String {
        switch value {
        case .scalar(let s): return s
        case .null: throw issue("expected a value, found nothing")
        default: throw issue("expected a single value, found \(kindName)")
        }
    }

    /// A single value, or nil when absent (`~`, `null`, empty).
    ///
    /// - Throws: ``FileIssue`` for a list or a mapping.
    public func optionalString() throws(FileIssue) -> String? {
        isNull ? nil : try string()
    }

    /// A mapping; absent is an empty mapping.
    ///
    /// - Parameter expectation: the message when the node is not a mapping, e.g. "'inputs' must be
    ///   a mapping (history, forecasts, timezone, …)".
    /// - Throws: ``FileIssue`` at the node.
    public func mapping(_ expectation: String) throws(FileIssue) -> ConfigMapping {
        switch value {
        case .mapping(let m): return m
        case .null: return ConfigMapping([])
        default: throw issue(expectation)
        }
    }

    /// A list; absent is an empty list.
    ///
    /// - Throws: ``FileIssue`` at the node when it is not a list.
    public func list(_ expectation: String) throws(FileIssue) -> [ConfigNode] {
        switch value {
        case .list(let items): return items
        case .null: return []
        default: throw issue(expectation)
        }
    }

    /// A list, or a single value taken as a list of one (`history: a.csv` or `history: [a.csv, b.csv]`);
    /// absent is an empty list.
    ///
    /// - Throws: ``FileIssue`` at the node for a mapping.
    public func values() throws(FileIssue) -> [ConfigNode] {
        switch value {
        case .list(let items): return items
        case .scalar: return [self]
        case .null: return []
        case .mapping: throw issue("expected a value or a list of values, found a mapping")
        }
    }

    /// The single values of ``values()``.
    ///
    /// - Throws: ``FileIssue`` at the first item that is not a single value.
    public func strings() throws(FileIssue) -> [String] {
        var out: [String] = []
        for item in try values() { out.append(try item.string()) }
        return out
    }

    /// A finite decimal number (``DecimalText``: no hexadecimal, `inf` or `nan`).
    ///
    /// - Throws: ``FileIssue`` at the node.
    public func number() throws(FileIssue) -> Double {
        let text = try string()
        guard let x = DecimalText.value(text) else { throw issue("expected a number, got '\(text)'") }
        return x
    }

    /// A whole number.
    ///
    /// - Throws: ``FileIssue`` at the node.
    public func integer() throws(FileIssue) -> Int {
        let text = try string()
        guard let n = Int(text) else { throw issue("expected a whole number, got '\(text)'") }
        return n
    }

    /// `true`/`false` (also `yes`/`no`, any case).
    ///
    /// - Throws: ``FileIssue`` at the node.
    public func bool() throws(FileIssue) -> Bool {
        let text = try string()
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw issue("expected true or false, got '\(text)'")
        }
    }

    /// A fraction written `0.8` or `80%` (``FractionText``) within `bounds`.
    ///
    /// - Throws: ``FileIssue`` at the node, naming the bounds.
    public func fraction(_ bounds: FractionBounds = .unit) throws(FileIssue) -> Double {
        let text = try string()
        let x: Double
        do { x = try FractionText.value(text) } catch { throw issue(error.description) }
        guard bounds.contains(x) else { throw issue("must be in \(bounds), got \(text)") }
        return x
    }

    /// A duration (``DurationText``: `45`, `20s`, `2.5m`, `1h`, `7d`, `13w`) in seconds.
    ///
    /// - Throws: ``FileIssue`` at the node.
    public func duration() throws(FileIssue) -> Double {
        let text = try string()
        do { return try DurationText.seconds(text) } catch { throw issue(error.description) }
    }

    /// A date `YYYY-MM-DD`.
    ///
    /// - Throws: ``FileIssue`` at the node.
    public func date() throws(FileIssue) -> CivilDate {
        let text = try string()
        guard let d = CivilDate(text) else { throw issue("expected a date YYYY-MM-DD, got '\(text)'") }
        return d
    }

    /// One of an enumeration's raw values: `choice(Channel.self, "channel")`.
    ///
    /// - Throws: ``FileIssue`` at the node listing the known values.
    public func choice<E: RawRepresentable & CaseIterable>(_ type: E.Type, _ noun: String) throws(FileIssue) -> E
    where E.RawValue == String {
        let text = try string()
        guard let e = E(rawValue: text) else {
            throw issue("unknown \(noun) '\(text)' (known: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return e
    }

    /// A path written in the config, resolved against `directory` (``ConfigPath``), or nil when
    /// absent; its problems are reported at `place` (the key naming it), or at the value.
    ///
    /// - Throws: ``FileIssue`` for a list or a mapping.
    public func path(relativeTo directory: String, namedAt place: ConfigNode? = nil) throws(FileIssue) -> ConfigPath? {
        guard let text = try optionalString() else { return nil }
        return ConfigPath(written: text, resolved: ConfigPath.resolve(text, against: directory), at: place ?? self)
    }
}

extension ConfigMapping {
    /// The path written under `key`, resolved against `directory`, named at the key; nil when
    /// the key is absent or null.
    ///
    /// - Throws: ``FileIssue`` when the value is a list or a mapping.
    public func path(_ key: String, relativeTo directory: String) throws(FileIssue) -> ConfigPath? {
        guard let e = entry(key) else { return nil }
        return try e.value.path(relativeTo: directory, namedAt: e.keyNode)
    }
}
