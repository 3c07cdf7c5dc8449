/// Author spellings interned by their bytes, so that a name written ten times is parsed once.
///
/// An open-addressing hash table (linear probing, power-of-two capacity, load ≤ 1/2) whose slots
/// are 32 bytes (half a cache line) and hold the key itself when it is at most 22 bytes long — as
/// nearly every author name is — so that a lookup costs one memory access: 32 bits of the hash
/// with the caller's `Int32` value, then the key's length and bytes as three words compared as
/// integers. A longer key is copied into a byte arena once, and its slot holds where.
///
/// The hash of an inline key mixes its three words (the multiply-xorshift finaliser of
/// SplitMix64, Steele, Lea & Flood 2014, doi:10.1145/2714064.2660195); of a longer key, FNV-1a 64
/// (Fowler, Noll, Vo) over its bytes. Either is folded to 32 bits, which place the slot.
///
/// The caller attaches one `Int32` value to each key (`JSONLinesFastPath` stores the index of the
/// parsed `AuthorName`, or a negative code for a name that is no author).
///
/// - Complexity: O(length) per lookup (one hash, expected O(1) probes, one comparison of three
///   words, or of the bytes for a long key, on a hit); memory: 64 bytes per key at most (slots at
///   load ≥ 1/4) plus the bytes of the keys over 22 bytes.
public final class NameInterner {
    @exclusivity(unchecked) private var arena: [UInt8] = []
    /// Four words per slot: [hash << 32 | value bits, tag, key words 2–3]. The tag's low byte is
    /// 0 for an empty slot, 1 for an inline key (next byte: its length; then its first 6 bytes;
    /// words 2–3: the next 16), 2 for a long key (words 2–3: its arena offset and length).
    @exclusivity(unchecked) private var slots: [UInt64]
    @exclusivity(unchecked) private var mask: Int
    /// The number of distinct keys.
    @exclusivity(unchecked) public private(set) var count = 0

    /// Parsed names not yet taken by `takeNames()`, in id order of their values.
    @exclusivity(unchecked) var pendingNames: [AuthorName] = []
    /// Names made so far (the value of the next new name).
    @exclusivity(unchecked) public private(set) var nameCount: Int32 = 0

    public init(capacity: Int = 1 << 16) {
        var c = 16
        while c < capacity { c <<= 1 }
        slots = [UInt64](repeating: 0, count: 4 * c)
        mask = c - 1
    }

    static let inlineLimit = 22

    /// A key's three words as stored inline (meaningful for keys of at most 22 bytes): word 0 is
    /// the tag 1, the length, then bytes 0–5; word 1 bytes 6–13; word 2 bytes 14–21 (little-endian,
    /// zero beyond the key). Made from three 8-byte loads of the key copied into a zeroed buffer,
    /// not byte by byte (`wordsByByte`, kept as the tests' reference).
    @inline(__always)
    static func words(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
        var x: (UInt64, UInt64, UInt64) = (0, 0, 0)
        if let base = b.baseAddress {
            withUnsafeMutableBytes(of: &x) { $0.baseAddress!.copyMemory(from: base, byteCount: min(b.count, 24)) }
        }
        let x0 = UInt64(littleEndian: x.0), x1 = UInt64(littleEndian: x.1), x2 = UInt64(littleEndian: x.2)
        return (1 | UInt64(b.count) << 8 | x0 << 16, x0 >> 48 | x1 << 16, x1 >> 48 | x2 << 16)
    }

    /// `words` one byte at a time.
    static func wordsByByte(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
        var w0: UInt64 = 1 | UInt64(b.count) << 8, w1: UInt64 = 0, w2: UInt64 = 0
        var k = 0
        while k < b.count {
            let c = UInt64(b[k])
            if k < 6 { w0 |= c << UInt64(16 + 8 * k) } else if k < 14 { w1 |= c << UInt64(8 * (k - 6)) } else { w2 |= c << UInt64(8 * (k - 14)) }
            k += 1
        }
        return (w0, w1, w2)
    }

    /// An inline key's three words and its 32-bit hash.
    @inline(__always)
    static func inlineKey(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64, hash: UInt32) {
        let (t, w1, w2) = words(b)
        let h64 = mix(t ^ mix(w1 ^ mix(w2)))
        return (t, w1, w2, UInt32(truncatingIfNeeded: h64 ^ (h64 >> 32)))
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }

    /// Loads the slot where a lookup of `b` starts, so that the lookup soon after finds it in the
    /// cache: a caller touches every key of a record (or of a batch) first, and the memory
    /// accesses, independent of each other, overlap instead of following one another.
    @inline(__always)
    public func touch(_ b: UnsafeBufferPointer<UInt8>) {
        let h = b.count <= NameInterner.inlineLimit ? NameInterner.inlineKey(b).hash : NameInterner.longHash(b)
        touched &+= slots[4 * (Int(h) & mask) + 1]
    }

    /// The slot where a lookup of `b` starts (while the table does not grow), for `touch(homes:)`.
    @inline(__always)
    public func home(of b: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = b.count <= NameInterner.inlineLimit ? NameInterner.inlineKey(b).hash : NameInterner.longHash(b)
        return Int32(truncatingIfNeeded: Int(h) & mask)
    }

    /// Loads the slots `homes` (from `home(of:)`) in one tight loop of independent loads, so that
    /// dozens of cache misses are in flight at once — more than when each load follows its key's
    /// hashing, as in `touch`.
    public func touch(homes: UnsafeBufferPointer<Int32>) {
        var sum: UInt64 = 0
        slots.withUnsafeBufferPointer { p in
            for h in homes where Int(h) <= mask { sum &+= p[4 * Int(h) + 1] }
        }
        touched &+= sum
    }

    /// The 32-bit hash of a key over 22 bytes: FNV-1a 64 folded.
    @inline(__always)
    static func longHash(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var f: UInt64 = 14695981039346656037
        for c in b { f = (f ^ UInt64(c)) &* 1099511628211 }
        return UInt32(truncatingIfNeeded: f ^ (f >> 32))
    }
    /// What `touch` read (kept, so that the loads are not optimised away).
    @exclusivity(unchecked) public private(set) var touched: UInt64 = 0

    /// The value of `b`, calling `make` for it (once) on first sight.
    @inline(__always)
    public func value(of b: UnsafeBufferPointer<UInt8>, make: () -> Int32) -> Int32 {
        if b.count <= NameInterner.inlineLimit {
            let (t, w1, w2, h) = NameInterner.inlineKey(b)
            var i = Int(h) & mask
            while true {
                let tag = slots[4 * i + 1]
                if tag == 0 { break }
                if tag == t && slots[4 * i + 2] == w1 && slots[4 * i + 3] == w2 {
                    return Int32(bitPattern: UInt32(truncatingIfNeeded: slots[4 * i]))
                }
                i = (i + 1) & mask
            }
            let v = make()
            slots[4 * i] = UInt64(h) << 32 | UInt64(UInt32(bitPattern: v))
            slots[4 * i + 1] = t
            slots[4 * i + 2] = w1
            slots[4 * i + 3] = w2
            added()
            return v
        }
        let h = NameInterner.longHash(b)
        var i = Int(h) & mask
        while true {
            let tag = slots[4 * i + 1]
            if tag == 0 { break }
            if tag == 2 && UInt32(truncatingIfNeeded: slots[4 * i] >> 32) == h && Int(slots[4 * i + 3]) == b.count
                && equal(Int(slots[4 * i + 2]), b) {
                return Int32(bitPattern: UInt32(truncatingIfNeeded: slots[4 * i]))
            }
            i = (i + 1) & mask
        }
        let v = make()
        slots[4 * i] = UInt64(h) << 32 | UInt64(UInt32(bitPattern: v))
        slots[4 * i + 1] = 2
        slots[4 * i + 2] = UInt64(arena.count)
        slots[4 * i + 3] = UInt64(b.count)
        arena.append(contentsOf: b)
        added()
        return v
    }

    @inline(__always)
    private func added() {
        count += 1
        if count * 2 > mask + 1 { grow() }
    }

    @inline(__always)
    private func equal(_ start: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { a in
            let p = a.baseAddress! + start, q = b.baseAddress!
            var k = 0
            while k < b.count {
                if p[k] != q[k] { return false }
                k += 1
            }
            return true
        }
    }

    private func grow() {
        let c = 2 * (mask + 1)
        var new = [UInt64](repeating: 0, count: 4 * c)
        let m = c - 1
        for j in 0...mask where slots[4 * j + 1] != 0 {
            var i = Int(slots[4 * j] >> 32) & m
            while new[4 * i + 1] != 0 { i = (i + 1) & m }
            for w in 0..<4 { new[4 * i + w] = slots[4 * j + w] }
        }
        slots = new
        mask = m
    }

    /// Records a parsed name and returns its value (its index among all names made).
    package func addName(_ a: AuthorName) -> Int32 {
        pendingNames.append(a)
        nameCount += 1
        return nameCount - 1
    }

    /// Takes over names made by another interner's reader (`takeNames()` there), in order: they
    /// get the values `nameCount ..< nameCount + names.count`, and the first is returned.
    public func adopt(_ names: [AuthorName]) -> Int32 {
        let base = nameCount
        pendingNames.append(contentsOf: names)
        nameCount += Int32(names.count)
        return base
    }

    /// The names made since the last call, in order (name `k` of all is the `k`-th ever taken).
    public func takeNames() -> [AuthorName] {
        defer { pendingNames = [] }
        return pendingNames
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
