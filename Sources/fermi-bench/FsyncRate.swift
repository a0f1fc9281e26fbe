import FermiRuntime
import Foundation

/// The disk's own rate of durable writes: 4 KiB written and `fdatasync`ed, again and again, in
/// one file. No store can acknowledge more unbatched durable writes per second than this.
enum FsyncRate {
    /// The size of each write: one page, as a database writes it.
    static let blockSize = 4096

    /// Writes and syncs for `duration` or `iterations` times, whichever ends first, in a file
    /// in `directory`; returns the syncs per second.
    static func measure(
        in directory: URL, for duration: Duration = .seconds(2), iterations: Int = 2000
    ) throws -> Double {
        let path = directory.appendingPathComponent("fsync-rate").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw FsyncRateError.failed("open \(path)", errno) }
        defer {
            close(descriptor)
            unlink(path)
        }
        // Blocks are rewritten within a file allocated and synced up front, so each sync flushes
        // data only, as a database's preallocated log does, not the file's growing size too.
        let blocksInFile = 256
        guard posix_fallocate(descriptor, 0, off_t(blocksInFile * blockSize)) == 0,
            fsync(descriptor) == 0
        else { throw FsyncRateError.failed("allocate \(path)", errno) }

        var block = [UInt8](repeating: 0, count: blockSize)
        let clock = ContinuousClock()
        let start = clock.now
        var syncs = 0
        while syncs < iterations, clock.now - start < duration {
            block[0] = UInt8(truncatingIfNeeded: syncs)
            let offset = off_t((syncs % blocksInFile) * blockSize)
            let written = block.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, blockSize, offset) }
            guard written == blockSize else { throw FsyncRateError.failed("write \(path)", errno) }
            guard fdatasync(descriptor) == 0 else { throw FsyncRateError.failed("fdatasync \(path)", errno) }
            syncs += 1
        }
        return Double(syncs) / (clock.now - start).inSeconds
    }
}

/// Why the disk's sync rate could not be measured.
enum FsyncRateError: Error, CustomStringConvertible {
    case failed(String, Int32)

    var description: String {
        switch self {
        case .failed(let operation, let code):
            "cannot measure the disk's sync rate: \(operation) failed: \(String(cString: strerror(code)))"
        }
    }
}
