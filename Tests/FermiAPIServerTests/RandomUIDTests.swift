import FermiAPIServer
import Foundation
import Testing

/// UIDs are random version 4 UUIDs in lowercase, as the Kubernetes API server mints them.
@Suite("Random UIDs")
struct RandomUIDTests {
    @Test func uidsAreLowercaseVersion4UUIDsAndDoNotRepeat() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let uid = RandomUID.make()
            let parsed = try #require(UUID(uuidString: uid), "\(uid)")
            #expect(parsed.uuidString.lowercased() == uid)
            let digits = Array(uid)
            #expect(digits[14] == "4", "\(uid)")
            #expect("89ab".contains(digits[19]), "\(uid)")
            seen.insert(uid)
        }
        #expect(seen.count == 1000)
    }
}
