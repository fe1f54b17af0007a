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

    /// Scans `path`; nil when the file cannot be read or has no header.
    /// `maxDataRows`: stop after that many data rows (a file known to hold one queue is
    /// identified by its first row, without reading it all).
    static func scan(_ path: String, options: HistoryReadOptions, maxDataRows: Int = .max, queueHeaders: [String] = ["queue"], channelHeaders: [String] = ["channel"]) -> Result? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var result = Result()
        var carry: [UInt8] = []
        var header: [String]?
        var delimiter: UInt8 = UInt8(ascii: ",")
        var queueColumn = -1, channelColumn = -1
        var seen: [UInt64: QueueKeyText] = [:]
        var first = true
        var dataRows = 0

        func handleLine(_ line: ArraySlice<UInt8>) {
            var line = line
            if line.last == 0x0D { line = line.dropLast() }
            if line.isEmpty { return }
            if header == nil {
                if first, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
                first = false
                // Delimiter: the most frequent of , ; tab | outside quotes.
                var counts: [UInt8: Int] = [:]
                var quoted = false
                for b in line {
                    if b == 0x22 { quoted.toggle() } else if !quoted, [0x2C, 0x3B, 0x09, 0x7C].contains(b) { counts[b, default: 0] += 1 }
                }
                delimiter = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0x2C
                let names = fields(line, delimiter, upTo: Int.max).map { String(decoding: $0, as: UTF8.self).lowercased().trimming(" \t\"") }
                header = names
                var qNames = queueHeaders
                if let m = options.mappings[.queue] { qNames = [m.lowercased()] } else { qNames += options.profile?.headers[.queue]?.map { $0.lowercased() } ?? [] }
                var cNames = channelHeaders
                if let m = options.mappings[.channel] { cNames = [m.lowercased()] } else { cNames += options.profile?.headers[.channel]?.map { $0.lowercased() } ?? [] }
                queueColumn = names.firstIndex { qNames.contains($0) } ?? -1
                channelColumn = names.firstIndex { cNames.contains($0) } ?? -1
                result.hasQueueColumn = queueColumn >= 0
                return
            }
            dataRows += 1
            let need = max(queueColumn, channelColumn)
            let f = need >= 0 ? fields(line, delimiter, upTo: need + 1) : []
            func text(_ column: Int) -> ArraySlice<UInt8> {
                column >= 0 && column < f.count ? f[column] : []
            }
            let q = text(queueColumn), c = text(channelColumn)
            var h = FNV1a64.hash(q)
            h = FNV1a64.hash([0x1F], seed: h)
            h = FNV1a64.hash(c, seed: h)
            if seen[h] == nil {
                let queue = queueColumn >= 0 ? String(decoding: q, as: UTF8.self).trimming(" \t\"") : "default"
                let channel = String(decoding: c, as: UTF8.self).trimming(" \t\"").lowercased()
                let key = QueueKeyText(queue: queue, channel: channel)
                seen[h] = key
                result.keys.insert(key)
                if result.firstKey == nil { result.firstKey = key }
            }
        }

        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: maxDataRows == .max ? 4 << 20 : 8 << 10) ?? Data() } catch { return header == nil ? nil : result }
            if chunk.isEmpty { break }
            var bytes = carry
            bytes.append(contentsOf: chunk)
            var start = 0
            bytes.withUnsafeBufferPointer { buf in
                var i = 0
                let n = buf.count
                while i < n && dataRows < maxDataRows {
                    if buf[i] == 0x0A {
                        handleLine(bytes[start..<i])
                        start = i + 1
                    }
                    i += 1
                }
            }
            carry = Array(bytes[start...])
            if dataRows >= maxDataRows { return result }
        }
        if !carry.isEmpty { handleLine(carry[...]) }
        return header == nil ? nil : result
    }

    /// The first `upTo` fields of a line (quotes removed from quoted fields, "" kept as ").
    private static func fields(_ line: ArraySlice<UInt8>, _ delimiter: UInt8, upTo limit: Int) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var i = line.startIndex
        while i <= line.endIndex && out.count < limit {
            if i < line.endIndex && line[i] == 0x22 {
                var field: [UInt8] = []
                var j = i + 1
                while j < line.endIndex {
                    if line[j] == 0x22 {
                        if j + 1 < line.endIndex && line[j + 1] == 0x22 { field.append(0x22); j += 2; continue }
                        j += 1
                        break
                    }
                    field.append(line[j])
                    j += 1
                }
                while j < line.endIndex && line[j] != delimiter { j += 1 }
                out.append(field[...])
                i = j + 1
            } else {
                var j = i
                while j < line.endIndex && line[j] != delimiter { j += 1 }
                out.append(line[i..<j])
                i = j + 1
            }
        }
        return out
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
