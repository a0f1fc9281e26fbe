/// The 64-bit FNV-1a hash: stable across runs and processes, unlike `Hasher`, for names and
/// made-up ids that must come out the same every time.
public enum FNV1a {
    public static func value(_ text: String) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        return value
    }

    /// The hash as 16 hex digits.
    public static func hash(_ text: String) -> String {
        let hex = String(value(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
