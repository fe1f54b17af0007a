// The entry point: SwiftPM links an executable's main under its own name, so libFuzzer's driver
// is started from here (LLVMFuzzerRunDriver, libFuzzer ≥ LLVM 11) rather than by its own main.
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

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, fuzzHistoryReader))
