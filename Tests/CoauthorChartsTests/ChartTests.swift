import Testing
@testable import CoauthorCharts
