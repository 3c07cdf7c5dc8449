/// The named character references an `XMLScanner` knows.
///
/// No DTD is ever read: the table is fixed when the scanner is made. `predefined` holds XML's five
/// (`&lt; &gt; &amp; &apos; &quot;`); `dblp` adds the character entities that `dblp.dtd` declares
/// (`&reg; &micro; &times;` and the ISO 8879 "Added Latin 1" letters `&Agrave;` … `&yuml;`), so
/// that dblp.xml can be read without loading its DTD.
public struct XMLEntityTable: Sendable {
    /// Name (packed into a UInt64, see `pack`) → Unicode scalar value.
    private let table: [UInt64: UInt32]
    /// The entries, for documentation and tests.
    public let entries: [(name: String, scalar: UInt32)]

    public init(_ entries: [(name: String, scalar: UInt32)]) {
        var t: [UInt64: UInt32] = [:]
        for (name, v) in entries {
            let u = Array(name.utf8)
            precondition(u.count <= 8 && !u.isEmpty, "entity names are at most 8 bytes")
            t[u.withUnsafeBufferPointer { XMLEntityTable.pack($0.baseAddress!, u.count) }] = v
        }
        table = t
        self.entries = entries
    }

    /// Up to 8 name bytes packed little-endian; names never contain 0, so packing is one-to-one.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var k: UInt64 = 0
        for i in 0..<count { k |= UInt64(p[i]) << (8 * UInt64(i)) }
        return k
    }

    /// The scalar value of the entity named by `count` bytes at `p`, or nil when it is not known.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ count: Int) -> UInt32? {
        guard count >= 1, count <= 8 else { return nil }
        return table[XMLEntityTable.pack(p, count)]
    }

    /// The scalar value of a named entity, or nil.
    public func scalar(named name: String) -> UInt32? {
        let u = Array(name.utf8)
        return u.withUnsafeBufferPointer { lookup($0.baseAddress!, $0.count) }
    }

    /// XML's five predefined entities.
    public static let predefined = XMLEntityTable(predefinedEntries)

    /// The predefined five plus every character entity `dblp.dtd` declares.
    public static let dblp = XMLEntityTable(predefinedEntries + dblpEntries)

    static let predefinedEntries: [(name: String, scalar: UInt32)] = [
        ("lt", 0x3C), ("gt", 0x3E), ("amp", 0x26), ("apos", 0x27), ("quot", 0x22),
    ]

    /// What `dblp.dtd` (May 2023) declares: three symbols, then the Latin-1 letters U+00C0–U+00FF
    /// except U+00D7 (×, declared above as `times`) and U+00F7 (÷, not declared).
    static let dblpEntries: [(name: String, scalar: UInt32)] = {
        var e: [(name: String, scalar: UInt32)] = [("reg", 174), ("micro", 181), ("times", 215)]
        // The letters in code-point order; each name is the base letter plus its accent's name.
        let letters = [
            "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil",   // C0–C7
            "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml",     // C8–CF
            "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "",           // D0–D7 (D7 is ×)
            "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig",    // D8–DF
            "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",    // E0–E7
            "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml",     // E8–EF
            "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "",           // F0–F7 (F7 is ÷)
            "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",     // F8–FF
        ]
        for (i, name) in letters.enumerated() where !name.isEmpty {
            e.append((name, UInt32(0xC0 + i)))
        }
        return e
    }()
}
