/// The version printed by `ccplan --version` and recorded in every output's provenance.
enum CCPlanVersion {
    static let string = "0.1.0"
}
