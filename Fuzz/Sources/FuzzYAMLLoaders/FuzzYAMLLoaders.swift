// libFuzzer target: the YAML loaders, the scenario file (Planning) and the batch config (Batch),
// on arbitrary text. A crash, an ASan report, a timeout or an out-of-memory is a finding; so is an
// error without a message. Both parsers are pure (no file is read), so every input is parsed by
// both.
import Batch
import CCPlanBase
import Planning

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLLoaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let file = try ScenarioFile.parse(yaml: text, path: "/fuzz/scenarios.yaml")
        _ = file.scenarios.count
    } catch {
        precondition(!error.description.isEmpty, "a scenario-file error without a message")
    }
    do {
        let config = try BatchConfig.parse(yaml: text, path: "/fuzz/batch.yaml")
        _ = config.historyPatterns.count
    } catch {
        precondition(!error.message.isEmpty && error.line >= 0 && error.column >= 0, "a batch-config error: \(error)")
    }
    return 0
}
