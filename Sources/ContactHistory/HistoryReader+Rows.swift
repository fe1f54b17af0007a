import CCPlanBase

extension ReadState {
    /// Reads one file: its header, then every record into the stagings.
    mutating func readFile(_ path: String, index fileIndex: Int) {
        files.append(path)
        timestampFields.append(0)
        offeredFields.append(0)
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
        let rowsBefore = rowCount
        do {
            try reader.forEachRecord { record in
                guard let layout else {
                    layout = self.layout(record, file: path)
                    timestampFields[fileIndex] = layout?.intervalStart ?? 0
                    offeredFields[fileIndex] = layout.map { $0.derivesOffered ? $0.handled : $0.offered } ?? 0
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
        } else if layout != nil, rowCount == rowsBefore {
            // An export with a header and nothing else is a failed export, not a quiet queue.
            issues.add(
                path, reader.line, 1,
                "the file has a header but no rows; expected at least one data row of interval_start and offered (a queue without contacts still has rows with offered 0)"
            )
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
        guard let instant = instant(record, layout.intervalStart, values, staging: s, file: file),
            issues.count == before
        else { return }
        if let minutes, !sameIntervalLength(minutes, record, layout, staging: s, file: file) { return }
        stage(
            values, at: instant, staging: s, record: record, column: layout.intervalStart, file: file,
            fileIndex: fileIndex)
    }

    /// The instant a row's interval starts, resolving local times in the time zone: in the
    /// repeated hour of a fall-back, the first occurrence (per queue and channel) is the earlier
    /// instant; inside a spring-forward gap see `gapInstant`.
    @inline(__always)
    private mutating func instant(
        _ record: CSVRecord, _ column: Int, _ values: RowValues, staging s: Int, file: String
    ) -> Int64? {
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
                return gapInstant(local, record, column, values, staging: s, file: file)
            }
        case .invalid(let reason):
            issues.add(
                file, record.line, record.column(of: column),
                "interval_start: \(reason), found \(record.quoted(column))")
            return nil
        }
    }

    /// A local time inside a spring-forward gap: a row without contacts is dropped (and counted),
    /// one with contacts is refused or, under `DSTGapPolicy.shift`, read with the offset in
    /// force before the change (and added to a row of the interval it lands on, so that no
    /// contact is lost).
    private mutating func gapInstant(
        _ local: Int64, _ record: CSVRecord, _ column: Int, _ v: RowValues, staging s: Int, file: String
    ) -> Int64? {
        let noContacts = v.offered == 0 && !(v.handled > 0) && !(v.abandoned > 0)
        if noContacts {
            stagings[s].notes.droppedGapRows += 1
            return nil
        }
        // The offset a day earlier is the one before the change (at most one change a day).
        let before = clock.offset(at: local - 86_400)
        if options.dstGap == .shift {
            // Staged next (the caller stages the row unless another value was wrong).
            stagings[s].shiftedRows.insert(stagings[s].rowCount)
            stagings[s].notes.shiftedGapRows += 1
            return local - before
        }
        let shifted = local - before
        issues.add(
            file, record.line, record.column(of: column),
            "interval_start: \(record.quoted(column)) does not exist in \(zoneName) (the clocks skip it on the night summer time starts) and the row has contacts; expected a local time outside the gap or a UTC offset, or --dst-gap shift to read it as \(isoString(shifted))"
        )
        return nil
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
            "mixed interval lengths in \(stagings[s].name): expected \(known) minutes as on line \(stagings[s].intervalMinutesLine), found \(minutes)"
        )
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
                "interval_start: \(record.quoted(column)) is more than 68 years from the first row of \(stagings[s].name); expected dates within a few decades"
            )
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
        if v.hasMeasures || !stagings[s].measures.isEmpty || stagings[s].staffedAgents != nil {
            stageMeasures(v, staging: s)
        }
        stagings[s].lines.append(UInt32(clamping: record.line))
    }

    /// Appends a row's optional measures, creating a measure's column (NaN for the rows before)
    /// the first time a row reports it.
    private mutating func stageMeasures(_ v: RowValues, staging s: Int) {
        let earlierRows = stagings[s].rowCount - 1
        func append(_ value: Double, to column: inout [Double]?) {
            guard !value.isNaN || column != nil else { return }
            if column == nil { column = [Double](repeating: .nan, count: earlierRows) }
            column!.append(value)
        }
        for (measure, value) in [
            (IntervalMeasure.waitSeconds, v.waitSeconds), (.answeredWithin, v.answeredWithin),
            (.serviceLevelContacts, v.serviceLevelContacts), (.staffedSeconds, v.staffedSeconds),
        ] {
            append(value, to: &stagings[s].measures[measure])
        }
        append(v.staffedAgents, to: &stagings[s].staffedAgents)
    }
}
