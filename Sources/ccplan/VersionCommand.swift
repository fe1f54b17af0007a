import ArgumentParser
import LinearAlgebra

/// `ccplan version`: the version and the numerical library it runs on, for logs and bug reports.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print ccplan's version and the BLAS kernel its numbers come from.",
        discussion: """
            Forecasts are computed with OpenBLAS, whose kernel is chosen from the CPU \
            (OPENBLAS_CORETYPE overrides it). ccplan publishes its numbers at a precision the \
            kernels agree on (see README, "Reproducible across machines"); this command says \
            which kernel ran, for logs and bug reports.

            Example:
              ccplan version
              OPENBLAS_CORETYPE=Haswell ccplan version
            """)

    func run() {
        print("ccplan \(CCPlanVersion.string)")
        print("BLAS: \(BLASLibrary.configuration)")
        print("BLAS core: \(BLASLibrary.coreName)")
        print("BLAS threads: \(BLASThreads.threadCount)")
        if let faster = BLASLibrary.suggestedCoreType {
            print(
                "BLAS note: OpenBLAS did not recognise this CPU and runs its generic kernel; "
                    + "OPENBLAS_CORETYPE=\(faster) is faster here, with the same outputs")
        }
    }
}
