// Starts libFuzzer's driver from a target's main.swift: SwiftPM links an executable's entry point
// under its own name, so libFuzzer's own main is not the one that runs.
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// Runs libFuzzer (`LLVMFuzzerRunDriver`, LLVM ≥ 11) with the process's arguments on `callback`
/// and exits with its status.
public func runLibFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, callback))
}
