/// Object UIDs as Kubernetes mints them: random (version 4) UUIDs, in lowercase.
public enum RandomUID {
    /// A new UID. Its random bits come from the system's generator in two reads: Foundation's
    /// `UUID()` opened, read and closed `/dev/urandom` for each one, which was 2.5% of an
    /// apply of 10,000 objects.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        // The version (4) is the 13th digit; the RFC 4122 variant is the top two bits of the 17th.
        let high = (generator.next() & ~0xF000) | 0x4000
        let low = (generator.next() & ~(0xC000 << 48)) | (0x8000 << 48)
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
}
