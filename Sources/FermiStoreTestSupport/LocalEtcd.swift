// FermiStoreTestSupport holds what the store's tests and benchmark share: a real etcd started
// on loopback, and the way to find and run the store driver in its own process.

import Foundation
import FermiStore

/// A real etcd server on 127.0.0.1 with free ports and a temporary data directory, for tests
/// and benchmarks; `stop()` ends it and removes its data.
public final class LocalEtcd: Sendable {
    /// The client URL, e.g. `http://127.0.0.1:41234`.
    public let endpoint: String
    private let process: Process
    private let directory: URL

    /// Starts etcd and returns once it answers requests.
    public static func start() async throws -> LocalEtcd {
        var lastError: any Error = LocalEtcdError.notStarted("no attempt made")
        // A free port can be taken by someone else between probing and binding: try again.
        for _ in 0..<3 {
            do {
                return try await LocalEtcd()
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private init() async throws {
        let binary = try Self.locateBinary()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("fermi-etcd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clientPort = try FreePort.find()
        let peerPort = try FreePort.find()
        endpoint = "http://127.0.0.1:\(clientPort)"
        let peer = "http://127.0.0.1:\(peerPort)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--name", "fermi-test",
            "--data-dir", directory.appendingPathComponent("data").path,
            "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", "fermi-test=\(peer)",
            // Batches of hundreds of writes are one transaction each.
            "--max-txn-ops", "10000", "--max-request-bytes", "\(16 << 20)",
            "--quota-backend-bytes", "\(8 << 30)",
        ]
        let log = directory.appendingPathComponent("etcd.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        do {
            try await waitUntilServing()
        } catch {
            stop()
            throw error
        }
    }

    /// Stops the server (SIGTERM, then SIGKILL) and removes its data directory.
    public func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit {
        stop()
    }

    private func waitUntilServing() async throws {
        let store = EtcdStore(endpoint: endpoint, requestTimeout: .seconds(2))
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw LocalEtcdError.notStarted(logTail())
            }
            if (try? await store.currentRevision()) != nil { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LocalEtcdError.notStarted("no answer within 20 s; \(logTail())")
    }

    private func logTail() -> String {
        let log = (try? String(contentsOf: directory.appendingPathComponent("etcd.log"), encoding: .utf8)) ?? ""
        return String(log.suffix(2000))
    }

    private static func locateBinary() throws -> String {
        let candidates =
            [ProcessInfo.processInfo.environment["ETCD_BIN"]].compactMap { $0 }
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
            .split(separator: ":").map { "\($0)/etcd" } + ["/usr/bin/etcd"]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            throw LocalEtcdError.notInstalled
        }
        return found
    }
}

/// Why a local etcd could not be had.
public enum LocalEtcdError: Error, CustomStringConvertible {
    case notInstalled
    case notStarted(String)

    public var description: String {
        switch self {
        case .notInstalled:
            "etcd is not installed: run hack/setup.sh (it installs Debian's etcd-server)"
        case .notStarted(let log):
            "etcd did not start: \(log)"
        }
    }
}
