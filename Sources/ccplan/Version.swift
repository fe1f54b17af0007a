import Planning

/// The version printed by `ccplan --version`; the same constant is recorded in every plan's provenance.
enum CCPlanVersion {
    static let string = PlanningVersion.current
}
