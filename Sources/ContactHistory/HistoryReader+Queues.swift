import CCPlanBase

// Queue names are interned from their bytes: a row whose queue was seen before makes no String,
// so that reading stays at a few hundred MB/s with thousands of queues interleaved. A name is
// read back from CSV injection neutralisation (`CSVInjection.restored`): `'=SUM(A1)`, as ccplan
// writes a queue named `=SUM(A1)`, is that queue again.

extension ReadState {
    /// The queue id of a row's queue field, interned without making a String on a hit.
    ///
    /// Exports list either one queue after another or every queue per interval, so the previous
    /// entry and the one created after it are tried before the hash table.
    @inline(__always)
    mutating func queueID(_ record: CSVRecord, _ column: Int) -> Int {
        if lastEntry >= 0 {
            if record.equals(column, entryBytes[lastEntry]) { return entryQueues[lastEntry] }
            let next = lastEntry + 1 == entryBytes.count ? 0 : lastEntry + 1
            if record.equals(column, entryBytes[next]) {
                lastEntry = next
                return entryQueues[next]
            }
        }
        let hash = record.hash(column)
        let mask = entryTable.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while entryTable[slot] != 0 {
            let entry = Int(entryTable[slot]) - 1
            if entryHashes[entry] == hash, record.equals(column, entryBytes[entry]) {
                lastEntry = entry
                return entryQueues[entry]
            }
            slot = (slot + 1) & mask
        }
        let name = CSVInjection.restored(record.string(column).trimmingSpaces)
        lastEntry = insertEntry(name, record.rawBytes(column), hash: hash, slot: slot)
        return entryQueues[lastEntry]
    }

    /// The id of queue `default`, for files without a queue column.
    mutating func defaultQueueID() -> Int {
        if let id = defaultQueue { return id }
        let id = queueIDs["default"] ?? newQueue("default")
        defaultQueue = id
        return id
    }

    /// Adds an entry at a free slot of the table, for the queue of that name (created if new).
    private mutating func insertEntry(_ name: String, _ bytes: [UInt8], hash: UInt64, slot: Int) -> Int {
        let entry = entryBytes.count
        entryBytes.append(bytes)
        entryHashes.append(hash)
        entryQueues.append(queueIDs[name] ?? newQueue(name))
        entryTable[slot] = Int32(entry + 1)
        if 2 * entryBytes.count > entryTable.count { growEntryTable() }
        return entry
    }

    /// A new queue id (with room for its three channels' stagings).
    mutating func newQueue(_ name: String) -> Int {
        let id = queueNames.count
        queueNames.append(name)
        queueIDs[name] = id
        stagingIndex.append(contentsOf: [-1, -1, -1])
        return id
    }

    /// Doubles the entry table and re-inserts every entry.
    private mutating func growEntryTable() {
        entryTable = [Int32](repeating: 0, count: entryTable.count * 2)
        let mask = entryTable.count - 1
        for (entry, hash) in entryHashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while entryTable[slot] != 0 { slot = (slot + 1) & mask }
            entryTable[slot] = Int32(entry + 1)
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
