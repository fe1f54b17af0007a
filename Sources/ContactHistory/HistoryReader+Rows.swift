import CCPlanBase

extension ReadState {
    /// Reads one file: its header, then every record into the stagings.
    mutating func readFile(_ path: String, index fileIndex: Int) {
        files.append(path)
        timestampFields.append(0)
        var reader: CSVRecordReader
        do {
            reader = try CSVRecordReader(path: path, chunkSize: chunkSize)
            try reader.detectFormat()
        } catch {
            issues.add(path, error.line, error.column, error.message)
            return
        }
        let decimalComma = reader.delimiter == UInt8(ascii: ";")
        var layout: Layout?
        do {
            try reader.forEachRecord { record in
                guard let layout else {
                    layout = self.layout(record, file: path)
                    timestampFields[fileIndex] = layout?.intervalStart ?? 0
                    return layout != nil
                }
                rowCount += 1
                row(record, layout, file: path, fileIndex: fileIndex, decimalComma: decimalComma)
                return true
            }
        } catch let error as CSVSyntaxError {
            issues.add(path, error.line, error.column, error.message)
        } catch {
            issues.add(path, reader.line, 1, "\(error)")
        }
        byteCount += reader.bytesRead
        if layout == nil, issues.isEmpty {
            issues.add(path, 1, 1, "the file is empty; expected a header line with interval_start and offered")
        }
    }

    /// Reads one data row: its values, queue, channel and time, checked, then staged.
    ///
    /// Not inlined into the record closure of `readFile`: there, every access to the stagings
    /// would go through the captured `self` (uniqueness checks and out-of-line appends, 10 % of
    /// the ingest time).
    @inline(never)
    mutating func row(_ record: CSVRecord, _ layout: Layout, file: String, fileIndex: Int, decimalComma: Bool) {
        guard record.count == layout.columnCount else {
            issues.add(
                file, record.line, record.endColumn,
                "expected \(layout.columnCount) fields as in the header, found \(record.count)")
            return
        }
        let before = issues.count
        let values = self.values(record, layout, file: file, decimalComma: decimalComma)
        let minutes = intervalMinutes(record, layout, file: file)
        let queue = layout.queue >= 0 ? queueID(record, layout.queue) : defaultQueueID()
        var channel = Channel.voice
        if layout.channel >= 0 {
            guard let c = self.channel(record, layout.channel, file: file) else { return }
            channel = c
        }
        let s = stagingIndex(queue: queue, channel: channel)
        guard let instant = instant(record, layout.intervalStart, staging: s, file: file), issues.count == before else { return }
        if let minutes, !sameIntervalLength(minutes, record, layout, staging: s, file: file) { return }
        stage(values, at: instant, staging: s, record: record, column: layout.intervalStart, file: file, fileIndex: fileIndex)
    }

    /// The instant a row's interval starts, resolving local times in the time zone: in the
    /// repeated hour of a fall-back, the first occurrence (per queue and channel) is the earlier
    /// instant; a local time inside a spring-forward gap is an error.
    @inline(__always)
    private mutating func instant(_ record: CSVRecord, _ column: Int, staging s: Int, file: String) -> Int64? {
        switch record.timestamp(column) {
        case .instant(let t):
            return t
        case .local(let local):
            switch clock.resolve(local: local) {
            case .unique(let t):
                return t
            case .ambiguous(let early, let late):
                let seen = stagings[s].ambiguousSeen[local, default: 0]
                stagings[s].ambiguousSeen[local] = seen + 1
                return seen == 0 ? early : late
            case .gap:
                issues.add(
                    file, record.line, record.column(of: column),
                    "interval_start: \(record.quoted(column)) does not exist in \(zoneName) (the clocks skip that hour); expected a local time outside the spring-forward gap, or a UTC offset")
                return nil
            }
        case .invalid(let reason):
            issues.add(file, record.line, record.column(of: column), "interval_start: \(reason), found \(record.quoted(column))")
            return nil
        }
    }

    /// Whether a row's interval_minutes agrees with the earlier rows of its series (logged if not).
    private mutating func sameIntervalLength(
        _ minutes: Int, _ record: CSVRecord, _ layout: Layout, staging s: Int, file: String
    ) -> Bool {
        guard let known = stagings[s].intervalMinutes else {
            stagings[s].intervalMinutes = minutes
            stagings[s].intervalMinutesLine = record.line
            return true
        }
        guard known != minutes else { return true }
        issues.add(
            file, record.line, record.column(of: layout.intervalMinutes),
            "mixed interval lengths in \(stagings[s].name): expected \(known) minutes as on line \(stagings[s].intervalMinutesLine), found \(minutes)")
        return false
    }

    /// Appends a checked row to its staging.
    @inline(__always)
    private mutating func stage(
        _ v: RowValues, at instant: Int64, staging s: Int, record: CSVRecord, column: Int, file: String, fileIndex: Int
    ) {
        if stagings[s].rowCount == 0 { stagings[s].base = instant }
        guard let time = Int32(exactly: instant - stagings[s].base) else {
            issues.add(
                file, record.line, record.column(of: column),
                "interval_start: \(record.quoted(column)) is more than 68 years from the first row of \(stagings[s].name); expected dates within a few decades")
            return
        }
        if stagings[s].rowCount > 0, time <= stagings[s].lastTime { stagings[s].strictlyIncreasing = false }
        if stagings[s].lastFile != fileIndex {
            stagings[s].fileStarts.append((stagings[s].rowCount, fileIndex))
            stagings[s].lastFile = fileIndex
        }
        stagings[s].rowCount += 1
        stagings[s].lastTime = time
        stagings[s].times.append(time)
        stagings[s].offered.append(v.offered)
        stagings[s].handled.append(v.handled)
        stagings[s].abandoned.append(v.abandoned)
        stagings[s].handleSeconds.append(v.handleSeconds)
        if !v.waitSeconds.isNaN || stagings[s].waitSeconds != nil {
            if stagings[s].waitSeconds == nil {
                stagings[s].waitSeconds = [Double](repeating: .nan, count: stagings[s].rowCount - 1)
            }
            stagings[s].waitSeconds!.append(v.waitSeconds)
        }
        stagings[s].lines.append(UInt32(clamping: record.line))
    }
}
