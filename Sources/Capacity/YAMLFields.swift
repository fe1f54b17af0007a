import CCPlanBase
import ConfigFiles

/// Capacity's view of a YAML node: the one strict reader of ccplan (`ConfigFiles`: positions,
/// duplicate keys, anchors refused, `~` as absent).
typealias Node = ConfigNode

/// Reads values out of a staff or scenario file with their positions: every error is
/// ``CapacityError/badStaffFile(_:)`` at the offending node (``ConfigFields``, shared with the
/// shifts file); this adds capacity's whole weeks.
typealias YAMLFields = ConfigFields<CapacityError>

extension ConfigFields where Failure == CapacityError {
    /// A reader of the staff or scenario file at `path`.
    init(path: String) { self.init(path: path, wrap: CapacityError.badStaffFile) }

    /// Whole weeks: `4w`, `28d` or a plain number of weeks.
    func weeks(_ node: Node, _ key: String) throws(CapacityError) -> Int {
        let text = try scalar(node)
        if let n = Int(text), n >= 0 { return n }
        let weeks = try duration(node, key) / (7 * 86_400)
        guard weeks == weeks.rounded(), weeks >= 0, weeks < 1e6 else {
            throw error(node, "'\(key)' must be whole weeks (e.g. 4w), got '\(text)'")
        }
        return Int(weeks)
    }
}
