import CCPlanBase
import ContactHistory
import Foundation

/// A tolerant, fast pass over a CSV file that only collects the queue and channel names it
/// mentions. Used to (1) attribute a file that fails strict reading to its queues, so that only
/// they are skipped, and (2) let a shard skip parsing files that hold none of its queues.
/// It never validates anything: strict reading is ContactHistory's job.
enum QueueScan {
    struct Result: Sendable {
        /// (queue, channel text as written, lowercased); channel "" when the file has no channel column.
        var keys: Set<QueueKeyText> = []
        /// The queue and channel of the first data row.
        var firstKey: QueueKeyText?
        /// Whether the file had a header with a queue column.
        var hasQueueColumn = false
    }

    struct QueueKeyText: Hashable, Sendable {
        var queue: String
        var channel: String
    }

    /// Scans `path` with the history reader's tokenizer (same quoting, delimiter, byte-order mark
    /// and line ends), recovering from syntax errors line by line; nil when the file cannot be read
    /// or has no header. `maxDataRows`: stop after that many data rows (a file known to hold one
    /// queue is identified by its first row, without reading it all).
    ///
    /// - Complexity: O(size of the file read).
    static func scan(
        _ path: String, options: HistoryReadOptions, maxDataRows: Int = .max, queueHeaders: [String] = ["queue"],
        channelHeaders: [String] = ["channel"]
    ) -> Result? {
        guard var reader = try? CSVRecordReader(path: path, chunkSize: maxDataRows == .max ? 4 << 20 : 64 << 10) else {
            return nil
        }
        var result = Result()
        var sawHeader = false
        var queueColumn = -1, channelColumn = -1
        var seen: [UInt64: QueueKeyText] = [:]
        var dataRows = 0
        do {
            try reader.detectFormat()
            try reader.forEachRecord(recovering: true) { record in
                if !sawHeader {
                    sawHeader = true
                    let names = (0..<record.count).map { record.trimmedString($0).lowercased() }
                    var qNames = queueHeaders
                    if let m = options.mappings[.queue] {
                        qNames = [m.lowercased()]
                    } else {
                        qNames += options.profile?.headers[.queue]?.map { $0.lowercased() } ?? []
                    }
                    var cNames = channelHeaders
                    if let m = options.mappings[.channel] {
                        cNames = [m.lowercased()]
                    } else {
                        cNames += options.profile?.headers[.channel]?.map { $0.lowercased() } ?? []
                    }
                    queueColumn = names.firstIndex { qNames.contains($0) } ?? -1
                    channelColumn = names.firstIndex { cNames.contains($0) } ?? -1
                    result.hasQueueColumn = queueColumn >= 0
                    return true
                }
                dataRows += 1
                let hasQueue = queueColumn >= 0 && queueColumn < record.count
                let hasChannel = channelColumn >= 0 && channelColumn < record.count
                var h = hasQueue ? record.hash(queueColumn) : FNV1a64.basis
                h = FNV1a64.step(h, 0x1F)
                if hasChannel { h = record.hash(channelColumn, seed: h) }
                if seen[h] == nil {
                    let queue = queueColumn < 0 ? "default" : hasQueue ? record.trimmedString(queueColumn) : ""
                    let channel = hasChannel ? record.trimmedString(channelColumn).lowercased() : ""
                    let key = QueueKeyText(queue: queue, channel: channel)
                    seen[h] = key
                    result.keys.insert(key)
                    if result.firstKey == nil { result.firstKey = key }
                }
                return dataRows < maxDataRows
            }
        } catch {
            // A read error: what was seen so far is the answer (strict reading reports the error).
        }
        return sawHeader ? result : nil
    }

    /// The channels a channel text may stand for (empty: voice, the reader's default).
    static func channels(for text: String, options: HistoryReadOptions) -> [Channel] {
        if text.isEmpty { return [.voice] }
        if let c = Channel(rawValue: text) { return [c] }
        if let c = options.profile?.channelAliases[text] { return [c] }
        for (alias, c) in options.profile?.channelAliases ?? [:] where alias.lowercased() == text { return [c] }
        return []
    }
}
