import FermiRuntime
import FermiStore
import Foundation

/// Durable creates against one store: one object per call (each a commit of its own, as a
/// controller writes), and many per call (one commit, as bulk apply writes). The objects are
/// `PodDocument`s in one namespace, numbered by the caller so that steps never collide.
struct CreateBenchmark {
    let store: any Store
    let namespace: String
    let batchSize: Int

    /// What creating one object per call measured.
    struct OneAtATime {
        var objectsPerSecond: Double
        var latencies: LatencySamples
    }

    /// Creates pods `range` with one `create` call each, timing every call.
    func createOneAtATime(range: Range<Int>) async throws -> OneAtATime {
        // Documents are made before the clock starts: the store's time is what is measured.
        let documents = range.map(document)
        let clock = ContinuousClock()
        var latencies = LatencySamples()
        let start = clock.now
        for (key, value) in documents {
            let before = clock.now
            try await store.create(key, value: value)
            latencies.append(clock.now - before)
        }
        let elapsed = clock.now - start
        return OneAtATime(objectsPerSecond: Double(range.count) / elapsed.inSeconds, latencies: latencies)
    }

    /// Creates pods `range` in commits of `batchSize` creates each; returns objects per second.
    func createInBatches(range: Range<Int>) async throws -> Double {
        let batches = batches(of: range)
        let clock = ContinuousClock()
        let start = clock.now
        for batch in batches { _ = try await store.commit(batch) }
        let elapsed = clock.now - start
        return Double(range.count) / elapsed.inSeconds
    }

    /// Creates pods `range` in batches without timing them, to fill a namespace for a list.
    func fill(range: Range<Int>) async throws {
        // Made a batch at a time, so that the documents of 100,000 pods are never all in memory.
        for batch in batchRanges(of: range) {
            _ = try await store.commit(creates(batch))
        }
    }

    private func batches(of range: Range<Int>) -> [[StoreWrite]] {
        batchRanges(of: range).map(creates)
    }

    private func batchRanges(of range: Range<Int>) -> [Range<Int>] {
        stride(from: range.lowerBound, to: range.upperBound, by: batchSize).map { start in
            start..<min(start + batchSize, range.upperBound)
        }
    }

    private func creates(_ range: Range<Int>) -> [StoreWrite] {
        range.map(document).map { StoreWrite.create(key: $0.key, value: $0.value) }
    }

    private func document(_ index: Int) -> (key: String, value: Data) {
        (PodDocument.key(index, namespace: namespace), PodDocument.json(index, namespace: namespace))
    }
}
