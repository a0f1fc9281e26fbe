import FermiAPI
import Testing

@Suite("Concurrent map")
struct ConcurrentMapTests {
    @Test func resultsComeInTheOrderOfTheItemsWhateverCoreMappedThem() async throws {
        let items = Array(0..<10_001)
        let mapped = try await items.concurrentMap { $0 * 3 + 1 }
        #expect(mapped == items.map { $0 * 3 + 1 })
    }

    @Test func anErrorFromAnyPartIsThrown() async throws {
        struct Odd: Error {}
        await #expect(throws: Odd.self) {
            _ = try await Array(0..<1_000).concurrentMap { value -> Int in
                if value == 999 { throw Odd() }
                return value
            }
        }
    }
}
