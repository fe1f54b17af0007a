/// Instants are `Int64` seconds since 1970-01-01T00:00:00Z; local wall-clock times are `Int64`
/// seconds since 1970-01-01T00:00 in the local zone (`CivilDate.dayNumber × 86,400 + seconds since
/// local midnight`), resolved into instants by ``ZoneClock``.

/// Floor division, for instants before 1970.
///
/// - Complexity: O(1).
@inlinable
public func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Formats an instant as ISO 8601 with its UTC offset: `2026-10-25T02:30:00+02:00`.
///
/// ISO 8601 offsets are whole minutes; an offset with seconds (local mean time, which most zones
/// kept until about 1900: Europe/Berlin +00:53:28) is written as the instant in UTC (`+00:00`),
/// so that the text always reads back as the same instant.
///
/// - Parameters:
///   - instant: seconds since 1970-01-01T00:00:00Z.
///   - offset: the UTC offset in seconds of the time zone at that instant.
/// - Complexity: O(1).
public func iso8601(_ instant: Int64, offset: Int) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(25)
    appendISO8601(instant, offset: offset, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends `YYYY-MM-DDTHH:MM:SS±HH:MM` to a byte buffer (no allocation but the buffer's growth);
/// an offset that is not whole minutes is written as UTC (see ``iso8601(_:offset:)``).
///
/// - Complexity: O(1).
@inlinable
public func appendISO8601(_ instant: Int64, offset: Int, to bytes: inout [UInt8]) {
    let offset = offset % 60 == 0 ? offset : 0
    @inline(__always) func two(_ v: Int) {
        bytes.append(UInt8(48 + v / 10))
        bytes.append(UInt8(48 + v % 10))
    }
    let local = instant + Int64(offset)
    let days = Int(floorDiv(local, 86_400))
    let secondOfDay = Int(local - Int64(days) * 86_400)
    let date = CivilDate(dayNumber: days)
    if (0...9999).contains(date.year) {
        two(date.year / 100)
        two(date.year % 100)
    } else {
        bytes.append(contentsOf: String(date.year).utf8)
    }
    bytes.append(UInt8(ascii: "-"))
    two(date.month)
    bytes.append(UInt8(ascii: "-"))
    two(date.day)
    bytes.append(UInt8(ascii: "T"))
    two(secondOfDay / 3600)
    bytes.append(UInt8(ascii: ":"))
    two(secondOfDay / 60 % 60)
    bytes.append(UInt8(ascii: ":"))
    two(secondOfDay % 60)
    bytes.append(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
    let minutes = abs(offset) / 60
    two(minutes / 60)
    bytes.append(UInt8(ascii: ":"))
    two(minutes % 60)
}
