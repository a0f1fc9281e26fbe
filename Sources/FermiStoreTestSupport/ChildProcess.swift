import Foundation
import Synchronization

/// A process run as a child, whose standard output and standard error are collected line by
/// line as they arrive, so a test can act on what the child has acknowledged so far.
public final class ChildProcess: Sendable {
    private let process: Process
    private let output = ArrivingLines()
    private let errorOutput = ArrivingLines()

    /// Starts `executable` (a product of this package, found by `BuildProducts`) with
    /// `arguments`, and `environment` added to this process's own.
    public convenience init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        try self.init(executableURL: try BuildProducts.executable(named: executable), arguments, environment: environment)
    }

    /// Starts the program at `executableURL` with `arguments` and `environment` added to this
    /// process's own, its standard input empty (a child never reads the test's own).
    public init(executableURL: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        Self.drain(stdout.fileHandleForReading, into: output)
        Self.drain(stderr.fileHandleForReading, into: errorOutput)
    }

    /// The complete lines the child has printed so far.
    public var lines: [String] {
        output.lines
    }

    /// What the child printed on standard error.
    public var errorText: String {
        errorOutput.text
    }

    /// Returns once the child has printed `count` lines, or closed its output.
    public func waitForLines(_ count: Int) async {
        await output.waitForLines(count)
    }

    /// Returns the first line from the `after`th on that `matches`, waiting for the child to
    /// print it; nil when the child closes its output first.
    public func firstLine(after: Int = 0, where matches: (String) -> Bool) async -> String? {
        await output.firstLine(after: after, where: matches)
    }

    /// Returns the first line of standard error that `matches`, waiting for the child to print
    /// it; nil when the child closes its standard error first.
    public func firstErrorLine(where matches: (String) -> Bool) async -> String? {
        await errorOutput.firstLine(after: 0, where: matches)
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
        await output.waitForLines(Int.max)
        await errorOutput.waitForLines(Int.max)
        return process.terminationStatus
    }

    private static func drain(_ handle: FileHandle, into lines: ArrivingLines) {
        // A thread of its own blocks on the pipe, so the child never stalls on a full pipe.
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty {
                    lines.append(nil)
                    return
                }
                lines.append(chunk)
            }
        }
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
