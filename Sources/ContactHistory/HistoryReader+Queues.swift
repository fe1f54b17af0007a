import CCPlanBase

// Queue names are interned from their bytes: a row whose queue was seen before makes no String,
// so that reading stays at a few hundred MB/s with thousands of queues interleaved.

extension ReadState {
    /// The queue id of a row's queue field, interned without making a String on a hit.
    ///
    /// Exports list either one queue after another or every queue per interval, so the previous
    /// queue and the one created after it are tried before the hash table.
    @inline(__always)
    mutating func queueID(_ record: CSVRecord, _ column: Int) -> Int {
        if lastQueue >= 0 {
            if record.equals(column, queueBytes[lastQueue]) { return lastQueue }
            let next = lastQueue + 1 == queueBytes.count ? 0 : lastQueue + 1
            if record.equals(column, queueBytes[next]) {
                lastQueue = next
                return next
            }
        }
        let hash = record.hash(column)
        let mask = queueTable.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while queueTable[slot] != 0 {
            let id = Int(queueTable[slot]) - 1
            if queueHashes[id] == hash, record.equals(column, queueBytes[id]) {
                lastQueue = id
                return id
            }
            slot = (slot + 1) & mask
        }
        lastQueue = insertQueue(record.string(column).trimmingSpaces, record.rawBytes(column), hash: hash, slot: slot)
        return lastQueue
    }

    /// The id of queue `default`, for files without a queue column.
    mutating func defaultQueueID() -> Int {
        if let id = defaultQueue { return id }
        let bytes = Array("default".utf8)
        let hash = bytes.reduce(FNV1a64.basis, FNV1a64.step)
        let mask = queueTable.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while queueTable[slot] != 0 {
            let id = Int(queueTable[slot]) - 1
            if queueBytes[id] == bytes {
                defaultQueue = id
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = insertQueue("default", bytes, hash: hash, slot: slot)
        defaultQueue = id
        return id
    }

    /// Adds a queue at a free slot of the table.
    private mutating func insertQueue(_ name: String, _ bytes: [UInt8], hash: UInt64, slot: Int) -> Int {
        let id = queueNames.count
        queueNames.append(name)
        queueBytes.append(bytes)
        queueHashes.append(hash)
        queueTable[slot] = Int32(id + 1)
        stagingIndex.append(contentsOf: [-1, -1, -1])
        if 2 * queueNames.count > queueTable.count { growQueueTable() }
        return id
    }

    /// Doubles the queue table and re-inserts every queue.
    private mutating func growQueueTable() {
        queueTable = [Int32](repeating: 0, count: queueTable.count * 2)
        let mask = queueTable.count - 1
        for (id, hash) in queueHashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while queueTable[slot] != 0 { slot = (slot + 1) & mask }
            queueTable[slot] = Int32(id + 1)
        }
    }

    /// The channel of a row: voice, chat or email (any case), or a vendor profile's alias.
    mutating func channel(_ record: CSVRecord, _ column: Int, file: String) -> Channel? {
        if record.equalsIgnoringCase(column, "voice") { return .voice }
        if record.equalsIgnoringCase(column, "chat") { return .chat }
        if record.equalsIgnoringCase(column, "email") { return .email }
        if let profile = options.profile, !profile.channelAliases.isEmpty {
            let name = record.string(column).trimmingSpaces.lowercased()
            if let channel = profile.channelAliases[name] { return channel }
        }
        issues.add(
            file, record.line, record.column(of: column),
            "channel: expected voice, chat or email, found \(record.quoted(column))")
        return nil
    }
}
