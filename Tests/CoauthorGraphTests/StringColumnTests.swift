import Testing
@testable import CoauthorGraph

/// `StringColumn.distinctNumbers` against numbering by a `[String: Int32]` dictionary.
@Suite struct StringColumnTests {
    @Test func distinctNumbersMatchADictionary() {
        var rng = SplitMix64(seed: 7)
        let words = ["", "wang", "wei", "müller", "mueller", "a-very-long-family-name-beyond-22-bytes",
                     "a-very-long-family-name-beyond-22-bytez", "x", "王", "zhang", "wang "]
        var strings: [String] = []
        for _ in 0..<5_000 {
            let w = words[Int(rng.next() % UInt64(words.count))]
            strings.append(rng.next() % 3 == 0 ? w + String(rng.next() % 50) : w)
        }
        let column = StringColumn(strings)
        let (numbers, firstRow) = column.distinctNumbers()
        var index: [String: Int32] = [:]
        var expected: [Int32] = []
        for s in strings {
            if index[s] == nil { index[s] = Int32(index.count) }
            expected.append(index[s]!)
        }
        #expect(numbers == expected)
        #expect(firstRow.count == index.count)
        for (k, row) in firstRow.enumerated() { #expect(numbers[row] == Int32(k) && !numbers[..<row].contains(Int32(k))) }
        #expect(column.isEmpty(at: strings.firstIndex(of: "")!) && !column.isEmpty(at: strings.firstIndex(of: "x")!))
    }
}
