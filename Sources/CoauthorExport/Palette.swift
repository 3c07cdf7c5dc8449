import Foundation

/// Colour scales that stay distinguishable with the common colour-vision deficiencies.
public enum Palette {
    /// Ten hues for communities: Okabe & Ito's qualitative palette (Color Universal Design, 2002)
    /// without its black, then Paul Tol's indigo and wine and a brown. Under simulated protanopia,
    /// deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1) the closest two
    /// of the ten and `other` are as far apart in CIELAB (ΔE*ab ≥ 14.6, the deuteranope's
    /// reddish purple against the grey) as the closest two of Okabe–Ito's seven alone
    /// (`Tests/charts/palette_cvd.py` computes it). Drawings give communities 11–20 the same ten hues
    /// as rings (`ringFill` inside, the hue as a thick outline); the rest get `other`.
    public static let categorical = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                                     "#332288", "#882255", "#8C564B"]
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

    /// The fill of a ring: `hue` mixed with 70 % white.
    public static func ringFill(_ hue: String) -> String { mix(hue, "#FFFFFF", 0.7) }

    /// `a` moved a fraction `t` of the way towards `b` (in sRGB bytes).
    static func mix(_ a: String, _ b: String, _ t: Double) -> String {
        let x = rgb(a), y = rgb(b)
        func c(_ p: Int, _ q: Int) -> Int { Int((Double(p) + (Double(q) - Double(p)) * t).rounded()) }
        return hex(c(x.0, y.0), c(x.1, y.1), c(x.2, y.2))
    }

    /// Red, green, blue (0…255) of `#RRGGBB`.
    static func rgb(_ hex: String) -> (Int, Int, Int) {
        let h = Array(hex.utf8.dropFirst())
        guard h.count >= 6 else { return (0, 0, 0) }
        func byte(_ i: Int) -> Int { Int(String(decoding: h[i..<(i + 2)], as: UTF8.self), radix: 16) ?? 0 }
        return (byte(0), byte(2), byte(4))
    }

    /// WCAG relative luminance of `#RRGGBB` (0 black … 1 white).
    public static func luminance(_ hex: String) -> Double {
        let (r, g, b) = rgb(hex)
        func lin(_ c: Int) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// The text colour that reads best on `fill`: white on dark fills (relative luminance below
    /// 0.2, where white's contrast ratio overtakes near-black's), near-black otherwise.
    public static func textColour(on fill: String) -> String {
        luminance(fill) < 0.2 ? "#FFFFFF" : "#1A1A1A"
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
    /// an exported file and `coauthor render` colour the same circle alike; the 11th to 20th get
    /// their ring's fill (an export has no outlines), the rest grey.
    public static func hex(_ community: Int) -> String {
        if community >= 1 && community <= categorical.count { return categorical[community - 1] }
        if community > categorical.count && community <= 2 * categorical.count { return ringFill(categorical[community - categorical.count - 1]) }
        return other
    }

    /// The same colour as red, green, blue (0…255), for GEXF's `viz:color`.
    public static func color(_ community: Int) -> (Int, Int, Int) {
        rgb(hex(community))
    }

    /// 10 for a single paper up to 50 for the most prolific author (area grows with papers).
    public static func size(papers: Int, max: Int) -> Double {
        let f = (Double(papers) / Double(Swift.max(1, max))).squareRoot()
        return ((10 + 40 * f) * 100).rounded() / 100
    }
}
