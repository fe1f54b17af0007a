/// A parsed timestamp field.
public enum ParsedTimestamp: Equatable, Sendable {
    /// An instant: seconds since 1970 UTC (the field had `Z` or an offset).
    case instant(Int64)
    /// A local wall-clock time: seconds since 1970-01-01T00:00 in the local zone.
    case local(Int64)
    /// Not a timestamp; the text says what was wrong.
    case invalid(String)
}

/// The one timestamp parser of ccplan: `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]`, from CSV
/// fields, flags and small files alike.
public enum Timestamp {
    /// The message for text that is not a date-time.
    public static let expected =
        "expected a date-time such as 2026-03-29T01:30, 2026-03-29 01:30:00 or 2026-03-29T01:30:00+01:00"

    /// The parts of a timestamp.
    public struct Parts: Equatable, Sendable {
        /// Whole seconds since 1970-01-01T00:00 of the written wall-clock time.
        public var local: Int64
        /// The written UTC offset in seconds (`Z` is 0); nil for a local time.
        public var offset: Int64?
        /// The fraction of a second written after the seconds (0 ≤ fraction < 1).
        public var fraction: Double

        /// The instant, when an offset was written.
        public var instant: Int64? { offset.map { local - $0 } }

        @inlinable
        public init(local: Int64, offset: Int64?, fraction: Double) {
            self.local = local
            self.offset = offset
            self.fraction = fraction
        }
    }

    /// Parses bytes `[start, end)` of a buffer; the error is a message.
    ///
    /// - Complexity: O(end − start), no allocation on success.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from s: Int, to e: Int) -> Result<
        Parts, TimestampError
    > {
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= e else { return nil }
            var value = 0
            for k in at..<(at + count) {
                let b = bytes[k]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let year = digits(s, 4), s + 4 < e, bytes[s + 4] == UInt8(ascii: "-"),
            let month = digits(s + 5, 2), s + 7 < e, bytes[s + 7] == UInt8(ascii: "-"),
            let day = digits(s + 8, 2)
        else { return .failure(TimestampError(expected)) }
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else {
            return .failure(TimestampError("no such date"))
        }
        guard s + 10 < e, bytes[s + 10] == UInt8(ascii: "T") || bytes[s + 10] == UInt8(ascii: " "),
            let hour = digits(s + 11, 2), s + 13 < e, bytes[s + 13] == UInt8(ascii: ":"),
            let minute = digits(s + 14, 2)
        else { return .failure(TimestampError(expected)) }
        var i = s + 16
        var second = 0
        var fraction = 0.0
        if i < e, bytes[i] == UInt8(ascii: ":") {
            guard let sec = digits(i + 1, 2) else { return .failure(TimestampError(expected)) }
            second = sec
            i += 3
            if i < e, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ",") {
                i += 1
                var scale = 0.1
                let first = i
                while i < e, bytes[i] >= 48, bytes[i] <= 57 {
                    fraction += Double(bytes[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > first else { return .failure(TimestampError(expected)) }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return .failure(TimestampError("no such time of day")) }
        let local =
            Int64(CivilDate.dayNumber(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        if i == e { return .success(Parts(local: local, offset: nil, fraction: fraction)) }
        let b = bytes[i]
        if b == UInt8(ascii: "Z") || b == UInt8(ascii: "z"), i + 1 == e {
            return .success(Parts(local: local, offset: 0, fraction: fraction))
        }
        guard b == UInt8(ascii: "+") || b == UInt8(ascii: "-"), let oh = digits(i + 1, 2) else {
            return .failure(TimestampError(expected))
        }
        var om = 0
        var k = i + 3
        if k < e, bytes[k] == UInt8(ascii: ":") { k += 1 }
        if k < e {
            guard let m = digits(k, 2) else { return .failure(TimestampError(expected)) }
            om = m
            k += 2
        }
        guard k == e, oh <= 14, om < 60 else { return .failure(TimestampError(expected)) }
        let offset = Int64(oh * 3600 + om * 60)
        return .success(Parts(local: local, offset: b == UInt8(ascii: "+") ? offset : -offset, fraction: fraction))
    }

    /// Parses a string (spaces around it are ignored).
    ///
    /// - Complexity: O(length of `text`).
    public static func parse(_ text: String) -> Result<Parts, TimestampError> {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 32 || last == 9 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 32 && $0 != 9 } ?? bytes.count
        return bytes.withUnsafeBufferPointer { parse($0, from: start, to: $0.count) }
    }
}

/// Why a timestamp did not parse.
public struct TimestampError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    @inlinable
    public init(_ description: String) { self.description = description }
}

extension CSVRecord {
    /// Parses a field as a timestamp on whole seconds: an interval start. A fraction of a second
    /// other than zero is refused (interval starts are whole seconds; silently dropping it would
    /// move the row to another interval).
    ///
    /// - Complexity: O(*n*) in the field's length, no allocation on success.
    @inlinable
    public func timestamp(_ index: Int) -> ParsedTimestamp {
        let (s, e) = trimmed(index)
        switch Timestamp.parse(bytes, from: s, to: e) {
        case .failure(let error):
            return .invalid(error.description)
        case .success(let parts):
            guard parts.fraction == 0 else {
                return .invalid(
                    "fractional seconds are not allowed in an interval start (intervals start on whole seconds)")
            }
            if let instant = parts.instant { return .instant(instant) }
            return .local(parts.local)
        }
    }

    /// Parses a field as a timestamp with its fraction of a second (event times: arrivals of
    /// single contacts).
    ///
    /// - Complexity: O(*n*) in the field's length, no allocation on success.
    @inlinable
    public func timestampParts(_ index: Int) -> Result<Timestamp.Parts, TimestampError> {
        let (s, e) = trimmed(index)
        return Timestamp.parse(bytes, from: s, to: e)
    }
}
