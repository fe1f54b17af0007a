/// FNV-1a, 64 bits (Fowler, Noll, Vo): a fast, stable, non-cryptographic hash of bytes. ccplan
/// uses it where a hash must be the same on every machine and run (shard assignment, the
/// reader's name interning); SHA-256 (`Planning.SHA256`) where files are fingerprinted.
public enum FNV1a64 {
    /// The offset basis.
    public static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV prime.
    public static let prime: UInt64 = 0x100_0000_01b3

    /// One byte more of a running hash.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* prime }

    /// The hash of `bytes`, continuing from `seed` (the basis by default).
    ///
    /// - Complexity: O(bytes.count).
    @inlinable
    public static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = basis) -> UInt64
    where Bytes.Element == UInt8 {
        var h = seed
        for b in bytes { h = step(h, b) }
        return h
    }
}
