import FermiStore
import FermiStoreTestSupport
import Foundation
import Testing

/// Compare-and-swap from several processes loses no update.
@Suite("No lost updates")
struct LostUpdateTests {
    @Test(arguments: [StoreBackend.sqlite, .etcd])
    func fourProcessesIncrementingOneCounterCountExactly(backend: StoreBackend) async throws {
        try await backend.withSharedStore { location, store in
            try await store.create("/counter", value: "0".bytes)
            let incrementers = try (0..<4).map { _ in
                try ChildProcess(
                    "fermi-store-driver",
                    ["increment", "--store", location.description, "--key", "/counter", "--times", "500"])
            }
            for incrementer in incrementers {
                let status = await incrementer.waitForExit()
                #expect(status == 0, "\(incrementer.errorText)")
                #expect(incrementer.lines.last?.hasPrefix("done 500") == true)
            }
            let counter = try await store.get("/counter")
            #expect(counter.text == "2000")
            #expect(counter.version == 2001)
        }
    }
}
