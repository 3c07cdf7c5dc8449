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
    public static func parse(_ text: String) -> AuthorName? {
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
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
