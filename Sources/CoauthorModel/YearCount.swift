/// A number of papers in one year: a timeline's row (`CoauthorAlgorithms`' yearly counts) and a
/// chart's bar or mark (`CoauthorCharts`).
public struct YearCount: Sendable, Hashable {
    public var year: Int
    public var count: Int
    public init(year: Int, count: Int) {
        self.year = year
        self.count = count
    }
}
