import Foundation
import XCTest
@testable import CoauthorSynth

/// The synthetic generator of Benchmarks/compare: determinism and the basic shape of its records
/// (not a timing).
final class SynthTests: XCTestCase {
    func generate(_ p: SynthParameters) -> [UInt8] {
        var g = SynthGenerator(p)
        var out: [UInt8] = []
        for _ in 0..<p.papers { g.appendPaper(to: &out) }
        return out
    }

    func parameters(seed: UInt64) -> SynthParameters {
        var p = SynthParameters()
        p.papers = 20_000
        p.authors = 11_000
        p.communities = 20
        p.seed = seed
        return p
    }

    func testSameSeedSameBytesOtherSeedOtherBytes() {
        let a = generate(parameters(seed: 7)), b = generate(parameters(seed: 7)), c = generate(parameters(seed: 8))
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(a.filter { $0 == 0x0A }.count, 20_000)
    }

    func testRecordsAndAuthorCountDistribution() throws {
        let p = parameters(seed: 1)
        let lines = String(decoding: generate(p), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, p.papers)
        var sizes: [Int] = []
        var within = 0, slots = 0
        let index = Dictionary(uniqueKeysWithValues: (0..<p.authors).map { (SynthGenerator.name($0), $0) })
        let g = SynthGenerator(p)
        var years = Set<Int>()
        for line in lines {
            let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let authors = try XCTUnwrap(o["authors"] as? [String])
            let year = try XCTUnwrap(o["year"] as? Int)
            XCTAssert((p.firstYear...p.lastYear).contains(year))
            years.insert(year)
            XCTAssertFalse((o["title"] as? String ?? "").isEmpty)
            XCTAssertEqual(Set(authors).count, authors.count, "authors of a paper are distinct")
            sizes.append(authors.count)
            // Authors of one paper mostly share a community (mixing 0.1): count slots in the modal one.
            let groups = authors.map { g.community(of: index[$0]!) }
            let modal = Dictionary(groups.map { ($0, 1) }, uniquingKeysWith: +).values.max()!
            within += modal
            slots += groups.count
        }
        let small = sizes.filter { (1...5).contains($0) }.count
        XCTAssertGreaterThan(Double(small) / Double(sizes.count), 0.8, "most papers have 1–5 authors")
        XCTAssertGreaterThan(sizes.filter { $0 == 1 }.count, 0)
        XCTAssertGreaterThan(sizes.max()!, 30, "a heavy tail of large teams")
        XCTAssertLessThanOrEqual(sizes.max()!, p.maxTeam)
        let share = Double(within) / Double(slots)
        XCTAssertGreaterThan(share, 0.85, "planted communities")
        XCTAssertLessThan(share, 0.999, "some cross-group collaboration")
        XCTAssertGreaterThan(years.count, 20)
    }

    func testNamesAreDistinct() {
        let names = (0..<200_000).map { SynthGenerator.name($0).lowercased() }
        XCTAssertEqual(Set(names).count, names.count)
    }
}
