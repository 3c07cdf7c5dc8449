import CoauthorModel
import Foundation

/// Identity keys for author mentions, as specified in `docs/identity.md`.
///
/// - A mention with a persistent id is keyed by it (`orcid:…` before `dblp:…`, `openalex:…`,
///   `scopus:…`, `s2:…`, `acl:…`, `researcherid:…`).
/// - Otherwise by the normalised name `given|family`, where `norm(s)` is NFKD, combining marks
///   (general category Mn) removed, lower-cased; the given key keeps only letters and numbers
///   ("Chi-Hao" = "Chihao"), the family key turns every run of other scalars into one space.
/// - Corporate authors: `corp|` + the family key of the whole name.
public enum NameKey {
    static let idPriority: [PersistentID.Kind] = [.orcid, .dblp, .openalex, .scopus, .s2, .acl, .researcherid]

    /// Whether an identity key is a persistent id (`orcid:…`, `dblp:…`, …) rather than a name.
    public static func isIDKey(_ key: String) -> Bool {
        guard let colon = key.firstIndex(of: ":") else { return false }
        return PersistentID.Kind(rawValue: String(key[..<colon])) != nil
    }

    /// The id that keys a mention, if it carries any.
    public static func primaryID(_ ids: [PersistentID]) -> PersistentID? {
        if ids.isEmpty { return nil }
        if ids.count == 1 { return ids[0] }
        for k in idPriority { if let id = ids.first(where: { $0.kind == k }) { return id } }
        return ids.first
    }

    /// The name part of the key (`qin|huang`), ignoring ids; nil when the family has no letters.
    public static func nameKey(given: String?, family: String?, raw: String, corporate: Bool) -> String? {
        if corporate {
            let f = familyKey(family ?? raw)
            return f.isEmpty ? nil : "corp|" + f
        }
        let f = familyKey(family ?? raw)
        guard !f.isEmpty else { return nil }
        return givenKey(given ?? "") + "|" + f
    }

    /// The whole key of a mention: its primary id, else its name key.
    public static func key(for a: AuthorName) -> String? {
        if let id = primaryID(a.ids) { return id.description }
        return nameKey(given: a.given, family: a.family, raw: a.raw, corporate: a.isCorporate)
    }

    /// `norm(s)`: NFKD, Mn removed, lower-cased.
    public static func norm(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        let d = s.decomposedStringWithCompatibilityMapping
        var scalars = String.UnicodeScalarView()
        for u in d.unicodeScalars where u.properties.generalCategory != .nonspacingMark { scalars.append(u) }
        return String(scalars).lowercased()
    }

    @inline(__always) public static func isLetterOrNumber(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 {
            let v = u.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// ASCII fast path of the keys: lower-case letters and digits, other bytes as separators (with
    /// `separator`, a run of them between two kept bytes becomes one space); nil when `s` is not
    /// all ASCII. Writes the key straight into the new string (it is never longer than `s`).
    @inline(__always) static func asciiKey(_ s: String, separator: Bool) -> String? {
        var s = s
        return s.withUTF8 { b -> String? in
            for c in b where c >= 0x80 { return nil }
            return String(unsafeUninitializedCapacity: b.count) { out in
                var n = 0
                var pending = false
                for c in b {
                    var x = c
                    if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                    if (x >= 0x61 && x <= 0x7A) || (x >= 0x30 && x <= 0x39) {
                        if pending && n > 0 { out[n] = 0x20; n += 1 }
                        pending = false
                        out[n] = x
                        n += 1
                    } else if separator {
                        pending = true
                    }
                }
                return n
            }
        }
    }

    /// The Latin fast path of the keys, for text of ASCII and the Latin blocks (U+0080–U+024F,
    /// U+1E00–U+1EFF; nil for anything else): each scalar is replaced by `norm` of that scalar
    /// alone, looked up in `latinFold`, and the result runs through the same letters-and-separators
    /// rule as the general path.
    ///
    /// This equals `norm` of the whole string: none of these scalars is a combining mark and each
    /// one's NFKD starts with a starter (checked when the table is made; a scalar that fails is left
    /// to the general path), so NFKD of the text is the concatenation of the scalars' NFKDs (no
    /// canonical reordering across them), removing Mn is per scalar, and `lowercased()` maps scalar
    /// by scalar. A test compares both paths on random text.
    static func latinKey(_ s: String, separator: Bool) -> String? {
        let table = latinFold
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        var pending = false
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                var x = UInt8(truncatingIfNeeded: v)
                if x >= 0x41 && x <= 0x5A { x |= 0x20 }
                if (x >= 0x61 && x <= 0x7A) || (x >= 0x30 && x <= 0x39) {
                    if pending && !out.isEmpty { out.append(0x20) }
                    pending = false
                    out.append(x)
                } else if separator {
                    pending = true
                }
                continue
            }
            let slot: Int
            if v < 0x250 { slot = Int(v) - 0x80 } else if v >= 0x1E00 && v < 0x1F00 { slot = Int(v) - 0x1E00 + 0x1D0 } else { return nil }
            guard let folded = table[slot] else { return nil }
            for f in folded {
                if f.keep {
                    if pending && !out.isEmpty { out.append(0x20) }
                    pending = false
                    out.append(contentsOf: f.utf8)
                } else if separator {
                    pending = true
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One scalar of `norm(c)` for a Latin scalar `c`: its UTF-8 bytes and whether it is a letter
    /// or number (kept in a key).
    struct FoldedScalar: Sendable {
        var utf8: [UInt8]
        var keep: Bool
    }

    /// `norm` of each scalar U+0080–U+024F (slots 0–0x1CF) and U+1E00–U+1EFF (slots 0x1D0–0x2CF),
    /// made once by the general path; nil for a scalar the fast path must not take.
    static let latinFold: [[FoldedScalar]?] = {
        var table: [[FoldedScalar]?] = []
        let scalars = Array(0x80..<0x250) + Array(0x1E00..<0x1F00)
        for v in scalars {
            guard let u = Unicode.Scalar(UInt32(v)), u.properties.canonicalCombiningClass == .notReordered,
                  u.properties.generalCategory != .nonspacingMark else {
                table.append(nil)
                continue
            }
            let decomposed = String(u).decomposedStringWithCompatibilityMapping.unicodeScalars
            guard let first = decomposed.first, first.properties.canonicalCombiningClass == .notReordered else {
                table.append(nil)
                continue
            }
            table.append(norm(String(u)).unicodeScalars.map { FoldedScalar(utf8: Array(String($0).utf8), keep: isLetterOrNumber($0)) })
        }
        return table
    }()

    /// Given-name key: `norm`, letters and numbers only.
    public static func givenKey(_ given: String) -> String {
        if let k = asciiKey(given, separator: false) { return k }
        if let k = latinKey(given, separator: false) { return k }
        return slowGivenKey(given)
    }

    /// `givenKey` by the general path (`norm` of the whole string), for any text.
    static func slowGivenKey(_ given: String) -> String {
        var out = String.UnicodeScalarView()
        for u in norm(given).unicodeScalars where isLetterOrNumber(u) { out.append(u) }
        return String(out)
    }

    /// Family-name key: `norm`, every run of other scalars → one space, trimmed.
    public static func familyKey(_ family: String) -> String {
        if let k = asciiKey(family, separator: true) { return k }
        if let k = latinKey(family, separator: true) { return k }
        return slowFamilyKey(family)
    }

    /// `familyKey` by the general path (`norm` of the whole string), for any text.
    static func slowFamilyKey(_ family: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in norm(family).unicodeScalars {
            if isLetterOrNumber(u) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(u)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// The initials of a given name written only as initials (`Q.`, `J. R.`, `J.-R.` → `["j","r"]`);
    /// nil when any piece is longer than one letter.
    public static func initialsOnly(_ given: String) -> [Character]? {
        let pieces = norm(given).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." || $0 == "\u{2010}" })
        guard !pieces.isEmpty else { return nil }
        var out: [Character] = []
        for p in pieces {
            guard p.count == 1, let c = p.first, c.isLetter else { return nil }
            out.append(c)
        }
        return out
    }

    /// The initials of a full given name (`Qin` → `q`, `John Ronald` → `jr`, `Chi-Hao` → `ch`).
    public static func initials(ofFull given: String) -> [Character] {
        norm(given).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." || $0 == "\u{2010}" })
            .compactMap { $0.first(where: \.isLetter) }
    }
}

/// A name thesaurus applied before identity resolution (`--aliases FILE`).
///
/// Two file formats (`load` tells them apart by extension):
/// - VOSviewer's thesaurus: tab-separated, a header `label<TAB>replace by`, one name per line; a
///   mention whose name key equals the key of a `label` is read as the `replace by` name.
/// - The ACL Anthology's `name_variants.yaml` (`.yaml`/`.yml`): every variant spelling, and the
///   canonical spelling itself, is read as the canonical name; when the entry has an explicit `id`,
///   a mention without ids also gets `PersistentID(.acl, id)`, so it joins the mentions the
///   Anthology XML tags with that `<author id>`. A name key claimed by two or more entries (the
///   same name for different people, like the Anthology's several "Yang Liu"s) is ambiguous and
///   left alone (`ambiguous`).
public struct AliasTable: Sendable {
    /// name key of a label → replacement name.
    public package(set) var replacements: [String: AuthorName] = [:]
    /// name key of a label → the id a mention without ids is given.
    public package(set) var ids: [String: PersistentID] = [:]
    /// Name keys that several entries claim (not replaced).
    public package(set) var ambiguous: Set<String> = []

    public init() {}

    public var isEmpty: Bool { replacements.isEmpty }

    /// Adds one alias; returns false when `label` has no usable name.
    @discardableResult
    public mutating func add(label: String, replaceBy: String) -> Bool {
        guard let l = NameParser.parse(label), let r = NameParser.parse(replaceBy),
              let k = NameKey.nameKey(given: l.given, family: l.family, raw: l.raw, corporate: false) else { return false }
        replacements[k] = r
        return true
    }

    /// The mention as the thesaurus rewrites it (the mention's ids are kept; a mention without ids
    /// takes the entry's id, if it has one).
    public func apply(_ a: AuthorName) -> AuthorName {
        guard !replacements.isEmpty, !a.isCorporate,
              let k = NameKey.nameKey(given: a.given, family: a.family, raw: a.raw, corporate: false),
              var r = replacements[k] else { return a }
        if a.ids.isEmpty, let id = ids[k] { r.ids = [id] } else { r.ids = a.ids }
        return r
    }
}
