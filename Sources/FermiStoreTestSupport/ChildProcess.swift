import Foundation
import Synchronization

/// A process run as a child, whose standard output is collected line by line as it
/// arrives, so a test can act on what the child has acknowledged so far.
public final class ChildProcess: Sendable {
    private let process: Process
    private let output = Mutex(OutputState())
    private let errorOutput = Mutex(Data())

    private struct OutputState {
        var pending = Data()
        var lines: [String] = []
        var closed = false
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    /// Starts `executable` (a product of this package, found by `BuildProducts`) with `arguments`.
    public convenience init(_ executable: String, _ arguments: [String]) throws {
        try self.init(executableURL: try BuildProducts.executable(named: executable), arguments)
    }

    /// Starts the program at `executableURL` with `arguments`, its standard input empty (a
    /// child never reads the test's own).
    public init(executableURL: URL, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        Self.drain(stdout.fileHandleForReading) { [self] chunk in
            self.append(chunk)
        }
        Self.drain(stderr.fileHandleForReading) { [self] chunk in
            self.errorOutput.withLock { $0.append(chunk ?? Data()) }
        }
    }

    /// The complete lines the child has printed so far.
    public var lines: [String] {
        output.withLock { $0.lines }
    }

    /// What the child printed on standard error.
    public var errorText: String {
        String(decoding: errorOutput.withLock { $0 }, as: UTF8.self)
    }

    /// Returns once the child has printed `count` lines, or closed its output.
    public func waitForLines(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = output.withLock { state -> Bool in
                if state.lines.count >= count || state.closed { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Returns the first line from the `after`th on that `matches`, waiting for the child to
    /// print it; nil when the child closes its output first.
    public func firstLine(after: Int = 0, where matches: (String) -> Bool) async -> String? {
        var seen = after
        while true {
            await waitForLines(seen + 1)
            let lines = self.lines
            guard lines.count > seen else { return nil }
            if let line = lines[seen...].first(where: matches) { return line }
            seen = lines.count
        }
    }

    /// Kills the child with SIGKILL: no chance to flush, close or clean up. A child that has
    /// already exited is left alone, so its process id, which may be another's by now, is not.
    public func killHard() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the child to exit and for its output to close; returns its exit status.
    @discardableResult
    public func waitForExit() async -> Int32 {
        let process = self.process
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
        await waitForLines(Int.max)
        return process.terminationStatus
    }

    private static func drain(
        _ handle: FileHandle, _ deliver: @escaping @Sendable (Data?) -> Void
    ) {
        // A thread of its own blocks on the pipe, so the child never stalls on a full pipe.
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty {
                    deliver(nil)
                    return
                }
                deliver(chunk)
            }
        }
    }

    private func append(_ chunk: Data?) {
        let due = output.withLock { state -> [CheckedContinuation<Void, Never>] in
            if let chunk {
                state.pending.append(chunk)
                while let newline = state.pending.firstIndex(of: UInt8(ascii: "\n")) {
                    state.lines.append(
                        String(decoding: state.pending[state.pending.startIndex..<newline], as: UTF8.self))
                    state.pending.removeSubrange(state.pending.startIndex...newline)
                }
            } else {
                state.closed = true
            }
            let lineCount = state.lines.count
            let closed = state.closed
            let due = state.waiters.filter { closed || lineCount >= $0.count }
            state.waiters.removeAll { closed || lineCount >= $0.count }
            return due.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}

/// Finds the executables this package builds, beside the running test bundle or benchmark.
public enum BuildProducts {
    public static func executable(named name: String) throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        if let override = ProcessInfo.processInfo.environment["FERMI_BUILD_PRODUCTS"] {
            directory = URL(fileURLWithPath: override)
        }
        // On macOS the test binary sits inside a .xctest bundle: look a few levels up too.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: name])
    }
}
