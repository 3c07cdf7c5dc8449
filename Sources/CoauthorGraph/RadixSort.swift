/// LSD radix sort of `UInt64` keys carrying an `Int32` payload, stable.
///
/// Only the bytes that can be non-zero (given `maxKey`'s two 32-bit halves) are sorted, one 8-bit
/// digit per pass, so pairs of node indices below 2²⁴ take six passes.
///
/// - Complexity: O(d · (n + 256)) time for d digit passes, O(n) extra memory.
enum RadixSort {
    static func sort(_ keys: inout [UInt64], payload: inout [Int32], maxKey: UInt64) {
        precondition(keys.count == payload.count, "one payload per key")
        let n = keys.count
        if n < 2 { return }
        if n < 64 {
            let order = (0..<n).sorted { (keys[$0], $0) < (keys[$1], $1) }
            keys = order.map { keys[$0] }
            payload = order.map { payload[$0] }
            return
        }
        var bytePositions: [Int] = []
        for b in 0..<8 where (maxKey >> UInt64(8 * b)) != 0 {
            // A byte position is needed when some key can be non-zero there.
            let half = b < 4 ? maxKey & 0xFFFF_FFFF : maxKey >> 32
            let shiftInHalf = 8 * (b % 4)
            if (half >> UInt64(shiftInHalf)) != 0 { bytePositions.append(b) }
        }
        var tmpKeys = [UInt64](repeating: 0, count: n)
        var tmpPayload = [Int32](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: 256)
        for b in bytePositions {
            let shift = UInt64(8 * b)
            for i in 0..<256 { count[i] = 0 }
            keys.withUnsafeBufferPointer { k in
                for i in 0..<n { count[Int((k[i] >> shift) & 0xFF)] += 1 }
            }
            if count.contains(n) { continue }  // every key has the same digit here
            var sum = 0
            for i in 0..<256 { let c = count[i]; count[i] = sum; sum += c }
            keys.withUnsafeBufferPointer { k in
                payload.withUnsafeBufferPointer { p in
                    tmpKeys.withUnsafeMutableBufferPointer { tk in
                        tmpPayload.withUnsafeMutableBufferPointer { tp in
                            for i in 0..<n {
                                let d = Int((k[i] >> shift) & 0xFF)
                                let at = count[d]
                                tk[at] = k[i]
                                tp[at] = p[i]
                                count[d] = at + 1
                            }
                        }
                    }
                }
            }
            swap(&keys, &tmpKeys)
            swap(&payload, &tmpPayload)
        }
    }
}
