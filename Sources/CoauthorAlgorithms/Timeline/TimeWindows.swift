/// A closed range of years `start...end` that one timeline row covers.
public struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    /// `2016` for a single year, `2016–2018` otherwise.
    public var description: String { start == end ? "\(start)" : "\(start)–\(end)" }
}

/// How a timeline slices the years into rows (CiteSpace's "time slicing").
///
/// - `yearly`: one row per year, first to last (years without papers included).
/// - `sliding(width: w, step: s)`: windows `[a, a + w − 1]` for `a = first, first + s, …`, until a
///   window reaches the last year; every window has width `w`, so the last one may reach past the
///   last year (those years hold nothing). With `s > w` the years between windows are in no window.
/// - `cumulative(step: s)`: windows `[first, first + s − 1]`, `[first, first + 2s − 1]`, … growing
///   until one reaches the last year (the last window ends there).
public enum WindowMode: Sendable, Hashable {
    case yearly
    case sliding(width: Int, step: Int)
    case cumulative(step: Int)

    /// The windows over a range of years, in order (starts and ends both non-decreasing).
    /// - Throws: `AlgorithmError.invalidParameter` for a width or step below 1.
    public func windows(over years: ClosedRange<Int>) throws -> [TimeWindow] {
        let first = years.lowerBound, last = years.upperBound
        switch self {
        case .yearly:
            return years.map { TimeWindow($0, $0) }
        case let .sliding(width, step):
            guard width >= 1 else { throw AlgorithmError.invalidParameter("the window width must be at least 1 year") }
            guard step >= 1 else { throw AlgorithmError.invalidParameter("the window step must be at least 1 year") }
            var out: [TimeWindow] = []
            var a = first
            while true {
                out.append(TimeWindow(a, a + width - 1))
                if a + width - 1 >= last { break }
                a += step
            }
            return out
        case let .cumulative(step):
            guard step >= 1 else { throw AlgorithmError.invalidParameter("the window step must be at least 1 year") }
            var out: [TimeWindow] = []
            var b = first + step - 1
            while true {
                out.append(TimeWindow(first, min(b, last)))
                if b >= last { break }
                b += step
            }
            return out
        }
    }
}

/// Counts, per window, the entities (authors, ties, coauthors) active in it and the ones that are
/// new in it.
///
/// An entity is *active* in a window when one of its years lies in the window. It is *new* in row r
/// when its first year lies in (end of row r − 1, end of row r] (the first row takes everything up
/// to its end), so `new` sums to the cumulative count: cumulative(r) = #{first year ≤ end of row r}
/// and new(r) = cumulative(r) − cumulative(r − 1). For yearly rows that is "first seen this year".
///
/// - Complexity: O(log R) per distinct year of an entity plus O(1) per (entity, window) pair it is
///   active in, for R windows.
struct WindowTally {
    let windows: [TimeWindow]
    private(set) var active: [Int]
    private(set) var new: [Int]

    init(_ windows: [TimeWindow]) {
        self.windows = windows
        active = [Int](repeating: 0, count: windows.count)
        new = [Int](repeating: 0, count: windows.count)
    }

    /// The first window whose end is ≥ y (windows.count when none).
    func firstEnding(atOrAfter y: Int) -> Int {
        var lo = 0, hi = windows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if windows[mid].end < y { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The last window whose start is ≤ y (−1 when none).
    func lastStarting(atOrBefore y: Int) -> Int {
        var lo = 0, hi = windows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if windows[mid].start <= y { lo = mid + 1 } else { hi = mid }
        }
        return lo - 1
    }

    /// Adds one entity by its distinct years, ascending.
    mutating func add(years: [Int]) {
        guard let first = years.first else { return }
        let r = firstEnding(atOrAfter: first)
        if r < windows.count { new[r] += 1 }
        var marked = -1
        for y in years {
            let lo = max(firstEnding(atOrAfter: y), marked + 1)
            let hi = lastStarting(atOrBefore: y)
            if lo > hi { continue }
            for w in lo...hi { active[w] += 1 }
            marked = hi
        }
    }

    /// Running sums of `new`.
    var cumulative: [Int] {
        var sum = 0
        return new.map { sum += $0; return sum }
    }

    /// Σ of a per-year series (indexed from `base`) over each window.
    func sums(_ perYear: [Int], base: Int) -> [Int] {
        var prefix = [Int](repeating: 0, count: perYear.count + 1)
        for i in 0..<perYear.count { prefix[i + 1] = prefix[i] + perYear[i] }
        return windows.map { w in
            let a = min(max(w.start - base, 0), perYear.count), b = min(max(w.end - base + 1, 0), perYear.count)
            return a < b ? prefix[b] - prefix[a] : 0
        }
    }
}
