/// A small CSV file read whole into strings: calendars, forecasts, requirements, rosters, tolerances.
///
/// Read by ``CSVRecordReader``, so quoting, the byte-order mark, CRLF and CR line ends, the
/// delimiter detection and the error positions are those of the history reader. Large inputs
/// (histories, per-contact records) use the reader directly, without a String per field.
public struct CSVTable: Sendable {
    /// One data row.
    public struct Row: Sendable {
        /// The line on which the row starts.
        public var line: Int
        /// The fields with surrounding spaces removed (quotes undoubled).
        public var fields: [String]
        /// The 1-based column where each field starts (one more entry: the column past the last).
        public var columns: [Int]

        /// The field at `index`, or "" past the end of the row.
        public subscript(_ index: Int) -> String { index < fields.count ? fields[index] : "" }

        /// The column of field `index` (past the end: the column after the last field).
        public func column(_ index: Int) -> Int { columns[min(index, columns.count - 1)] }
    }

    /// The file as named to ``read(path:)``.
    public var path: String
    /// The header's names, trimmed, as written.
    public var header: [String]
    /// The data rows in file order (blank lines skipped).
    public var rows: [Row]
    /// The detected delimiter.
    public var delimiter: UInt8

    /// The index of the first header name equal (ignoring ASCII case) to one of `names`.
    public func column(named names: String...) -> Int? {
        let wanted = names.map { $0.lowercased() }
        return header.firstIndex { wanted.contains($0.lowercased()) }
    }

    /// An issue at a row's field.
    public func issue(_ row: Row, _ field: Int, _ message: String) -> FileIssue {
        FileIssue(file: path, line: row.line, column: row.column(field), message: message)
    }

    /// Reads a whole file. A file without a header line is an error.
    ///
    /// - Parameter maximumRows: more data rows than this is an error (bounded memory).
    /// - Throws: ``FileIssue`` naming the file, line and column.
    /// - Complexity: O(size of the file).
    public static func read(path: String, maximumRows: Int = 10_000_000) throws(FileIssue) -> CSVTable {
        var reader: CSVRecordReader
        do { reader = try CSVRecordReader(path: path) } catch { throw error.issue(in: path) }
        var header: [String]?
        var rows: [Row] = []
        do {
            try reader.detectFormat()
            try reader.forEachRecord { record in
                let fields = (0..<record.count).map { record.trimmedString($0) }
                if header == nil {
                    header = fields
                    return true
                }
                guard rows.count < maximumRows else {
                    throw FileIssue(
                        file: path, line: record.line, column: 1,
                        message: "more than \(maximumRows) rows")
                }
                rows.append(
                    Row(
                        line: record.line, fields: fields,
                        columns: (0...record.count).map { record.column(of: $0) }))
                return true
            }
        } catch let error as CSVSyntaxError {
            throw error.issue(in: path)
        } catch let error as FileIssue {
            throw error
        } catch {
            throw FileIssue(file: path, message: "\(error)")
        }
        guard let header else { throw FileIssue(file: path, message: "the file is empty (no header line)") }
        return CSVTable(path: path, header: header, rows: rows, delimiter: reader.delimiter)
    }
}
