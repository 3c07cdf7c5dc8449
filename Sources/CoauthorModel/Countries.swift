import Foundation

/// A country of `CountryData.table`.
public struct Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code (`US`, `CN`, `GB`).
    public var code: String
    /// English short name (`United States`).
    public var name: String
    /// Approximate centroid, degrees.
    public var latitude: Double
    public var longitude: Double
}

/// Country names and codes, and the rule that places an address in a country.
///
/// **Placement rule** (`place(address:)`), tried in order on the address as written:
/// 1. Text from `Electronic address:` or `email:` on, and from the first word with an `@` (an
///    e-mail address) on, is dropped.
/// 2. The address is split at commas; the last part is folded (letters and digits, lower case,
///    runs of anything else one space) and, with digit-only words (post codes) removed, looked up
///    among the names and variants (`USA`, `Peoples R China`, `England`, `Deutschland` …) and the
///    US states and their postal codes (`Gainesville, Florida`, `Austin, MN 55912` → US).
/// 3. Else its last two words, then its last word (`FL 32611 USA` → `USA`, `Beijing 100871 Peoples R
///    China` → `peoples r china`), unless the whole part is a US state (`New Mexico`, `New Jersey`).
/// 4. Else each part before it, from the last one back, whole (as in 2; an address that ends with
///    a post code or a street).
/// An address no step places has no country: `nil` (counted as "unknown country" by the caller).
///
/// - Complexity: O(length of the address) dictionary lookups.
public struct CountryTable: Sendable {
    public let countries: [Country]
    private let byCode: [String: Int]
    private let byName: [String: Int]
    private let usStates: Set<String>

    /// The table of `CountryData`, parsed once.
    public static let shared = CountryTable(data: CountryData.table, usStates: CountryData.usStates)

    init(data: String, usStates: String) {
        var countries: [Country] = []
        var byCode: [String: Int] = [:], byName: [String: Int] = [:]
        for line in data.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 5, let lat = Double(f[2]), let lon = Double(f[3]) else { continue }
            let i = countries.count
            countries.append(Country(code: f[0], name: f[1], latitude: lat, longitude: lon))
            byCode[f[0]] = i
            for n in [f[1]] + f[4].split(separator: "|").map(String.init) where !n.isEmpty {
                byName[CountryTable.fold(n)] = byName[CountryTable.fold(n)] ?? i
            }
        }
        self.countries = countries
        self.byCode = byCode
        self.byName = byName
        self.usStates = Set(usStates.split(separator: "|").map { CountryTable.fold(String($0)) })
    }

    /// The country with this ISO code (any case), or nil.
    public func country(code: String) -> Country? {
        byCode[code.uppercased()].map { countries[$0] }
    }

    /// The country a name or variant names (`Peoples R China`, `USA`, `Deutschland`), or nil.
    public func country(named name: String) -> Country? {
        lookup(CountryTable.fold(name))
    }

    /// Whether `name` is a country's name or variant (US states are not).
    public func isCountryName(_ name: String) -> Bool {
        byName[CountryTable.fold(name)] != nil
    }

    private func lookup(_ folded: String) -> Country? {
        if let i = byName[folded] { return countries[i] }
        if usStates.contains(folded) { return countries[byCode["US"]!] }
        return nil
    }

    /// The country of an address by the placement rule, or nil.
    public func place(address: String) -> Country? {
        var text = Substring(address)
        for marker in ["Electronic address:", "electronic address:", "email:", "Email:", "E-mail:", "e-mail:"] {
            if let r = text.range(of: marker) { text = text[..<r.lowerBound] }
        }
        if let at = text.firstIndex(of: "@") {
            text = text[..<(text[..<at].lastIndex(where: { $0 == " " }) ?? text.startIndex)]
        }
        let parts = text.split(separator: ",").map { CountryTable.fold(String($0)) }.filter { !$0.isEmpty }
        for (k, part) in parts.reversed().enumerated() {
            let words = part.split(separator: " ").filter { !$0.allSatisfy(\.isNumber) }
            guard !words.isEmpty else { continue }
            let whole = words.joined(separator: " ")
            if let c = lookup(whole) { return c }
            if k > 0 || usStates.contains(whole) { continue }
            if words.count > 2, let c = byName[words.suffix(2).joined(separator: " ")] { return countries[c] }
            if words.count > 1, let c = byName[String(words.last!)] { return countries[c] }
        }
        return nil
    }

    /// Lower case, letters and digits kept, every other run one space, trimmed (`P.R. China` →
    /// `p r china`, `Côte d'Ivoire` → `côte d ivoire`).
    public static func fold(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s.lowercased() {
            if ch.isLetter || ch.isNumber {
                if space && !out.isEmpty { out.append(" ") }
                out.append(ch)
                space = false
            } else {
                space = true
            }
        }
        return out
    }
}
