import ArgumentParser
import FermiStore
import FermiStoreTestSupport
import Foundation

/// Drives load against a store from a process of its own, for the multi-process tests (crash
/// safety, lost updates, cross-process watches) and the benchmark. It prints one line per
/// acknowledged write, flushed at once, so that whoever reads it knows what was acknowledged.
@main
struct StoreDriver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fermi-store-driver",
        abstract: "Drives writes against a Fermi store from its own process.",
        subcommands: [WriteLoop.self, Increment.self, Changes.self])
}

/// Options every subcommand shares.
struct StoreOptions: ParsableArguments {
    @Option(help: "The store: sqlite:PATH, etcd:http://HOST:PORT or memory:.")
    var store: String

    func open() throws -> any Store {
        try StoreLocation(parsing: store).open()
    }
}

/// Prints one line to standard output and flushes it, so a line printed is a line delivered.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

extension StoreDriver {
    /// Creates keys as fast as it can until killed, printing `REVISION KEY` after each.
    struct WriteLoop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-loop",
            abstract: "Create keys one per commit as fast as possible, printing each acknowledged one.")

        @OptionGroup var options: StoreOptions
        @Option(help: "The prefix of the keys to create.") var prefix: String
        @Option(help: "Stop after this many creates (default: run until killed).") var count: Int?
        @Option(help: "The size of each value in bytes.") var valueSize = 1024

        func run() async throws {
            let store = try options.open()
            let filler = Data(repeating: UInt8(ascii: "x"), count: valueSize)
            var index = 0
            while count.map({ index < $0 }) ?? true {
                let key = "\(prefix)\(String(format: "%08d", index))"
                let written = try await store.create(key, value: filler)
                emit("\(written.modRevision) \(key)")
                index += 1
            }
        }
    }

    /// Increments one counter by read-modify-write with compare-and-swap, retrying conflicts.
    struct Increment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Increment a counter key with compare-and-swap, retrying on conflict.")

        @OptionGroup var options: StoreOptions
        @Option(help: "The counter's key; it must exist and hold a decimal number.") var key: String
        @Option(help: "How many increments to make.") var times: Int

        func run() async throws {
            let store = try options.open()
            var conflicts = 0
            for _ in 0..<times {
                while true {
                    let current = try await store.get(key)
                    let count = Int(String(decoding: current.value, as: UTF8.self)) ?? 0
                    do {
                        try await store.update(
                            key, value: Data(String(count + 1).utf8),
                            expectedRevision: current.modRevision)
                        break
                    } catch StoreError.conflict {
                        conflicts += 1
                    }
                }
            }
            emit("done \(times) conflicts \(conflicts)")
        }
    }

    /// Makes a fixed mix of creates, updates and deletes, printing `REVISION KIND KEY` for each,
    /// or, with `--stamp`, values carrying the monotonic time of the write for latency figures.
    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a mix of creates, updates and deletes, one change per commit.")

        @OptionGroup var options: StoreOptions
        @Option(help: "The prefix of the keys to change.") var prefix: String
        @Option(help: "How many changes to make.") var count: Int
        @Option(help: "How many distinct keys the changes cycle over.") var keys = 100
        @Option(help: "Pause between changes, in microseconds.") var pauseMicroseconds = 0
        @Flag(help: "Put the monotonic clock reading (ns) in each value, for latency figures.")
        var stamp = false

        func run() async throws {
            let store = try options.open()
            var live = Set<Int>()
            for change in 0..<count {
                let slot = change % keys
                let key = "\(prefix)\(String(format: "%05d", slot))"
                let value = Data((stamp ? String(MonotonicTime.nanoseconds()) : "change-\(change)").utf8)
                let kind: String
                let revision: Int64
                if !live.contains(slot) {
                    revision = try await store.create(key, value: value).modRevision
                    live.insert(slot)
                    kind = "CREATED"
                } else if (change / keys) % 3 == 2 {
                    revision = try await store.commit([.delete(key: key, expectedRevision: nil)]).revision
                    live.remove(slot)
                    kind = "DELETED"
                } else {
                    revision = try await store.update(key, value: value).modRevision
                    kind = "UPDATED"
                }
                if !stamp { emit("\(revision) \(kind) \(key)") }
                if pauseMicroseconds > 0 {
                    try await Task.sleep(for: .microseconds(pauseMicroseconds))
                }
            }
            emit("done \(count)")
        }
    }
}
