import Foundation

/// Shortens a column of numbers for display while keeping its order: each value is written with
/// the fewest significant digits (at least `minDigits`, at most 17) whose rounding still lies
/// strictly between the midpoints to its distinct neighbours in sorted order. Sorting the written
/// values therefore gives exactly the order of the exact ones (equal values stay equal, distinct
/// values stay distinct and in order), so a table sorted by them ranks as `coauthor rank` does.
/// NaN and infinities are left as they are.
enum OrderPreservingRounding {
    static func round(_ values: [Double], minDigits: Int = 6) -> [Double] {
        let finite = Array(Set(values.filter(\.isFinite))).sorted()
        var out = values
        var rounded: [Double: Double] = [:]
        for (i, v) in finite.enumerated() {
            let lower = i > 0 ? (finite[i - 1] + v) / 2 : -Double.infinity
            let upper = i + 1 < finite.count ? (v + finite[i + 1]) / 2 : Double.infinity
            var r = v
            for p in minDigits...17 {
                let candidate = Double(String(format: "%.\(p)g", v)) ?? v
                if candidate > lower && candidate < upper && (i == 0 || candidate > finite[i - 1]) && (i + 1 == finite.count || candidate < finite[i + 1]) {
                    r = candidate
                    break
                }
            }
            rounded[v] = r
        }
        for (i, v) in values.enumerated() where v.isFinite { out[i] = rounded[v]! }
        return out
    }
}
