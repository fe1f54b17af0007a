import Foundation

/// SHA-256 (FIPS 180-4), for the provenance of inputs and outputs (plan.json, batch manifests).
///
/// Written here rather than taken from swift-crypto: it is the only hash ccplan needs, it is
/// short, and swift-crypto would add about a minute to every cold build and CI run. Blocks are
/// compressed straight from the caller's bytes with one reused message schedule (an earlier
/// version that allocated per 64-byte block was ≈ 10× slower: 20 s instead of 2 s for a 1 GB
/// history). Tested against the FIPS 180-2 example vectors.
public struct SHA256: Sendable {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var schedule = [UInt32](repeating: 0, count: 64)
    /// Bytes not yet compressed (fewer than 64 after every update).
    private var pending: [UInt8] = []
    /// Bytes hashed so far.
    public private(set) var count = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {}

    /// Adds bytes to the message.
    ///
    /// - Complexity: O(bytes).
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        count += bytes.count
        if pending.isEmpty,
            let done = bytes.withContiguousStorageIfAvailable({ buffer -> Int in
                let whole = buffer.count / 64 * 64
                compress(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<whole]))
                pending.append(contentsOf: buffer[whole...])
                return whole
            })
        {
            _ = done
            return
        }
        pending.append(contentsOf: bytes)
        let whole = pending.count / 64 * 64
        guard whole > 0 else { return }
        pending.withUnsafeBytes { compress(UnsafeRawBufferPointer(rebasing: $0[0..<whole])) }
        pending.removeFirst(whole)
    }

    /// The digest as 64 lowercase hex digits (the message so far; more may be added after).
    public func hexDigest() -> String {
        var copy = self
        var last = copy.pending
        last.append(0x80)
        while last.count % 64 != 56 { last.append(0) }
        let bits = UInt64(count) &* 8
        for i in (0..<8).reversed() { last.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
        last.withUnsafeBytes { copy.compress($0) }
        let digits = Array("0123456789abcdef")
        var out = ""
        for word in [copy.h.0, copy.h.1, copy.h.2, copy.h.3, copy.h.4, copy.h.5, copy.h.6, copy.h.7] {
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xf)]) }
        }
        return out
    }

    /// The hex digest of a byte sequence.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest()
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

    /// Compresses every whole 64-byte block of `p` (whose count is a multiple of 64).
    private mutating func compress(_ p: UnsafeRawBufferPointer) {
        var state = h
        schedule.withUnsafeMutableBufferPointer { w in
            SHA256.k.withUnsafeBufferPointer { k in
                var offset = 0
                while offset + 64 <= p.count {
                    for i in 0..<16 {
                        let j = offset + i * 4
                        w[i] = UInt32(p[j]) << 24 | UInt32(p[j + 1]) << 16 | UInt32(p[j + 2]) << 8 | UInt32(p[j + 3])
                    }
                    for i in 16..<64 {
                        let s0 = SHA256.rotr(w[i - 15], 7) ^ SHA256.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                        let s1 = SHA256.rotr(w[i - 2], 17) ^ SHA256.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, hh) = state
                    for i in 0..<64 {
                        let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                        let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ maj)
                    }
                    state = (
                        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                        state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ hh
                    )
                    offset += 64
                }
            }
        }
        h = state
    }
}

/// The SHA-256 and size of a file, read in 4 MiB chunks (history files may be several GB); nil
/// when it cannot be read.
///
/// - Complexity: O(file size).
public func fileSHA256(_ path: String) -> (hex: String, bytes: Int)? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hash = SHA256()
    while true {
        let chunk: Data
        do { chunk = try handle.read(upToCount: 4 << 20) ?? Data() } catch { return nil }
        if chunk.isEmpty { break }
        hash.update(chunk)
    }
    return (hash.hexDigest(), hash.count)
}
