import FermiStore

/// Reads every object under a prefix the way Kubernetes clients do: pages of `pageSize`
/// following continue tokens, all at the revision of the first page.
struct ListBenchmark {
    let store: any Store
    let prefix: String
    /// How many objects the prefix holds; a list that finds another number fails the run.
    let expectedCount: Int
    let pageSize: Int

    /// The median time of `runs` full lists (at least one).
    func medianTime(ofRuns runs: Int) async throws -> Duration {
        var times = LatencySamples()
        for _ in 0..<max(runs, 1) {
            times.append(try await listOnce())
        }
        return times.percentile(0.5)
    }

    private func listOnce() async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let listed = try await store.listAll(prefix: prefix, pageSize: pageSize)
        let elapsed = clock.now - start
        guard listed.items.count == expectedCount else {
            throw ListBenchmarkError.wrongCount(prefix: prefix, expected: expectedCount, listed: listed.items.count)
        }
        return elapsed
    }
}

/// Why a list's time cannot be trusted.
enum ListBenchmarkError: Error, CustomStringConvertible {
    case wrongCount(prefix: String, expected: Int, listed: Int)

    var description: String {
        switch self {
        case .wrongCount(let prefix, let expected, let listed):
            "listing \(prefix) returned \(listed) objects, but \(expected) were created there"
        }
    }
}
