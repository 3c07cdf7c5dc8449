extension PersistentID {
    /// An ORCID iD as sources write it (`0000-0002-1825-0097`, `https://orcid.org/0000-0002-1825-0097`,
    /// `0000000218250097`, a lower-case `x`) in the bare form `0000-0002-1825-0097`; nil when it is
    /// not 16 characters (15 digits and a digit or X) or its check character is wrong (ISO 7064
    /// MOD 11-2, as ORCID specifies: https://support.orcid.org/hc/en-us/articles/360006897674).
    public static func orcid(normalizing text: String) -> PersistentID? {
        var u = Array(text.trimmingSpaces().utf8)
        let host = Array("orcid.org/".utf8)
        if u.count > host.count,
           let at = (0...(u.count - host.count)).first(where: { u[$0..<($0 + host.count)].elementsEqual(host) }) {
            u.removeSubrange(0..<(at + host.count))
        }
        var chars: [UInt8] = []
        for c in u {
            switch c {
            case 0x30...0x39: chars.append(c)
            case 0x58, 0x78: chars.append(0x58)          // X, x
            case 0x2D, 0x20: continue                    // hyphens and spaces between groups
            default: return nil
            }
        }
        guard chars.count == 16, chars[0..<15].allSatisfy({ $0 != 0x58 }) else { return nil }
        var total = 0
        for c in chars[0..<15] { total = (total + Int(c - 0x30)) * 2 }
        let result = (12 - total % 11) % 11
        let check: UInt8 = result == 10 ? 0x58 : UInt8(0x30 + result)
        guard chars[15] == check else { return nil }
        var out = [UInt8]()
        for (i, c) in chars.enumerated() {
            if i > 0 && i % 4 == 0 { out.append(0x2D) }
            out.append(c)
        }
        return PersistentID(.orcid, String(decoding: out, as: UTF8.self))
    }
}
