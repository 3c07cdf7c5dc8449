/// A quick look at the shape of a JSON text without building its values: which members the top
/// object has (or the first element of a top array), the first element of each array member, short
/// string members, and where the first value ends.
///
/// It is what the JSON readers' sniffs use to tell an OpenAlex work from a Semantic Scholar paper or
/// a CSL item (`.json` says nothing), and what gives their records a line: the offsets of the
/// elements of an array member. Values are skipped by counting brackets outside strings, so it
/// neither allocates per value nor validates; a text that ends early or breaks the grammar gives
/// what was seen up to there (`complete` false), and the readers' strict `JSONParser` says exactly
/// what is wrong.
struct JSONOutline {
    enum Kind: Equatable { case object, array, scalar, empty }

    var kind: Kind = .empty
    /// The members of the top object, or of the first element of a top array (when it is an object).
    var keys: [String] = []
    /// The string values (up to 512 bytes) among those members.
    var strings: [String: String] = [:]
    /// For a top object's members that are arrays whose first element is an object: that
    /// element's member names and short strings.
    var firstElement: [String: (keys: [String], strings: [String: String])] = [:]
    /// The top array has no elements.
    var isEmptyArray = false
    /// The first value ended normally (false: the text ends early or is not JSON).
    var complete = false
    /// Offset just after the first value.
    var end = 0
    /// Non-white-space text follows the first value (JSON Lines, or junk).
    var moreFollows = false

    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { self = JSONOutline($0) }
    }

    init(_ buf: UnsafeBufferPointer<UInt8>) {
        var s = Scanner(buf: buf)
        var i = s.ws(0)
        guard i < buf.count else { return }
        switch buf[i] {
        case UInt8(ascii: "{"):
            kind = .object
            guard let r = s.object(at: i, nested: true) else { fill(s.partial); return }
            fill(r)
            i = r.end
        case UInt8(ascii: "["):
            kind = .array
            let j = s.ws(i + 1)
            if j < buf.count, buf[j] == UInt8(ascii: "]") { isEmptyArray = true }
            if j < buf.count, buf[j] == UInt8(ascii: "{") {
                guard let r = s.object(at: j, nested: false) else { fill(s.partial); return }
                fill(r)
            }
            guard let e = s.skip(at: i) else { return }
            i = e
        default:
            kind = .scalar
            guard let e = s.skip(at: i) else { return }
            i = e
        }
        complete = true
        end = i
        moreFollows = s.ws(i) < buf.count
    }

    private mutating func fill(_ r: Scanner.ObjectOutline) {
        keys = r.keys
        strings = r.strings
        firstElement = r.firstElement
    }

    /// The first element of the array member `key`, when it is an object.
    func first(_ key: String) -> (keys: [String], strings: [String: String])? { firstElement[key] }

    /// `a JSON object with members "a", "b", …` / `a JSON array of …`, for messages.
    var description: String {
        func list(_ k: [String]) -> String {
            let shown = k.prefix(6).map { "\"\($0)\"" }.joined(separator: ", ")
            return k.count > 6 ? shown + ", …" : shown
        }
        switch kind {
        case .empty: return "an empty document"
        case .scalar: return "a JSON value that is neither an object nor an array"
        case .object: return keys.isEmpty ? "an empty JSON object" : "a JSON object with members \(list(keys))"
        case .array:
            if isEmptyArray { return "an empty JSON array" }
            return keys.isEmpty ? "a JSON array whose first element is not an object"
                : "a JSON array of objects with members \(list(keys))"
        }
    }

    /// The offsets where the elements of an array start: the top array (`member` nil) or the array
    /// value of the top object's member `member` (the last one when the name repeats). Empty when
    /// there is no such array.
    static func elementOffsets(_ buf: UnsafeBufferPointer<UInt8>, member: String?) -> [Int] {
        let s = Scanner(buf: buf)
        let i = s.ws(0)
        guard i < buf.count else { return [] }
        var arrayAt: Int?
        if let name = member {
            guard buf[i] == UInt8(ascii: "{") else { return [] }
            var j = s.ws(i + 1)
            while j < buf.count, buf[j] == UInt8(ascii: "\"") {
                guard let (key, afterKey) = s.string(at: j) else { return [] }
                j = s.ws(afterKey)
                guard j < buf.count, buf[j] == UInt8(ascii: ":") else { return [] }
                j = s.ws(j + 1)
                if key == name, j < buf.count, buf[j] == UInt8(ascii: "[") { arrayAt = j }
                guard let e = s.skip(at: j) else { break }
                j = s.ws(e)
                guard j < buf.count, buf[j] == UInt8(ascii: ",") else { break }
                j = s.ws(j + 1)
            }
        } else if buf[i] == UInt8(ascii: "[") {
            arrayAt = i
        }
        guard let a = arrayAt else { return [] }
        var out: [Int] = []
        var j = s.ws(a + 1)
        if j < buf.count, buf[j] == UInt8(ascii: "]") { return [] }
        while j < buf.count {
            out.append(j)
            guard let e = s.skip(at: j) else { break }
            j = s.ws(e)
            guard j < buf.count, buf[j] == UInt8(ascii: ",") else { break }
            j = s.ws(j + 1)
        }
        return out
    }

    /// The byte scanning: strings, skipping values, reading object members.
    struct Scanner {
        let buf: UnsafeBufferPointer<UInt8>
        /// What `object` had read when the text ended early.
        var partial = ObjectOutline()

        struct ObjectOutline {
            var keys: [String] = []
            var strings: [String: String] = [:]
            var firstElement: [String: (keys: [String], strings: [String: String])] = [:]
            var end = 0
        }

        @inline(__always) func ws(_ from: Int) -> Int {
            var i = from
            while i < buf.count {
                let c = buf[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
                i += 1
            }
            return i
        }

        /// Offset after the closing quote of the string opening at `at`; nil when it never closes.
        @inline(__always) func stringEnd(at: Int) -> Int? {
            var i = at + 1
            while i < buf.count {
                let c = buf[i]
                if c == UInt8(ascii: "\"") { return i + 1 }
                if c == UInt8(ascii: "\\") { i += 2; continue }
                i += 1
            }
            return nil
        }

        /// The string opening at `at`, decoded, and the offset after it.
        func string(at: Int) -> (String, Int)? {
            guard let e = stringEnd(at: at) else { return nil }
            let body = UnsafeBufferPointer(rebasing: buf[(at + 1)..<(e - 1)])
            if !body.contains(UInt8(ascii: "\\")) { return (String(decoding: body, as: UTF8.self), e) }
            var p = JSONParser(maxDepth: 1)
            guard case .string(let s)? = try? p.parse(UnsafeBufferPointer(rebasing: buf[at..<e])) else {
                return (String(decoding: body, as: UTF8.self), e)
            }
            return (s, e)
        }

        /// Offset after the value starting at `at`; nil when the text ends inside it.
        func skip(at: Int) -> Int? {
            guard at < buf.count else { return nil }
            let c = buf[at]
            if c == UInt8(ascii: "\"") { return stringEnd(at: at) }
            if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                var depth = 0
                var i = at
                while i < buf.count {
                    let b = buf[i]
                    if b == UInt8(ascii: "\"") {
                        guard let e = stringEnd(at: i) else { return nil }
                        i = e
                        continue
                    }
                    if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                        depth += 1
                    } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { return i + 1 }
                    }
                    i += 1
                }
                return nil
            }
            // A number or a literal: up to the next delimiter.
            var i = at
            while i < buf.count {
                let b = buf[i]
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]")
                    || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
                i += 1
            }
            return i
        }

        /// The members of the object opening at `at`; with `nested`, also the first element of its
        /// array members. Nil when the text ends or breaks off inside (what was read is in `partial`).
        mutating func object(at: Int, nested: Bool) -> ObjectOutline? {
            var r = ObjectOutline()
            var i = ws(at + 1)
            if i < buf.count, buf[i] == UInt8(ascii: "}") { r.end = i + 1; return r }
            while i < buf.count, buf[i] == UInt8(ascii: "\"") {
                guard let (key, afterKey) = string(at: i) else { break }
                r.keys.append(key)
                i = ws(afterKey)
                guard i < buf.count, buf[i] == UInt8(ascii: ":") else { break }
                i = ws(i + 1)
                guard i < buf.count else { break }
                let c = buf[i]
                if c == UInt8(ascii: "\""), let e = stringEnd(at: i), e - i <= 514, let (s, _) = string(at: i) {
                    r.strings[key] = s
                } else if nested, c == UInt8(ascii: "[") {
                    let j = ws(i + 1)
                    if j < buf.count, buf[j] == UInt8(ascii: "{") {
                        var inner = Scanner(buf: buf)
                        if let o = inner.object(at: j, nested: false) {
                            r.firstElement[key] = (o.keys, o.strings)
                        } else {
                            r.firstElement[key] = (inner.partial.keys, inner.partial.strings)
                        }
                    }
                }
                guard let e = skip(at: i) else { break }
                i = ws(e)
                guard i < buf.count else { break }
                if buf[i] == UInt8(ascii: "}") { r.end = i + 1; return r }
                guard buf[i] == UInt8(ascii: ",") else { break }
                i = ws(i + 1)
            }
            partial = r
            return nil
        }
    }
}
