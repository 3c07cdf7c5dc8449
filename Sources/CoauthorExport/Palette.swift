/// Colour scales that stay distinguishable with the common colour-vision deficiencies.
public enum Palette {
    /// Okabe & Ito's qualitative palette (Color Universal Design, 2002) without its black: seven
    /// hues that deuteranopes, protanopes and tritanopes can still tell apart. Communities beyond
    /// the seventh get `other`.
    public static let categorical = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
    /// Neutral grey for "other" and "unknown".
    public static let other = "#BBBBBB"

    /// Viridis (van der Walt & Smith, matplotlib), sampled at nine evenly spaced points: sequential,
    /// perceptually uniform, colour-blind-safe and readable in greyscale.
    static let viridisStops: [(Double, Double, Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2D, 0x7B), (0x3B, 0x52, 0x8B), (0x2C, 0x72, 0x8E), (0x21, 0x91, 0x8C),
        (0x28, 0xAE, 0x80), (0x5E, 0xC9, 0x62), (0xAD, 0xDC, 0x30), (0xFD, 0xE7, 0x25),
    ]

    /// The viridis colour at `t` in [0, 1] (linear interpolation between the stops).
    public static func viridis(_ t: Double) -> String {
        let x = min(max(t.isNaN ? 0 : t, 0), 1) * Double(viridisStops.count - 1)
        let i = min(Int(x), viridisStops.count - 2)
        let f = x - Double(i)
        let a = viridisStops[i], b = viridisStops[i + 1]
        func channel(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * f).rounded()) }
        return hex(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        let digits = Array("0123456789ABCDEF")
        var s = "#"
        for c in [r, g, b] { s.append(digits[(c >> 4) & 15]); s.append(digits[c & 15]) }
        return s
    }
}

extension Palette {
    /// The colour of an export's community number (1…k by size; 0 = none): the drawing's palette, so
    /// an exported file and `coauthor render` colour the same circle alike; beyond the seventh, grey.
    public static func hex(_ community: Int) -> String {
        community >= 1 && community <= categorical.count ? categorical[community - 1] : other
    }

    /// The same colour as red, green, blue (0…255), for GEXF's `viz:color`.
    public static func color(_ community: Int) -> (Int, Int, Int) {
        let h = Array(hex(community).utf8.dropFirst())
        func byte(_ i: Int) -> Int { Int(String(decoding: h[i..<(i + 2)], as: UTF8.self), radix: 16) ?? 0 }
        return (byte(0), byte(2), byte(4))
    }

    /// 10 for a single paper up to 50 for the most prolific author (area grows with papers).
    public static func size(papers: Int, max: Int) -> Double {
        let f = (Double(papers) / Double(Swift.max(1, max))).squareRoot()
        return ((10 + 40 * f) * 100).rounded() / 100
    }
}
