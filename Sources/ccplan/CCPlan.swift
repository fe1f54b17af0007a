import ArgumentParser
import LinearAlgebra

/// The `ccplan` root command. Each subcommand lives in its own file and is listed here. The root
/// is async so that `batch` can run its structured concurrency directly.
@main
struct CCPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccplan",
        abstract: "Workforce forecasting and planning for customer contact centres.",
        discussion: """
            ccplan turns contact-centre interval history into a forecast of contacts and handle \
            time, sizes every interval with exact queueing models (Erlang C, A and B), and rolls \
            the result up into the hours and FTE a contact centre must provide.

            Exit status: 0 success, 64 bad usage, 65 bad input data, 70 solver failure, 73 output \
            refused (--out holds files that are not ccplan's), 75 temporary failure; capacity: 3 \
            when the best hiring plan still leaves a week short; monitor: 4 when a period breaches \
            an agreed tolerance; schedule: 5 when intervals stay uncovered, the service-level \
            target is missed or the time limit stopped the solver above the gap.
            """,
        version: CCPlanVersion.string,
        subcommands: [
            // Subcommands, one file each (keep this list in the order a planner uses them).
            InspectCommand.self,
            ForecastCommand.self,
            BacktestCommand.self,
            ErlangCommand.self,
            PlanCommand.self,
            MonitorCommand.self,
            CapacityCommand.self,
            ScheduleCommand.self,
            SampleDataCommand.self,
            BatchCommand.self,
            MergeCommand.self,
            VersionCommand.self,
        ]
    )

    /// Stops OpenBLAS's idle worker threads before anything runs (see `BLASThreads.configure()`),
    /// then parses and runs the command.
    static func main() async {
        BLASThreads.configure()
        await main(nil)
    }
}
