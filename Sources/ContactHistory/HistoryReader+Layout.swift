import CCPlanBase

/// Where the canonical fields are in one file's header (−1: absent).
struct Layout: Sendable {
    var columnCount = 0
    var intervalStart = -1, queue = -1, channel = -1, intervalMinutes = -1
    var offered = -1, handled = -1, abandoned = -1
    var aht = -1, handleTotal = -1
    /// Mean wait of offered contacts (optional).
    var wait = -1
    /// Monitoring's actuals (optional): answered within the threshold, the reported service
    /// level, staffed agents or staffed agent-seconds.
    var answeredWithin = -1, serviceLevel = -1, staffedAgents = -1, staffedSeconds = -1
    /// Handle-time component totals, and component means per handled contact.
    var componentTotals: [Int] = [], componentMeans: [Int] = []
    /// Offered is handled + abandoned (a vendor profile whose export has no offered column).
    var derivesOffered = false

    var hasServiceMeasures: Bool {
        answeredWithin >= 0 || serviceLevel >= 0 || staffedAgents >= 0 || staffedSeconds >= 0
    }

    var hasHandleTime: Bool {
        aht >= 0 || handleTotal >= 0 || !componentTotals.isEmpty || !componentMeans.isEmpty
    }
}

extension ReadState {
    private func normalized(_ text: String) -> String { text.trimmingSpaces.lowercased() }

    /// Maps the header onto canonical fields, or logs why it cannot.
    ///
    /// `--map` wins, then the canonical names and their aliases, then the vendor profile's
    /// headers; a field matched by two columns is an error (choose one with `--map`).
    mutating func layout(_ record: CSVRecord, file: String) -> Layout? {
        let names = (0..<record.count).map { normalized(record.string($0)) }
        let shown = (0..<record.count).map { record.string($0).trimmingSpaces }.joined(separator: ", ")
        let before = issues.count
        var columns: [CanonicalField: Int] = [:]
        var used = Set<Int>()
        for (field, header) in options.mappings.sorted(by: { $0.key < $1.key }) {
            guard let j = names.firstIndex(of: normalized(header)) else {
                issues.add(
                    file, 1, 1,
                    "--map \(field.rawValue)=\(header): the header has no column \"\(header)\"; it has: \(shown)")
                continue
            }
            columns[field] = j
            used.insert(j)
        }
        let profileHeaders = options.profile?.headers ?? [:]
        for field in CanonicalField.allCases where options.mappings[field] == nil {
            let accepted = [field.rawValue] + field.aliases + (profileHeaders[field] ?? [])
            let matches = names.indices.filter { !used.contains($0) && accepted.contains(names[$0]) }
            if matches.count > 1 {
                let a = record.string(matches[0]).trimmingSpaces, b = record.string(matches[1]).trimmingSpaces
                issues.add(
                    file, 1, record.column(of: matches[1]),
                    "columns \"\(a)\" and \"\(b)\" both give \(field.rawValue); choose one with --map \(field.rawValue)=Header"
                )
                continue
            }
            if let j = matches.first {
                columns[field] = j
                used.insert(j)
            }
        }
        var layout = Layout()
        layout.columnCount = record.count
        layout.intervalStart = columns[.intervalStart] ?? -1
        layout.queue = columns[.queue] ?? -1
        layout.channel = columns[.channel] ?? -1
        layout.intervalMinutes = columns[.intervalMinutes] ?? -1
        layout.offered = columns[.offered] ?? -1
        layout.handled = columns[.handled] ?? -1
        layout.abandoned = columns[.abandoned] ?? -1
        layout.aht = columns[.ahtSeconds] ?? -1
        layout.handleTotal = columns[.handleSeconds] ?? -1
        layout.wait = columns[.waitSeconds] ?? -1
        layout.answeredWithin = columns[.answeredWithin] ?? -1
        layout.serviceLevel = columns[.serviceLevel] ?? -1
        layout.staffedAgents = columns[.staffedAgents] ?? -1
        layout.staffedSeconds = columns[.staffedSeconds] ?? -1
        layout.componentTotals = [CanonicalField.talkSeconds, .holdSeconds, .acwSeconds].compactMap { columns[$0] }
        layout.componentMeans = [CanonicalField.avgTalkSeconds, .avgHoldSeconds, .avgAcwSeconds].compactMap {
            columns[$0]
        }

        func missing(_ field: CanonicalField) {
            let also = field.aliases.isEmpty ? "" : " (also accepted: \(field.aliases.joined(separator: ", ")))"
            issues.add(
                file, 1, 1,
                "missing required column \"\(field.rawValue)\"\(also); the header has: \(shown); name one with --map \(field.rawValue)=Header"
            )
        }
        if layout.intervalStart < 0 { missing(.intervalStart) }
        if layout.offered < 0 {
            if options.profile?.derivesOffered == true, layout.handled >= 0, layout.abandoned >= 0 {
                layout.derivesOffered = true
            } else {
                missing(.offered)
            }
        }
        let forms = [
            layout.aht >= 0 ? "aht_seconds" : nil, layout.handleTotal >= 0 ? "handle_seconds" : nil,
            layout.componentTotals.isEmpty && layout.componentMeans.isEmpty ? nil : "talk/hold/acw components",
        ].compactMap { $0 }
        if layout.staffedAgents >= 0, layout.staffedSeconds >= 0 {
            issues.add(
                file, 1, record.column(of: layout.staffedSeconds),
                "staffing is given twice (staffed_agents and staffed_seconds); keep one")
        }
        if forms.count > 1 {
            issues.add(
                file, 1, 1, "handle time is given more than once (\(forms.joined(separator: " and "))); keep one")
        }
        return issues.count == before ? layout : nil
    }
}
