/// Splits a personal name written as plain text into given and family parts.
///
/// Rules (used by every reader whose format does not split names itself):
/// - White space is collapsed; an empty name gives nil.
/// - A trailing four-digit token is DBLP's homonym suffix (`Wei Wang 0001`): it becomes the
///   persistent id `dblp:Wei Wang 0001` and is removed from the displayed name.
/// - With a comma: `Family, Given` or `Family, Jr, Given` (the Jr part is appended to the family).
/// - Without: the last token is the family name; lower-case tokens right before it are "von"
///   particles and belong to the family (`Ludwig van Beethoven` → family `van Beethoven`); a final
///   generational suffix (`Jr.`, `Sr.`, `II`, `III`, `IV`) joins the family too.
public enum NameParser {
    /// The rules above on any text (the reference implementation `parse` falls back to).
    static func parseGeneral(_ text: String) -> AuthorName? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        guard !tokens.isEmpty else { return nil }
        var ids: [PersistentID] = []
        if tokens.count >= 2, let last = tokens.last, isDBLPSuffix(last) {
            ids.append(PersistentID(.dblp, tokens.joined(separator: " ")))
            tokens.removeLast()
        }
        let clean = tokens.joined(separator: " ")
        if clean.utf8.contains(0x2C) {   // a comma (bytes: String.contains(String) goes through Foundation)
            let parts = clean.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingSpaces() }
            var family = parts[0]
            var given = parts.count >= 2 ? parts[parts.count - 1] : ""
            if parts.count >= 3 {
                let jr = parts[1...(parts.count - 2)].filter { !$0.isEmpty }.joined(separator: " ")
                if !jr.isEmpty { family += " " + jr }
            }
            if family.isEmpty { family = given; given = "" }
            return AuthorName(raw: clean, given: given.isEmpty ? nil : given, family: family, ids: ids)
        }
        if tokens.count == 1 { return AuthorName(raw: clean, given: nil, family: clean, ids: ids) }
        var familyStart = tokens.count - 1
        if tokens.count >= 3, isGenerationalSuffix(tokens[tokens.count - 1]) { familyStart -= 1 }
        while familyStart > 1, let f = tokens[familyStart - 1].unicodeScalars.first,
              f.properties.isLowercase {
            familyStart -= 1
        }
        let given = tokens[..<familyStart].joined(separator: " ")
        let family = tokens[familyStart...].joined(separator: " ")
        return AuthorName(raw: clean, given: given, family: family, ids: ids)
    }


    /// `parseGeneral(text)`, computed on the bytes when the name is simple.
    ///
    /// Reading names is most of the work on DBLP-sized inputs, and nearly all of them are simple:
    /// tokens separated by single spaces, no comma, no tab or line break, and every space between
    /// two ASCII bytes (so splitting bytes on spaces splits exactly where `parseGeneral` splits
    /// Characters, and the first byte of every token after the first is an ASCII letter whose case
    /// is what `parseGeneral` checks). Any other name goes to `parseGeneral`.
    /// `NameParserTests` holds the two together (and they agreed on all 8.2 M DBLP author strings).
    public static func parse(_ text: String) -> AuthorName? {
        let fast = text.utf8.withContiguousStorageIfAvailable { fastParse($0, text) } ?? .notSimple
        switch fast {
        case .parsed(let name): return name
        case .notSimple: return parseGeneral(text)
        }
    }

    enum FastName {
        case parsed(AuthorName)
        case notSimple
    }

    static func fastParse(_ b: UnsafeBufferPointer<UInt8>, _ text: String) -> FastName {
        let n = b.count
        guard n > 0, b[0] != 0x20, b[n - 1] != 0x20 else { return .notSimple }
        var spaces = 0
        var lastSpace = -1
        var i = 0
        while i < n {
            let c = b[i]
            if c == 0x20 {
                // Single spaces only, with ASCII on both sides.
                if b[i - 1] >= 0x80 || b[i + 1] >= 0x80 || b[i + 1] == 0x20 { return .notSimple }
                spaces += 1
                lastSpace = i
            } else if c == 0x2C || c == 0x09 || c == 0x0A || c == 0x0D {
                return .notSimple
            }
            i += 1
        }
        var tokens = spaces + 1
        var end = n
        var ids: [PersistentID] = []
        // DBLP's homonym number: `Wei Wang 0001`.
        if tokens >= 2, n - lastSpace - 1 == 4,
           b[lastSpace + 1] &- 0x30 < 10, b[lastSpace + 2] &- 0x30 < 10,
           b[lastSpace + 3] &- 0x30 < 10, b[lastSpace + 4] &- 0x30 < 10 {
            ids.append(PersistentID(.dblp, text))
            end = lastSpace
            tokens -= 1
        }
        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[from..<to]), as: UTF8.self)
        }
        let clean = end == n ? text : string(0, end)
        if tokens == 1 { return .parsed(AuthorName(raw: clean, given: nil, family: clean, ids: ids)) }
        /// The start of the token before the one starting at `start`.
        func previousToken(_ start: Int) -> Int {
            var j = start - 2
            while j >= 0, b[j] != 0x20 { j -= 1 }
            return j + 1
        }
        var familyIndex = tokens - 1                       // token index where the family starts
        var familyStart = previousToken(end + 1)           // its byte offset
        if tokens >= 3 {
            let last = UnsafeBufferPointer(rebasing: b[familyStart..<end])
            let isSuffix: Bool
            if last.allSatisfy({ $0 < 0x80 }) {
                switch last.count {
                case 2, 3, 4: isSuffix = isGenerationalSuffixASCII(last)
                default: isSuffix = false
                }
            } else {
                isSuffix = isGenerationalSuffix(string(familyStart, end))
            }
            if isSuffix {
                familyIndex -= 1
                familyStart = previousToken(familyStart)
            }
        }
        // Lower-case "von" particles before the family name.
        while familyIndex > 1 {
            let p = previousToken(familyStart)
            guard b[p] >= 0x61 && b[p] <= 0x7A else { break }
            familyIndex -= 1
            familyStart = p
        }
        return .parsed(AuthorName(raw: clean, given: string(0, familyStart - 1),
                                  family: string(familyStart, end), ids: ids))
    }

    /// `jr`, `jr.`, `sr`, `sr.`, `ii`, `iii`, `iv` in any case.
    static func isGenerationalSuffixASCII(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var lower: UInt32 = 0
        for c in t { lower = lower << 8 | UInt32(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        switch lower {
        case 0x6A72, 0x6A722E, 0x7372, 0x73722E, 0x6969, 0x696969, 0x6976: return true
        default: return false
        }
    }

    /// `0001`…`9999`: DBLP's homonym number.
    public static func isDBLPSuffix(_ token: String) -> Bool {
        token.utf8.count == 4 && token.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func isGenerationalSuffix(_ token: String) -> Bool {
        switch token.lowercased() {
        case "jr", "jr.", "sr", "sr.", "ii", "iii", "iv": return true
        default: return false
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    public func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
