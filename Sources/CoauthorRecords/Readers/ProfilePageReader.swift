import CoauthorModel

/// Reads a scholar-profile page saved as text (the format of `seeds/qin-huang-profile.txt`).
///
/// Layout: a header (the owner's name on the first line, then lines such as `h-index13`,
/// `18papers`, `725citations`), then one entry per paper:
///
///     LGMay 28                      ← two-letter subject code glued to a date; optional ", YEAR"
///     LoopFM: Learning frOm …        ← title                                     and "Code" marker
///
///     Shali Jiang, Hua Zheng, Boyang Liu et al.     ← authors, comma-separated, may end in "et al."
///
///     Knowledge distillation …       ← abstract (until the next entry)
///
/// A date without a year takes the year of `ReaderOptions.asOf`, or the year before when the month
/// and day lie after it. The owner (the header's name, or `ReaderOptions.owner`) is appended to
/// every paper whose author list lacks them. The parsed count is checked against the header's
/// `Npapers` line and a mismatch is reported as a warning.
public struct ProfilePageReader: RecordReader {
    public static let format = InputFormat.profile
    public static let extensions: [String] = []
    let options: ReaderOptions

    public init(options: ReaderOptions) { self.options = options }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// An entry header line, parsed.
    struct EntryHeader: Equatable {
        var category: String
        var month: Int
        var day: Int
        var year: Int?
        var hasCode: Bool
    }

    /// Parses `CVJul 22, 2022Code`, `LGMay 28`; nil when the line is not an entry header.
    static func parseHeader(_ line: Substring) -> EntryHeader? {
        let u = Array(line.utf8)
        guard u.count >= 7 else { return nil }
        func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard isUpper(u[0]), isUpper(u[1]) else { return nil }
        let mon = String(decoding: u[2..<5], as: UTF8.self)
        guard let mi = months.firstIndex(of: mon), u[5] == 0x20 else { return nil }
        var i = 6
        var day = 0
        while i < u.count, isDigit(u[i]), i < 8 { day = day * 10 + Int(u[i] - 0x30); i += 1 }
        guard i > 6 else { return nil }
        var year: Int?
        if i + 6 <= u.count, u[i] == 0x2C, u[i + 1] == 0x20, u[(i + 2)..<(i + 6)].allSatisfy(isDigit) {
            year = u[(i + 2)..<(i + 6)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
            i += 6
        }
        var hasCode = false
        if i < u.count {
            guard String(decoding: u[i...], as: UTF8.self) == "Code" else { return nil }
            hasCode = true
        }
        return EntryHeader(category: String(decoding: u[0..<2], as: UTF8.self), month: mi + 1, day: day,
                           year: year, hasCode: hasCode)
    }

    /// The page's lines, whatever ends them: LF, CRLF (a page saved on Windows) or CR. (`"\r\n"`
    /// is one `Character`, so splitting on `"\n"` alone would leave a CRLF page one long line.)
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    public static func sniff(_ document: SourceDocument) -> Bool {
        var headerCount = false, entry = false
        for (n, line) in lines(document.text).enumerated() {
            if n > 400 { break }
            let t = line.trimmingSpaces()
            if paperCount(t) != nil { headerCount = true }
            if parseHeader(Substring(t)) != nil { entry = true }
            if headerCount && entry { return true }
        }
        return false
    }

    /// `18papers` / `18 Papers` → 18.
    static func paperCount(_ line: String) -> Int? {
        let lower = line.lowercased()
        guard lower.hasSuffix("papers") else { return nil }
        let num = lower.dropLast(6).trimmingSpaces()
        guard !num.isEmpty, num.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(num)
    }

    /// A loose fold for "is the owner already listed": letters and digits only, lower-cased.
    static func looseKey(_ s: String) -> String {
        String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        let lines = ProfilePageReader.lines(document.text)
        var ownerName: String?
        var declared: (count: Int, line: Int)?
        var firstEntry = lines.count
        for (i, raw) in lines.enumerated() {
            if ProfilePageReader.parseHeader(raw) != nil { firstEntry = i; break }
            let t = raw.trimmingSpaces()
            if t.isEmpty { continue }
            if ownerName == nil { ownerName = t }
            if declared == nil, let n = ProfilePageReader.paperCount(t) { declared = (n, i + 1) }
        }
        let owner = options.owner ?? ownerName
        let ownerAuthor = owner.flatMap(NameParser.parse)
        let ownerKey = owner.map(ProfilePageReader.looseKey)
        let base = document.name.split(separator: "/").last.map(String.init) ?? document.name
        var parsed = 0
        var i = firstEntry
        while i < lines.count {
            guard let header = ProfilePageReader.parseHeader(lines[i]) else { i += 1; continue }
            let headerLine = i + 1
            // The entry runs to the next header.
            var j = i + 1
            while j < lines.count, ProfilePageReader.parseHeader(lines[j]) == nil { j += 1 }
            let body = lines[(i + 1)..<j].map { $0.trimmingSpaces() }
            i = j
            var k = 0
            func nextNonEmpty() -> (text: String, offset: Int)? {
                while k < body.count, body[k].isEmpty { k += 1 }
                guard k < body.count else { return nil }
                defer { k += 1 }
                return (body[k], k)
            }
            let loc = SourceLocation(file: document.name, line: headerLine)
            guard let title = nextNonEmpty() else {
                try sink.skip(loc, "entry without a title")
                continue
            }
            guard let authorLine = nextNonEmpty() else {
                try sink.skip(SourceLocation(file: document.name, line: headerLine + 1 + title.offset),
                              "entry without an author line")
                continue
            }
            var abstractLines: [String] = []
            while let l = nextNonEmpty() { abstractLines.append(l.text) }

            guard header.month >= 1, header.day >= 1,
                  header.day <= ProfilePageReader.daysIn(month: header.month, year: header.year ?? 2000) else {
                try sink.skip(loc, "invalid date \(ProfilePageReader.months[header.month - 1]) \(header.day)")
                continue
            }
            var year = header.year ?? options.asOf.year
            if header.year == nil {
                let asOfMD = (options.asOf.month ?? 12, options.asOf.day ?? 31)
                if (header.month, header.day) > asOfMD { year -= 1 }
                if header.month == 2, header.day == 29, ProfilePageReader.daysIn(month: 2, year: year) == 28 {
                    try sink.skip(loc, "Feb 29 in \(year), which is not a leap year")
                    continue
                }
            }
            var text = authorLine.text
            var truncated = false
            for marker in ["et al.", "et al", "…", "..."] where text.hasSuffix(marker) {
                text = String(text.dropLast(marker.count)).trimmingSpaces()
                if text.hasSuffix(",") { text = String(text.dropLast()).trimmingSpaces() }
                truncated = true
                break
            }
            var authors = text.split(separator: ",").compactMap { NameParser.parse(String($0)) }
            if authors.isEmpty && !truncated {
                try sink.skip(SourceLocation(file: document.name, line: headerLine + 1 + authorLine.offset),
                              "empty author line")
                continue
            }
            if let oa = ownerAuthor, let ok = ownerKey,
               !authors.contains(where: { ProfilePageReader.looseKey($0.raw) == ok }) {
                authors.append(oa)
            }
            parsed += 1
            try sink.emit(PaperRecord(
                id: "\(base):\(headerLine)", title: title.text, authors: authors, authorsTruncated: truncated,
                date: PaperDate(year: year, month: header.month, day: header.day),
                category: header.category,
                abstract: abstractLines.isEmpty ? nil : abstractLines.joined(separator: " "),
                source: loc))
        }
        if let d = declared, d.count != parsed + sink.skipped {
            sink.warn(SourceLocation(file: document.name, line: d.line),
                      "the header says \(d.count) papers but \(parsed + sink.skipped) entries were found")
        }
    }
}
