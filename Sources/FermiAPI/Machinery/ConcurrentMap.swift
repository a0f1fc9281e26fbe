import Dispatch
import Foundation
import Synchronization

extension Collection where Self: Sendable, SubSequence: Sendable, Element: Sendable, Index: Sendable {
    /// `map`, with the work split into contiguous runs shared out over the cores and the results
    /// in order: for CPU-bound work on many items (parsing a list, decoding a folder of
    /// manifests, laying out a table's rows). There are a few runs per core, so that a core
    /// that finishes early (its items were cheaper, or it was not scheduled) takes another
    /// rather than waiting for the slowest; a run has at least `minimumPerPart` items, and too
    /// few items for two runs are mapped on the caller's thread alone. The first error, in
    /// order, is the one thrown.
    ///
    /// It blocks the caller until every part is done, so it serves synchronous code (a table
    /// printer) as well as asynchronous code; the caller's thread takes a part itself.
    public func concurrentMap<T: Sendable, E: Error>(
        minimumPerPart: Int = 1, _ transform: @Sendable (Element) throws(E) -> T
    ) throws(E) -> [T] {
        let cores = ConcurrentMapCores.count
        let parts = Swift.min(cores * Self.runsPerCore, count / Swift.max(minimumPerPart, 1))
        guard cores > 1, parts > 1 else { return try map(transform) }
        let bounds = [startIndex] + (1..<parts).map { index(startIndex, offsetBy: count * $0 / parts) } + [endIndex]
        let results = Mutex<[Result<[T], E>?]>(Array(repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slice = self[bounds[part]..<bounds[part + 1]]
            let mapped = Result { () throws(E) -> [T] in try slice.map(transform) }
            results.withLock { $0[part] = mapped }
        }
        var mapped: [T] = []
        mapped.reserveCapacity(count)
        for result in results.withLock({ $0 }) {
            // Every part has stored its result once concurrentPerform returns.
            mapped += try result!.get()
        }
        return mapped
    }

    /// Runs per core: enough that the last run to start (a few files of a folder, a few
    /// dozen objects of a batch) ends soon after the others, few enough that each run's
    /// overhead (a result array, a lock) stays small.
    private static var runsPerCore: Int { 16 }
}

/// The cores `concurrentMap` shares work over, read once: Foundation reads the cgroup's CPU
/// quota files each time it is asked.
private enum ConcurrentMapCores {
    static let count = ProcessInfo.processInfo.activeProcessorCount
}
