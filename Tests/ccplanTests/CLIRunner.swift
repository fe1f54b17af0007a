import Foundation
import XCTest

/// What one run of the built `ccplan` binary produced.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `ccplan` executable that `swift test` built beside the test bundle, as a user would.
///
/// - Parameters:
///   - arguments: the command line, without the program name.
///   - stdin: text fed to standard input (none by default).
///   - environment: extra environment variables.
///   - currentDirectory: the working directory of the child (default: the test's own).
func runCCPlan(
    _ arguments: [String],
    stdin: String? = nil,
    environment: [String: String] = [:],
    currentDirectory: URL? = nil,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> CLIResult {
    let process = Process()
    process.executableURL = try ccplanBinary()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }

    let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    process.standardInput = inPipe
    try process.run()
    if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
    try inPipe.fileHandleForWriting.close()

    // Read both pipes concurrently so that a child writing a lot to one of them never blocks.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CLIResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self)
    )
}

/// The path of the built `ccplan` binary: it sits in the products directory with the test bundle.
func ccplanBinary() throws -> URL {
    var directory = Bundle.main.bundleURL
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        directory = bundle.bundleURL.deletingLastPathComponent()
    }
    let candidate = directory.appendingPathComponent("ccplan")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    // `swift test` on Linux runs the tests from <products>/ccplanPackageTests.xctest.
    let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("ccplan")
    if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
    // Never skip: an end-to-end suite that cannot find its binary must fail, or none of it runs.
    struct BinaryNotFound: Error, CustomStringConvertible {
        var description: String
    }
    throw BinaryNotFound(
        description: "the ccplan binary was not found next to the tests (looked in \(directory.path) "
            + "and \(sibling.path)); build it with `swift build` before `swift test --skip-build`")
}

/// The repository's root (SampleData/, Tests/…), for tests that read its files.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary directory for one test, removed when the test ends.
func temporaryDirectory(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("ccplan-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Parses a JSON object printed by ccplan.
func jsonObject(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    guard let object = value as? [String: Any] else {
        XCTFail("expected a JSON object, got: \(text.prefix(200))", file: file, line: line)
        return [:]
    }
    return object
}
