import CoauthorGraph
import CoauthorRecords
import Testing

/// The self-checks hold on what the builder and the graph make, and stop the program on a broken
/// structure (exit tests: the check runs in a child process, which must die).
@Suite struct InvariantTests {
    @Test func holdOnBuiltStructures() {
        let c = corpus([paper("1", ["Ann Lee", "Bo Li", "Cy Ng"], year: 2001), paper("2", ["Bo Li", "Cy Ng"], year: 2002),
                        paper("3", ["Di Ho"], year: 2003), paper("4", ["Ann Lee", "Di Ho", "Ann Lee"])])
        c._checkInvariants()
        for options in [GraphOptions(), GraphOptions(fromYear: 2002), GraphOptions(minWeight: 2, largestComponent: true)] {
            CoauthorGraph(corpus: c, options: options)._checkInvariants()
        }
    }

    @Test func aBrokenCSRStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            CSR(offsets: [0, 2, 1], items: [0, 0])._checkInvariants(columns: 1)
        }
        await #expect(processExitsWith: .failure) {
            CSR(offsets: [0, 1], items: [5])._checkInvariants(columns: 2)
        }
    }
}
