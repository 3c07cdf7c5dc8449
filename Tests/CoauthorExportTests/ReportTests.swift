@testable import CoauthorExport
import Foundation
import Testing
import CoauthorText

@Suite struct HTMLReportPieceTests {
    /// FIPS 180-2's examples: the CSP hashes of the inline script and style rest on them.
    @Test func sha256MatchesTheStandardsExamples() {
        func hex(_ s: String) -> String { SHA256.digest(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(HTMLReport.hash("abc") == "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }

    /// No string from the data can close the <script> element that carries it, or start markup.
    @Test func jsonStringsCannotEndTheScriptElement() throws {
        let hostile = "</script><script>alert(1)</script><!-- & <img src=x onerror=alert(2)>"
        let s = HTMLReport.string(hostile)
        #expect(!s.contains("<") && !s.contains(">") && !s.contains("&"))
        let back = try JSONSerialization.jsonObject(with: Data("[\(s)]".utf8)) as? [String]
        #expect(back == [hostile])
    }

    /// Shortened values sort exactly as the exact ones: equal stay equal, distinct stay in order.
    @Test func roundingKeepsTheOrder() {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var values: [Double] = (0..<5000).map { _ in next() * 1e-3 }
        values += values.prefix(50)                                   // exact ties
        values += values.prefix(50).map { $0.nextUp }                 // neighbours one ulp apart
        values += [.nan, 0, 1, 1.0 / 3, 2.0 / 3]
        let r = OrderPreservingRounding.round(values)
        for i in values.indices where values[i].isNaN { #expect(r[i].isNaN) }
        // In the exact order, each shortened value is equal to the next when the exact ones are
        // equal and smaller otherwise.
        let order = values.indices.filter { values[$0].isFinite }.sorted { values[$0] < values[$1] }
        var broken = 0
        for (a, b) in zip(order, order.dropFirst()) {
            if values[a] == values[b] ? r[a] != r[b] : !(r[a] < r[b]) { broken += 1 }
        }
        #expect(broken == 0)
        #expect(r.filter { $0.isFinite }.count == order.count)
        #expect(Text.number(OrderPreservingRounding.round([1.0 / 3, 0.5])[0]) == "0.333333")
    }
}
