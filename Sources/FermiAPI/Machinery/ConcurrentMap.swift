import Foundation

extension Collection where Self: Sendable, SubSequence: Sendable, Element: Sendable, Index: Sendable {
    /// `map`, with the work split into one contiguous run per core and the results in order:
    /// for CPU-bound work on many items (parsing a list, decoding a folder of manifests).
    /// Fewer than `minimumPerPart` items per core run on the caller's task alone.
    public func concurrentMap<T: Sendable>(
        minimumPerPart: Int = 1, _ transform: @escaping @Sendable (Element) throws -> T
    ) async throws -> [T] {
        let parts = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(minimumPerPart, 1))
        guard parts > 1 else { return try map(transform) }
        var bounds: [Index] = [startIndex]
        for part in 1..<parts { bounds.append(index(startIndex, offsetBy: count * part / parts)) }
        bounds.append(endIndex)
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for part in 0..<parts {
                let slice = self[bounds[part]..<bounds[part + 1]]
                group.addTask { (part, try slice.map(transform)) }
            }
            var results = [[T]](repeating: [], count: parts)
            for try await (part, mapped) in group { results[part] = mapped }
            return results.flatMap { $0 }
        }
    }
}
