import Foundation
import Synchronization

/// Object UIDs as Kubernetes mints them: random (version 4) UUIDs, in lowercase.
public enum RandomUID {
    /// A new UID. Its random bits come from the system's generator, read 4 KiB at a time:
    /// Foundation's `UUID()` opened, read and closed `/dev/urandom` for each one, and then a
    /// read of the generator for each 8 bytes was a system call per object created.
    public static func make() -> String {
        let (first, second) = randomWords.withLock { $0.nextPair() }
        // The version (4) is the 13th digit; the RFC 4122 variant is the top two bits of the 17th.
        let high = (first & ~0xF000) | 0x4000
        let low = (second & ~(0xC000 << 48)) | (0x8000 << 48)
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            for digit in 0..<32 {
                if digit == 8 || digit == 12 || digit == 16 || digit == 20 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = digit < 16 ? high : low
                text[position] = hexDigits[Int((word >> UInt64(60 - 4 * (digit % 16))) & 0xF)]
                position += 1
            }
            return position
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static let randomWords = Mutex(RandomWords())

    /// Random words from the system's generator (getrandom, as `SystemRandomNumberGenerator`
    /// reads it), fetched 512 at a time and each handed out once.
    private struct RandomWords: ~Copyable {
        private var words = [UInt64](repeating: 0, count: 512)
        private var next = 512

        mutating func nextPair() -> (UInt64, UInt64) {
            if next + 2 > words.count {
                words.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
                next = 0
            }
            defer { next += 2 }
            return (words[next], words[next + 1])
        }
    }
}
