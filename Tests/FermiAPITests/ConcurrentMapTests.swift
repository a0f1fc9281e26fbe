import FermiAPI
import Testing

@Suite("Concurrent map")
struct ConcurrentMapTests {
    @Test func resultsComeInTheOrderOfTheItemsWhateverCoreMappedThem() {
        let items = Array(0..<10_001)
        let mapped = items.concurrentMap { $0 * 3 + 1 }
        #expect(mapped == items.map { $0 * 3 + 1 })
    }

    @Test func anErrorFromAnyPartIsThrown() {
        struct Odd: Error {}
        #expect(throws: Odd.self) {
            _ = try Array(0..<1_000).concurrentMap { value throws(Odd) -> Int in
                if value == 999 { throw Odd() }
                return value
            }
        }
    }

    @Test func theFirstErrorInItemOrderIsTheOneThrown() {
        struct Failed: Error, Equatable { var item: Int }
        #expect(throws: Failed(item: 10)) {
            _ = try Array(0..<1_000).concurrentMap { value throws(Failed) -> Int in
                if value == 10 || value == 990 { throw Failed(item: value) }
                return value
            }
        }
    }
}
