import Foundation
import Testing
@testable import CoauthorRecords

/// The error `JSONParser` reports for a text, or nil when it parses.
private func parseError(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

private func parseError(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONTests {
    // MARK: Valid documents

    @Test func literalsAndTopLevelScalars() throws {
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse(" \t\r\n null \n") == .null)
        #expect(try JSONParser.parse("\"top\"") == .string("top"))
    }

    @Test func integersStayExact() throws {
        #expect(try JSONParser.parse("0") == .integer(0))
        #expect(try JSONParser.parse("123") == .integer(123))
        #expect(try JSONParser.parse("-45") == .integer(-45))
        // 2^53 + 1 cannot be a Double, but it is an exact Int.
        guard case .integer(let big) = try JSONParser.parse("9007199254740993") else {
            Issue.record("9007199254740993 should be an integer"); return
        }
        #expect(big == 9_007_199_254_740_993)
        guard case .integer(let max) = try JSONParser.parse("9223372036854775807"),
              case .integer(let min) = try JSONParser.parse("-9223372036854775808") else {
            Issue.record("Int.max/Int.min should be integers"); return
        }
        #expect(max == Int.max)
        #expect(min == Int.min)
        // One past Int.max no longer fits: it becomes a Double.
        guard case .number(let past) = try JSONParser.parse("9223372036854775808") else {
            Issue.record("Int.max + 1 should be a Double"); return
        }
        #expect(past == 9_223_372_036_854_775_808.0)
        guard case .number(let huge) = try JSONParser.parse("123456789012345678901234567890") else {
            Issue.record("a 30-digit integer should be a Double"); return
        }
        #expect(huge == 1.2345678901234568e29)
    }

    @Test func numbersWithFractionsAndExponents() throws {
        #expect(try JSONParser.parse("1.5") == .number(1.5))
        #expect(try JSONParser.parse("0.1") == .number(0.1))
        #expect(try JSONParser.parse("-2.5e-3") == .number(-0.0025))
        #expect(try JSONParser.parse("1e3") == .number(1000))
        #expect(try JSONParser.parse("1E+2") == .number(100))
        #expect(try JSONParser.parse("25e-1") == .number(2.5))
        #expect(try JSONParser.parse("0.30000000000000004") == .number(0.30000000000000004))
        #expect(try JSONParser.parse("3.141592653589793238462643383279") == .number(3.141592653589793))
        #expect(try JSONParser.parse("1.7976931348623157e308") == .number(Double.greatestFiniteMagnitude))
        #expect(try JSONParser.parse("5e-324") == .number(Double.leastNonzeroMagnitude))
        // 2^53 + 1 lies halfway between two doubles: it rounds to the even one, 2^53. (Rounding
        // the 17-digit mantissa first and then dividing by 10 would give 2^53 + 2.)
        #expect(try JSONParser.parse("9007199254740993.0") == .number(9_007_199_254_740_992))
        #expect(try JSONParser.parse("1e-400") == .number(0))
        #expect(try JSONParser.parse("0e999999999") == .number(0))
        // A number with a fraction is a Double even when it is whole; values compare numerically.
        guard case .number(let whole) = try JSONParser.parse("2016.0") else {
            Issue.record("2016.0 should be a Double"); return
        }
        #expect(whole == 2016)
        #expect(JSONValue.number(2016) == .integer(2016))
        #expect(JSONValue.number(2016.5) != .integer(2016))
        #expect(JSONValue.number(2016).intValue == 2016)
        #expect(JSONValue.number(2016.5).intValue == nil)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        guard case .number(let z) = try JSONParser.parse("-0") else {
            Issue.record("-0 should be a Double"); return
        }
        #expect(z == 0 && z.sign == .minus)
        guard case .number(let z2) = try JSONParser.parse("-0.0e5") else {
            Issue.record("-0.0e5 should be a Double"); return
        }
        #expect(z2 == 0 && z2.sign == .minus)
    }

    @Test func stringEscapes() throws {
        #expect(try JSONParser.parse(#""""#) == .string(""))
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try JSONParser.parse(#""a\u0041b""#) == .string("aAb"))
        #expect(try JSONParser.parse(#""\u00e9\u00C9""#) == .string("éÉ"))
        #expect(try JSONParser.parse(#""\u20AC""#) == .string("€"))
        #expect(try JSONParser.parse(#""\u0000""#) == .string("\u{0}"))
        // Raw UTF-8 passes through, also next to escapes.
        #expect(try JSONParser.parse(#""Jürgen Müller""#) == .string("Jürgen Müller"))
        #expect(try JSONParser.parse(#""Müller\tÅngström""#) == .string("Müller\tÅngström"))
    }

    @Test func surrogatePairsDecodeToOneScalar() throws {
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("\u{1F600}"))
        // U+10000 and U+10FFFF, the ends of the supplementary planes.
        #expect(try JSONParser.parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
        #expect(try JSONParser.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try JSONParser.parse(#""x\uD834\uDD1Ey""#) == .string("x𝄞y"))
    }

    @Test func arraysAndObjects() throws {
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object(JSONObject()))
        #expect(try JSONParser.parse(" [ 1 , \"a\" , null , true , [ false ] , { \"k\" : { } } ] ") ==
                [1, "a", .null, true, [false], ["k": .object(JSONObject())]])
        let v = try JSONParser.parse(#"{"id": "conf/x/A16", "year": 2016, "authors": ["A", "B"]}"#)
        #expect(v["id"] == "conf/x/A16")
        #expect(v["year"]?.intValue == 2016)
        #expect(v["authors"]?[1] == "B")
        #expect(v["authors"]?[2] == nil)
        #expect(v["missing"] == nil)
        #expect(v.objectValue?.keys == ["id", "year", "authors"])
    }

    @Test func objectMembersKeepDocumentOrderAndTheLastDuplicateWins() throws {
        let v = try JSONParser.parse(#"{"b": 1, "a": 2, "b": 3}"#)
        #expect(v.objectValue?.keys == ["b", "a", "b"])
        #expect(v["b"] == .integer(3))
        // Order matters for equality.
        #expect(try JSONParser.parse(#"{"x":1,"y":2}"#) == ["x": 1, "y": 2])
        #expect(try JSONParser.parse(#"{"x":1,"y":2}"#) != ["y": 2, "x": 1])
    }

    @Test func descriptionIsCompactJSON() throws {
        let v: JSONValue = ["a": [1, 2.5, "x\n\"q\"\u{1}"], "b": .null, "c": [:]]
        #expect(v.description == #"{"a":[1,2.5,"x\n\"q\"\u0001"],"b":null,"c":{}}"#)
        #expect(try JSONParser.parse(v.description) == v)
    }

    // MARK: Invalid documents

    @Test func trailingCommasAreRejected() {
        let a = parseError("[1,]")
        #expect(a?.kind == .syntax)
        #expect(a?.offset == 3)
        #expect(a?.message == "trailing comma before ']'")
        let o = parseError(#"{"a":1,}"#)
        #expect(o?.kind == .syntax)
        #expect(o?.offset == 7)
        #expect(o?.message == "trailing comma before '}'")
        #expect(parseError("[,1]")?.offset == 1)
        #expect(parseError("[1,,2]")?.offset == 3)
    }

    @Test func missingSeparatorsNameWhatWasExpected() {
        let a = parseError("[1 2]")
        #expect(a?.offset == 3)
        #expect(a?.message == "expected ',' or ']', found '2'")
        let o = parseError(#"{"a":1 "b":2}"#)
        #expect(o?.offset == 7)
        #expect(o?.message == #"expected ',' or '}', found '"'"#)
        let colon = parseError(#"{"a" 1}"#)
        #expect(colon?.offset == 5)
        #expect(colon?.message == "expected ':' after the key, found '1'")
        let key = parseError("{1:2}")
        #expect(key?.offset == 1)
        #expect(key?.message == "expected a string key, found '1'")
        let extra = parseError("[1] x")
        #expect(extra?.offset == 4)
        #expect(extra?.message == "unexpected 'x' after the JSON value")
        #expect(parseError("{} {}")?.offset == 3)
    }

    @Test func badNumbersAreRejected() {
        for (text, offset) in [("01", 0), ("-01", 0), ("00", 0), ("NaN", 0), ("Infinity", 0), ("-Infinity", 1),
                               ("+1", 0), (".5", 0), ("1.e3", 2), ("1.5e+x", 5), ("0x10", 1), ("1e400", 0),
                               ("-1e400", 0), ("[1, -]", 5)] {
            let e = parseError(text)
            #expect(e?.kind == .syntax, "\(text)")
            #expect(e?.offset == offset, "\(text)")
        }
        #expect(parseError("01")?.message == "leading zeros are not allowed in numbers")
        #expect(parseError("1e400")?.message == "number 1e400 is out of range")
    }

    @Test func badLiteralsAreRejected() {
        #expect(parseError("trux")?.kind == .syntax)
        #expect(parseError("trux")?.offset == 0)
        #expect(parseError("nul1")?.offset == 0)
        #expect(parseError("True")?.offset == 0)
        #expect(parseError("'a'")?.message == "expected a value, found '''")
    }

    @Test func badStringsAreRejected() {
        // Lone surrogates (the offset is the backslash of the escape at fault).
        let high = parseError(#""\uD83D""#)
        #expect(high?.kind == .syntax)
        #expect(high?.offset == 1)
        #expect(high?.message == #"lone high surrogate \uD83D in string"#)
        #expect(parseError(#""ab\uD83Dx""#)?.offset == 3)
        #expect(parseError(#""\uD83D\u0041""#)?.message == #"lone high surrogate \uD83D in string"#)
        #expect(parseError(#""\uD83D\uD83D""#)?.kind == .syntax)
        let low = parseError(#""x\uDE00""#)
        #expect(low?.offset == 2)
        #expect(low?.message == #"lone low surrogate \uDE00 in string"#)
        // Bad escapes.
        #expect(parseError(#""\x""#)?.message == #"invalid escape '\x' in string"#)
        #expect(parseError(#""\U0041""#)?.offset == 1)
        #expect(parseError(#""\u12G4""#)?.message == #"invalid \u escape: expected four hex digits"#)
        // Unescaped control characters, including tab and line feed.
        let tab = parseError("\"a\tb\"")
        #expect(tab?.offset == 2)
        #expect(tab?.message == "unescaped control character U+0009 in string")
        #expect(parseError("[\"line\nbreak\"]")?.offset == 6)
        #expect(parseError("\"\\n ok then \u{1F} not\"")?.offset == 12)
        // DEL (U+007F) is not a control character for JSON.
        #expect(parseError("\"\u{7F}\"") == nil)
    }

    @Test func invalidUTF8IsRejected() throws {
        let q: UInt8 = 0x22
        #expect(parseError([q, 0xFF, q])?.offset == 1)
        #expect(parseError([q, 0x41, 0x80, q])?.offset == 2)           // stray continuation byte
        #expect(parseError([q, 0xC0, 0x80, q])?.offset == 1)           // overlong NUL
        #expect(parseError([q, 0xE0, 0x80, 0x80, q])?.offset == 1)     // overlong 3-byte
        #expect(parseError([q, 0xED, 0xA0, 0x80, q])?.offset == 1)     // UTF-8-encoded surrogate
        #expect(parseError([q, 0xF4, 0x90, 0x80, 0x80, q])?.offset == 1) // above U+10FFFF
        #expect(parseError([q, 0xC3, 0x41, q])?.offset == 1)           // missing continuation
        #expect(parseError([0xC3, 0xA9])?.message == "expected a value, found byte 0xC3")
        // Valid 2-, 3- and 4-byte sequences.
        #expect(try JSONParser.parse([q, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, q]) == .string("é€😀"))
    }

    // MARK: Truncation

    @Test func truncatedDocumentsReportTheEndOfInput() {
        let doc = #"{"id": "x", "authors": ["A", "B""#
        let e = parseError(doc)
        #expect(e?.kind == .endOfInput)
        #expect(e?.isEndOfInput == true)
        #expect(e?.offset == 32)
        #expect(e?.message == "unexpected end of input (expected ',' or ']')")

        let inString = parseError(#"{"title": "Deep lear"#)
        #expect(inString?.kind == .endOfInput)
        #expect(inString?.offset == 20)
        #expect(inString?.message == "unterminated string")

        for text in ["", "   ", "[", "{", #"{"a""#, #"{"a":"#, #"{"a":1"#, #"{"a":1,"#, "[1,", "tru", "-", "1.", "1e",
                     "1e-", #""abc"#, #""a\"#, #""\u00"#, #""\uD83D"#, #""\uD83D\"#] {
            let err = parseError(text)
            #expect(err?.kind == .endOfInput, "\(text)")
            #expect(err?.offset == text.utf8.count, "\(text)")
        }
        // Cut inside a multi-byte character.
        let cut = parseError([0x22, 0x4D, 0xC3])
        #expect(cut?.kind == .endOfInput)
        #expect(cut?.offset == 3)
        #expect(parseError("")?.message == "unexpected end of input (expected a value)")
    }

    // MARK: Nesting

    @Test func nestingBombErrorsInsteadOfCrashing() {
        let bomb = String(repeating: "[", count: 100_000)
        let e = parseError(bomb)
        #expect(e?.kind == .tooDeep)
        #expect(e?.offset == 512)          // the 513th '['
        #expect(e?.message == "arrays and objects nested deeper than 512 levels")
        let closed = parseError(bomb + String(repeating: "]", count: 100_000))
        #expect(closed?.kind == .tooDeep)
        let objects = parseError(String(repeating: #"{"a":"#, count: 100_000))
        #expect(objects?.kind == .tooDeep)
        #expect(objects?.offset == 512 * 5)
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        var v = try JSONParser.parse(ok)
        var depth = 0
        while case .array(let a) = v, let first = a.first { v = first; depth += 1 }
        #expect(depth == 511)   // the innermost array is empty
        let over = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(parseError(over)?.kind == .tooDeep)
        // A custom limit; an empty container counts as a level too.
        #expect(parseError("[[1]]", maxDepth: 1)?.offset == 1)
        #expect(parseError("[{}]", maxDepth: 1)?.kind == .tooDeep)
        #expect(parseError("[[1]]", maxDepth: 2) == nil)
    }

    // MARK: Documents

    @Test func documentErrorsAreLocatedAndTruncationIsItsOwnError() throws {
        let good = SourceDocument(name: "w.json", text: "[\n  {\"a\": 1}\n]\n")
        #expect(try JSONParser.parse(good) == [["a": 1]])
        let cut = SourceDocument(name: "w.json", text: "[\n  {\"title\": \"Müller")
        #expect(throws: RecordError.truncated(SourceLocation(file: "w.json", line: 2, column: 20), "unterminated string")) {
            try JSONParser.parse(cut)
        }
        let bad = SourceDocument(name: "w.json", text: "[\n  {\"a\": 1,}\n]")
        #expect(throws: RecordError.malformed(SourceLocation(file: "w.json", line: 2, column: 11),
                                              "invalid JSON: trailing comma before '}'")) {
            try JSONParser.parse(bad)
        }
    }

    // MARK: Parser reuse and slices

    @Test func aParserCanBeReusedAfterAnError() throws {
        var p = JSONParser()
        #expect(throws: JSONError.self) { try p.parse(Array(#"{"a": [1, 2"#.utf8)) }
        #expect(try p.parse(Array(#"{"b": [3]}"#.utf8)) == ["b": [3]])
        #expect(throws: JSONError.self) { try p.parse(Array("[[[[".utf8)) }
        #expect(try p.parse(Array("[true]".utf8)) == [true])
    }

    @Test func offsetsCountFromTheStartOfASlice() {
        let bytes = Array("xxxx[1,]".utf8)
        var p = JSONParser()
        do {
            _ = try p.parse(bytes[4...])
            Issue.record("should fail")
        } catch {
            #expect(error.offset == 3)
        }
    }
}

/// `SourceDocument.firstInvalidUTF8` (which skips ASCII eight bytes at a time) against Swift's own
/// UTF-8 validation, and against a byte-at-a-time scan for where the first bad byte is, on random
/// inputs that mix ASCII runs (across word boundaries) with valid and broken multi-byte sequences.
@Suite struct UTF8ValidationTests {
    /// The offset of the first byte that breaks UTF-8: a plain scan, one sequence at a time.
    static func reference(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let prefix = Array(b[i...].prefix(4))
            var taken = 0
            for len in 1...min(4, prefix.count) where String(validating: prefix[0..<len], as: UTF8.self) != nil {
                taken = len
                break
            }
            if taken == 0 { return i }
            i += taken
        }
        return nil
    }

    @Test func agreesWithReference() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let pieces: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0x80],
                                 [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0xE2, 0x82]]
        var invalid = 0
        for _ in 0..<4000 {
            var b: [UInt8] = []
            for _ in 0..<next(6) {
                b += (0..<next(20)).map { _ in UInt8(0x20 + next(0x5F)) }
                if next(3) > 0 { b += pieces[next(next(4) == 0 ? pieces.count : 3)] }
            }
            let got = SourceDocument.firstInvalidUTF8(b)
            #expect(got == Self.reference(b), "\(b)")
            #expect((got == nil) == (String(validating: b, as: UTF8.self) != nil), "\(b)")
            if got != nil { invalid += 1 }
        }
        #expect(invalid > 500 && invalid < 3500)   // both kinds of input were made
    }

    /// From 32 MiB the check runs as two pieces on two threads; it finds the offset a single scan
    /// finds, with multi-byte characters and bad bytes around the middle and in either half.
    @Test func twoPiecesAsOneScan() {
        let n = (1 << 25) + 1001
        let mid = n / 2
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        var cases: [[(Int, [UInt8])]] = [[]]
        for at in [mid - 2, mid - 1, mid, mid + 1] { cases.append([(at, euro)]) }   // a character across the middle
        cases.append([(mid - 1, euro), (mid + 7, [0xFF])])                          // a bad byte in the second half
        cases.append([(100, [0xC3]), (mid + 7, [0xFF])])                           // a truncated sequence in the first
        cases.append([(mid - 1, [0xE2, 0x82])])                                    // truncated at the middle
        cases.append([(mid, [0x80, 0x80, 0x80])])                                  // stray continuation bytes there
        for edits in cases {
            var b = [UInt8](repeating: 0x61, count: n)
            for (at, bytes) in edits { for (k, x) in bytes.enumerated() { b[at + k] = x } }
            let single = b.withUnsafeBufferPointer { SourceDocument.firstInvalidUTF8($0) }
            #expect(SourceDocument.firstInvalidUTF8(b) == single, "\(edits)")
            let broken = edits.contains { $0.1 != euro }
            #expect((single != nil) == broken, "\(edits)")
        }
    }
}

/// `SourceDocument.readFile` (fresh capacity filled by `read`; from 32 MiB on two halves by `pread`
/// on two threads) gives back every byte of the file, in order, for sizes around the thresholds.
@Suite struct ReadFileTests {
    @Test func everyByteInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-readfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var state: UInt64 = 7
        for size in [0, 1, 4095, 4097, (1 << 25) - 1, 1 << 25, (1 << 25) + 12_345] {
            var bytes = [UInt8](repeating: 0, count: size)
            for i in bytes.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes[i] = UInt8(truncatingIfNeeded: state >> 56)
            }
            let url = dir.appendingPathComponent("f\(size)")
            try Data(bytes).write(to: url)
            let fd = open(url.path, O_RDONLY)
            defer { close(fd) }
            let read = SourceDocument.readFile(fd, limit: Int.max)
            #expect(read?.count == size, "size \(size)")
            #expect(read == bytes, "size \(size)")
        }
        #expect(throws: RecordError.unreadable(path: dir.appendingPathComponent("missing").path, reason: "no such file or directory")) {
            try InputFile(path: dir.appendingPathComponent("missing").path)
        }
    }
}
