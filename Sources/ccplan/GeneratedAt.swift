import Foundation

/// The time a command records as `generated_at`: now, or `SOURCE_DATE_EPOCH` (seconds since
/// 1970) when it is set, so that reproducible-build pipelines get byte-identical outputs.
func generatedAt() -> Date {
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) {
        return Date(timeIntervalSince1970: seconds)
    }
    return Date()
}
