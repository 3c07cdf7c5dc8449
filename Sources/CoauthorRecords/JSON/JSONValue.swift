import CoauthorModel

/// A JSON value (RFC 8259) as parsed by `JSONParser`.
///
/// Numbers without a fraction or exponent that fit in an `Int` stay exact as `.integer`; every
/// other number is a `.number(Double)`. Object members keep their document order.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member of an object (the last one when a key repeats); nil for other values.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The element of an array; nil for other values or an index out of range.
    public subscript(index: Int) -> JSONValue? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }

    public var isNull: Bool { if case .null = self { return true }; return false }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }

    /// Any number as a `Double`.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// An integer, or a `Double` that holds a whole number representable as `Int`.
    public var intValue: Int? {
        switch self {
        case .integer(let i): return i
        case .number(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// The kind of value, for messages: `null`, `a boolean`, `a number`, `a string`, `an array`, `an object`.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// The members of a JSON object in document order, with lookup by key.
///
/// Lookup is a linear scan (objects in bibliographic records are small); when a key repeats,
/// the last member wins, as in JavaScript.
public struct JSONObject: Sendable, RandomAccessCollection {
    public typealias Member = (key: String, value: JSONValue)
    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public var startIndex: Int { members.startIndex }
    public var endIndex: Int { members.endIndex }
    public subscript(position: Int) -> Member { members[position] }

    /// The value of the last member named `key`, or nil.
    public subscript(key: String) -> JSONValue? {
        var i = members.count - 1
        while i >= 0 {
            if members[i].key == key { return members[i].value }
            i -= 1
        }
        return nil
    }

    public var keys: [String] { members.map(\.key) }
}

extension JSONObject: Equatable {
    /// Same members in the same order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        for (x, y) in zip(a.members, b.members) where x.key != y.key || x.value != y.value { return false }
        return true
    }
}

extension JSONValue: Equatable {
    /// Structural equality; numbers compare by value (`.integer(1) == .number(1.0)`).
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.integer(x), .number(y)), let (.number(y), .integer(x)): return Int(exactly: y) == x
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x == y
        default: return false
        }
    }
}

extension JSONValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
                     ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// An object with the members in the order written.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text (non-finite numbers, which JSON cannot express, are written as `null`).
    public var description: String {
        var out = ""
        JSONValue.write(self, to: &out)
        return out
    }

    static func write(_ v: JSONValue, to out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): writeString(s, to: &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                write(e, to: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, m) in o.members.enumerated() {
                if i > 0 { out += "," }
                writeString(m.key, to: &out)
                out += ":"
                write(m.value, to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}

// MARK: - Parser

/// Why a JSON text could not be parsed, and where (a byte offset from the start of the input).
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The text breaks the grammar (or is not UTF-8) at `offset`.
        case syntax
        /// The input ends before the value is complete: the document was probably cut off.
        /// `offset` is the length of the input.
        case endOfInput
        /// Arrays and objects nest deeper than the parser's `maxDepth`.
        case tooDeep
    }
    public var kind: Kind
    public var offset: Int
    public var message: String

    public init(_ kind: Kind, offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    /// True when the input ended too early (a truncated document).
    public var isEndOfInput: Bool { kind == .endOfInput }

    public var description: String { "offset \(offset): \(message)" }
}

/// A strict RFC 8259 parser working on UTF-8 bytes.
///
/// - Any value may be the top level; white space around it is allowed, anything else is an error.
/// - Rejected: trailing commas, leading zeros, `NaN`/`Infinity`, numbers out of `Double` range,
///   unescaped control characters in strings, lone UTF-16 surrogates in `\u` escapes, invalid UTF-8.
/// - Nesting is limited to `maxDepth` arrays/objects. The parser is iterative, so hostile input
///   cannot overflow the stack, and the limit keeps the resulting value cheap to destroy.
///
/// Keep one parser and call `parse` repeatedly (as the JSON Lines reader does) to reuse its
/// internal buffers.
public struct JSONParser {
    public static let defaultMaxDepth = 512

    /// The deepest nesting of arrays and objects accepted.
    public var maxDepth: Int

    /// An open array or object; its finished children wait on the shared `values`/`members`
    /// stacks from `start` on, and move into an exactly sized array when it closes.
    private struct Frame {
        var isObject: Bool
        var start: Int
        var key: String = ""
    }

    private var stack: [Frame] = []
    private var values: [JSONValue] = []
    private var members: [JSONObject.Member] = []
    private var scratch: [UInt8] = []
    private var buf = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var pos = 0
    private var end = 0

    public init(maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.maxDepth = maxDepth
    }

    /// Parses one JSON text; error offsets count from the start of `buffer`.
    public mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        buf = buffer
        pos = 0
        end = buffer.count
        defer {
            buf = UnsafeBufferPointer(start: nil, count: 0)
            stack.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            members.removeAll(keepingCapacity: true)
        }
        return try parseDocument()
    }

    /// Parses one JSON text; error offsets count from the start of `bytes`.
    public mutating func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        let r: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { p in
            do throws(JSONError) { return .success(try parse(p)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Parses one JSON text; error offsets count from the start of the slice.
    public mutating func parse(_ bytes: ArraySlice<UInt8>) throws(JSONError) -> JSONValue {
        let r: Result<JSONValue, JSONError> = bytes.withUnsafeBufferPointer { p in
            do throws(JSONError) { return .success(try parse(p)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Parses one JSON text with a fresh parser.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var p = JSONParser(maxDepth: maxDepth)
        return try p.parse(bytes)
    }

    /// Parses one JSON text with a fresh parser; error offsets are UTF-8 byte offsets.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONError) -> JSONValue {
        var p = JSONParser(maxDepth: maxDepth)
        return try p.parse(Array(text.utf8))
    }

    // MARK: Grammar

    private mutating func parseDocument() throws(JSONError) -> JSONValue {
        var value: JSONValue
        var afterComma = false
        nextValue: while true {
            skipWhitespace()
            guard pos < end else { throw endOfInput(expected: "a value") }
            let c = buf[pos]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                // An object or an array: empty, or a frame whose members or elements follow.
                let isObject = c == UInt8(ascii: "{")
                guard stack.count < maxDepth else { throw tooDeep() }
                pos += 1
                skipWhitespace()
                if pos < end, buf[pos] == c &+ 2 {   // `}` and `]` are 2 after `{` and `[`
                    pos += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    if isObject {
                        let key = try parseKey(afterComma: false)
                        stack.append(Frame(isObject: true, start: members.count, key: key))
                    } else {
                        stack.append(Frame(isObject: false, start: values.count))
                    }
                    afterComma = false
                    continue nextValue
                }
            case UInt8(ascii: "\""):
                pos += 1
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try literal("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            case UInt8(ascii: "]") where afterComma:
                throw syntax("trailing comma before ']'")
            default:
                throw syntax("expected a value, found \(describe(c))")
            }
            afterComma = false
            // Attach the finished value to the open containers, closing those that end here.
            while true {
                let top = stack.count - 1
                guard top >= 0 else {
                    skipWhitespace()
                    if pos < end { throw syntax("unexpected \(describe(buf[pos])) after the JSON value") }
                    return value
                }
                skipWhitespace()
                if stack[top].isObject {
                    members.append((key: stack[top].key, value: value))
                    guard pos < end else { throw endOfInput(expected: "',' or '}'") }
                    let c = buf[pos]
                    if c == UInt8(ascii: ",") {
                        pos += 1
                        skipWhitespace()
                        stack[top].key = try parseKey(afterComma: true)
                        continue nextValue
                    }
                    if c == UInt8(ascii: "}") {
                        pos += 1
                        let start = stack.removeLast().start
                        value = .object(JSONObject(Array(members[start...])))
                        members.removeSubrange(start...)
                        continue
                    }
                    throw syntax("expected ',' or '}', found \(describe(c))")
                } else {
                    values.append(value)
                    guard pos < end else { throw endOfInput(expected: "',' or ']'") }
                    let c = buf[pos]
                    if c == UInt8(ascii: ",") {
                        pos += 1
                        afterComma = true
                        continue nextValue
                    }
                    if c == UInt8(ascii: "]") {
                        pos += 1
                        let start = stack.removeLast().start
                        value = .array(Array(values[start...]))
                        values.removeSubrange(start...)
                        continue
                    }
                    throw syntax("expected ',' or ']', found \(describe(c))")
                }
            }
        }
    }

    /// `"key"` then `:`; `pos` is at the first non-blank byte after `{` or `,`.
    private mutating func parseKey(afterComma: Bool) throws(JSONError) -> String {
        guard pos < end else { throw endOfInput(expected: "a string key") }
        let c = buf[pos]
        guard c == UInt8(ascii: "\"") else {
            if afterComma && c == UInt8(ascii: "}") { throw syntax("trailing comma before '}'") }
            throw syntax("expected a string key, found \(describe(c))")
        }
        pos += 1
        let key = try parseString()
        skipWhitespace()
        guard pos < end else { throw endOfInput(expected: "':'") }
        guard buf[pos] == UInt8(ascii: ":") else { throw syntax("expected ':' after the key, found \(describe(buf[pos]))") }
        pos += 1
        return key
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < end {
            let c = buf[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        var i = 0
        while i < n {
            guard pos + i < end else { throw JSONError(.endOfInput, offset: end, "unexpected end of input in '\(word)'") }
            guard buf[pos + i] == w[i] else {
                throw JSONError(.syntax, offset: pos, "invalid literal (expected '\(word)')")
            }
            i += 1
        }
        pos += n
    }

    // MARK: Strings

    /// A string body; `pos` is just after the opening quote, and ends just after the closing one.
    private mutating func parseString() throws(JSONError) -> String {
        let start = pos
        while pos < end {
            let c = buf[pos]
            if c >= 0x20 && c < 0x80 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                pos += 1
                continue
            }
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if c < 0x20 { throw controlCharacter(c) }
            try skipUTF8Sequence()
        }
        throw JSONError(.endOfInput, offset: end, "unterminated string")
    }

    /// The slow path: the string holds escapes, so it is assembled in `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(JSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<pos]))
        while pos < end {
            let c = buf[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                try appendEscape()
                continue
            }
            // A run of plain bytes.
            let runStart = pos
            while pos < end {
                let b = buf[pos]
                if b >= 0x20 && b < 0x80 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") {
                    pos += 1
                } else if b >= 0x80 {
                    try skipUTF8Sequence()
                } else {
                    break
                }
            }
            if pos > runStart {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<pos]))
            } else if c < 0x20 {
                throw controlCharacter(c)
            }
        }
        throw JSONError(.endOfInput, offset: end, "unterminated string")
    }

    /// One escape sequence; `pos` is at the backslash.
    private mutating func appendEscape() throws(JSONError) {
        let at = pos
        guard pos + 1 < end else { throw JSONError(.endOfInput, offset: end, "unterminated string") }
        let e = buf[pos + 1]
        pos += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4(escapeAt: at)
            if code >= 0xDC00 && code <= 0xDFFF {
                throw JSONError(.syntax, offset: at, "lone low surrogate \\u\(hexString(code)) in string")
            }
            if code >= 0xD800 && code <= 0xDBFF {
                // Must be followed by an escaped low surrogate.
                guard pos < end else { throw JSONError(.endOfInput, offset: end, "unterminated string") }
                if buf[pos] == UInt8(ascii: "\\") && pos + 1 == end {
                    throw JSONError(.endOfInput, offset: end, "unterminated string")
                }
                guard buf[pos] == UInt8(ascii: "\\"), buf[pos + 1] == UInt8(ascii: "u") else {
                    throw JSONError(.syntax, offset: at, "lone high surrogate \\u\(hexString(code)) in string")
                }
                let lowAt = pos
                pos += 2
                let low = try hex4(escapeAt: lowAt)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONError(.syntax, offset: at, "lone high surrogate \\u\(hexString(code)) in string")
                }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            scratch.appendUTF8(code)
        default:
            throw JSONError(.syntax, offset: at, "invalid escape '\\\(describeRaw(e))' in string")
        }
    }

    /// Four hex digits at `pos` (after `\u`).
    private mutating func hex4(escapeAt: Int) throws(JSONError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw JSONError(.endOfInput, offset: end, "unterminated string") }
            let c = buf[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw JSONError(.syntax, offset: escapeAt, "invalid \\u escape: expected four hex digits")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// Checks the multi-byte UTF-8 sequence at `pos` (a byte ≥ 0x80) and steps over it.
    private mutating func skipUTF8Sequence() throws(JSONError) {
        let c = buf[pos]
        let len: Int
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF   // allowed range of the second byte
        switch c {
        case 0xC2...0xDF: len = 2
        case 0xE0: len = 3; lo = 0xA0
        case 0xED: len = 3; hi = 0x9F
        case 0xE1...0xEF: len = 3
        case 0xF0: len = 4; lo = 0x90
        case 0xF4: len = 4; hi = 0x8F
        case 0xF1...0xF3: len = 4
        default: throw JSONError(.syntax, offset: pos, "invalid UTF-8 byte 0x\(hexString(UInt32(c), width: 2))")
        }
        guard pos + len <= end else {
            // Cut off inside a character: the input ends in the middle of this string.
            throw JSONError(.endOfInput, offset: end, "unterminated string")
        }
        let c1 = buf[pos + 1]
        guard c1 >= lo && c1 <= hi else {
            throw JSONError(.syntax, offset: pos, "invalid UTF-8 sequence")
        }
        var k = 2
        while k < len {
            guard buf[pos + k] & 0xC0 == 0x80 else { throw JSONError(.syntax, offset: pos, "invalid UTF-8 sequence") }
            k += 1
        }
        pos += len
    }

    // MARK: Numbers

    private static let exactPowersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private mutating func parseNumber() throws(JSONError) -> JSONValue {
        let start = pos
        var negative = false
        if buf[pos] == UInt8(ascii: "-") {
            negative = true
            pos += 1
        }
        guard pos < end else { throw JSONError(.endOfInput, offset: end, "unexpected end of input in a number") }
        // Integer part.
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated in `mantissa`
        var dropped = 0         // integer digits that did not fit (each one scales by 10)
        var c = buf[pos]
        if c == UInt8(ascii: "0") {
            pos += 1
            if pos < end, isDigit(buf[pos]) { throw JSONError(.syntax, offset: start, "leading zeros are not allowed in numbers") }
        } else if isDigit(c) {
            dropped = digitRun(&mantissa, &digits).dropped
        } else {
            throw JSONError(.syntax, offset: pos, "expected a digit after '-', found \(describe(c))")
        }
        var exponent = dropped
        var isInteger = true
        // Fraction.
        if pos < end, buf[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < end else { throw JSONError(.endOfInput, offset: end, "unexpected end of input in a number") }
            guard isDigit(buf[pos]) else { throw JSONError(.syntax, offset: pos, "expected a digit after '.', found \(describe(buf[pos]))") }
            exponent -= digitRun(&mantissa, &digits).kept
        }
        // Exponent.
        if pos < end, buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            guard pos < end else { throw JSONError(.endOfInput, offset: end, "unexpected end of input in a number") }
            var expNegative = false
            if buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-") {
                expNegative = buf[pos] == UInt8(ascii: "-")
                pos += 1
                guard pos < end else { throw JSONError(.endOfInput, offset: end, "unexpected end of input in a number") }
            }
            guard isDigit(buf[pos]) else { throw JSONError(.syntax, offset: pos, "expected a digit in the exponent, found \(describe(buf[pos]))") }
            var e = 0
            while pos < end {
                c = buf[pos]
                guard isDigit(c) else { break }
                if e < 100_000 { e = e * 10 + Int(c &- 0x30) }   // beyond that it is ±∞ or 0 anyway
                pos += 1
            }
            exponent += expNegative ? -e : e
        }
        if isInteger && dropped == 0 {
            // Exact integer when it fits in Int; "-0" stays a Double so its sign survives.
            if negative {
                if mantissa != 0 && mantissa <= UInt64(Int.max) + 1 {
                    return .integer(mantissa == UInt64(Int.max) + 1 ? Int.min : -Int(mantissa))
                }
                if mantissa == 0 { return .number(-0.0) }
            } else if mantissa <= UInt64(Int.max) {
                return .integer(Int(mantissa))
            }
        }
        // Clinger's fast path: the mantissa and the power of ten are both exact doubles (a mantissa
        // below 2^53 has at most 16 digits, so no digit was dropped).
        if mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            var d = Double(mantissa)
            if exponent >= 0 { d *= JSONParser.exactPowersOf10[exponent] } else { d /= JSONParser.exactPowersOf10[-exponent] }
            return .number(negative ? -d : d)
        }
        if mantissa == 0 { return .number(negative ? -0.0 : 0.0) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw JSONError(.syntax, offset: start, "number \(text) is out of range")
        }
        return .number(d)
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Reads the run of digits at `pos` into `mantissa` while it has fewer than 19 significant
    /// digits (`digits`; leading zeros are not significant): how many digits went in (`kept`) and
    /// how many came after it was full (`dropped`).
    @inline(__always)
    private mutating func digitRun(_ mantissa: inout UInt64, _ digits: inout Int) -> (kept: Int, dropped: Int) {
        var kept = 0, dropped = 0
        while pos < end {
            let c = buf[pos]
            guard isDigit(c) else { break }
            if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                if mantissa != 0 { digits += 1 }
                kept += 1
            } else {
                dropped += 1
            }
            pos += 1
        }
        return (kept, dropped)
    }

    // MARK: Errors

    private func syntax(_ message: String) -> JSONError {
        JSONError(.syntax, offset: pos, message)
    }

    private func endOfInput(expected: String) -> JSONError {
        JSONError(.endOfInput, offset: end, "unexpected end of input (expected \(expected))")
    }

    private func tooDeep() -> JSONError {
        JSONError(.tooDeep, offset: pos, "arrays and objects nested deeper than \(maxDepth) levels")
    }

    private func controlCharacter(_ c: UInt8) -> JSONError {
        JSONError(.syntax, offset: pos, "unescaped control character U+\(hexString(UInt32(c))) in string")
    }

    private func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c <= 0x7E { return "'\(Character(Unicode.Scalar(c)))'" }
        if c < 0x80 { return "U+\(hexString(UInt32(c)))" }
        return "byte 0x\(hexString(UInt32(c), width: 2))"
    }

    private func describeRaw(_ c: UInt8) -> String {
        c >= 0x21 && c <= 0x7E ? String(Character(Unicode.Scalar(c))) : "U+" + hexString(UInt32(c))
    }

    private func hexString(_ v: UInt32, width: Int = 4) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return s.count < width ? String(repeating: "0", count: width - s.count) + s : s
    }
}

extension JSONParser {
    /// Parses a whole document as one JSON text.
    /// - Throws: `RecordError.truncated` when the input ends before the value is complete, else
    ///   `RecordError.malformed`, both located `FILE:LINE:COLUMN`.
    public static func parse(_ document: SourceDocument, maxDepth: Int = defaultMaxDepth) throws(RecordError) -> JSONValue {
        do {
            return try parse(document.bytes, maxDepth: maxDepth)
        } catch {
            let location = document.location(at: error.offset)
            if error.isEndOfInput { throw RecordError.truncated(location, error.message) }
            throw RecordError.malformed(location, "invalid JSON: " + error.message)
        }
    }
}
