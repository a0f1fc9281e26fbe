import DequeModule
import FermiAPI
import FermiAPIServer
import Synchronization

/// Writes the Events recorders hand it in the background, as client-go's broadcaster does:
/// recording never waits on the store, and what piles up meanwhile goes out in batches, the
/// new Events of a batch in one write.
///
/// Each object's Events keep the order they were recorded in: a batch holds at most one Event
/// per object, so each is written after the one before it and resource versions order them
/// as they happened. A controller manager counts Events not yet written as work not yet done.
public final class EventBroadcaster: Sendable {
    /// The most Events one batch holds.
    static let batchLimit = 500

    /// What was last written of an Event: enough to count a repeat without reading it back.
    private struct Written {
        var resourceVersion: String
        var count: Int32
        var first: Timestamp
    }

    private struct State {
        var pending = Deque<Event>()
        var writing = false
        var failed = 0
        var written: [String: Written] = [:]
        var flushWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let server: APIServer
    private let activity: ActivitySignal?
    private let state = Mutex(State())

    /// The most Events remembered: past it all are forgotten, and a repeat of a forgotten one
    /// is read back once (as client-go's correlator keeps a bounded cache).
    private let rememberedLimit: Int

    /// A broadcaster writing to `server`, telling `activity` each time it has written all it
    /// had, and remembering up to `rememberedLimit` Events to count their repeats.
    public init(server: APIServer, activity: ActivitySignal? = nil, rememberedLimit: Int = 16_384) {
        self.server = server
        self.activity = activity
        self.rememberedLimit = rememberedLimit
    }

    /// Whether every Event handed over has been written, or given up on.
    public var isIdle: Bool {
        state.withLock { $0.pending.isEmpty && !$0.writing }
    }

    /// How many Events could not be written.
    public var failureCount: Int {
        state.withLock { $0.failed }
    }

    /// Queues `events`, each as first seen (count 1, first and last time when it happened), to
    /// be written in order.
    func enqueue(_ events: [Event]) {
        guard !events.isEmpty else { return }
        let startWriter = state.withLock { state in
            state.pending.append(contentsOf: events)
            defer { state.writing = true }
            return !state.writing
        }
        if startWriter { Task { await self.writePending() } }
    }

    /// Returns once every Event queued so far has been written, or given up on.
    public func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                if state.pending.isEmpty && !state.writing { return true }
                state.flushWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func writePending() async {
        while let batch = nextBatch() { await write(batch) }
        activity?.signal()
    }

    /// The next batch, in order with at most one Event per object; nil (and no longer
    /// writing) when nothing is pending.
    private func nextBatch() -> [Event]? {
        let (batch, waiters) = state.withLock { state -> ([Event]?, [CheckedContinuation<Void, Never>]) in
            guard !state.pending.isEmpty else {
                state.writing = false
                defer { state.flushWaiters = [] }
                return (nil, state.flushWaiters)
            }
            var batch: [Event] = []
            var objects = Set<String>()
            var later: [Event] = []
            // Skipped ones are looked past only so far: many events about one object would
            // otherwise be scanned again for every batch.
            while batch.count < Self.batchLimit, later.count < Self.batchLimit, let event = state.pending.popFirst() {
                if objects.insert(Self.object(of: event)).inserted {
                    batch.append(event)
                } else {
                    later.append(event)
                }
            }
            state.pending.prepend(contentsOf: later)
            return (batch, [])
        }
        for waiter in waiters { waiter.resume() }
        return batch
    }

    private static func object(of event: Event) -> String {
        let involved = event.involvedObject
        return "\(involved?.kind ?? "")/\(involved?.namespace ?? "")/\(involved?.name ?? "")/\(involved?.uid ?? "")"
    }

    /// Creates the batch's new Events in one write; counts up the ones written before (and
    /// any found to exist) one by one.
    private func write(_ batch: [Event]) async {
        var fresh: [Event] = []
        var repeats: [Event] = []
        state.withLock { state in
            for event in batch {
                if state.written[event.metadata.name ?? ""] == nil { fresh.append(event) } else { repeats.append(event) }
            }
        }
        if !fresh.isEmpty {
            if let created = try? await server.create(batch: fresh) {
                for (index, event) in created.enumerated() {
                    guard let event else {
                        repeats.append(fresh[index])
                        continue
                    }
                    remember(event)
                }
            } else {
                repeats += fresh
            }
        }
        for event in repeats { await writeOne(event) }
    }

    /// Writes one occurrence: a new Event, or the one it repeats counted up.
    private func writeOne(_ occurrence: Event) async {
        let name = occurrence.metadata.name ?? ""
        let namespace = occurrence.metadata.namespace ?? "default"
        let now = occurrence.lastTimestamp ?? Timestamp(secondsSince1970: 0)
        for attempt in 0..<3 {
            do {
                var known = state.withLock { $0.written[name] }
                // Read back only when creating found it exists (another process, or a restart).
                if known == nil, attempt > 0, let stored = try? await server.get(Event.self, namespace: namespace, name: name) {
                    known = Written(resourceVersion: stored.metadata.resourceVersion ?? "", count: stored.count ?? 1, first: stored.firstTimestamp ?? now)
                }
                var event = occurrence
                if let known {
                    event.metadata.resourceVersion = known.resourceVersion
                    event.count = known.count + 1
                    event.firstTimestamp = known.first
                    event.lastTimestamp = max(known.first, now)
                    remember(try await server.update(event))
                } else {
                    remember(try await server.create(event))
                }
                return
            } catch APIError.conflict, APIError.alreadyExists, APIError.notFound {
                // Another writer got there first (or removed it): read it again and count on it.
                state.withLock { _ = $0.written.removeValue(forKey: name) }
                continue
            } catch {
                break
            }
        }
        state.withLock { $0.failed += 1 }
    }

    private func remember(_ event: Event) {
        let written = Written(
            resourceVersion: event.metadata.resourceVersion ?? "", count: event.count ?? 1,
            first: event.firstTimestamp ?? event.lastTimestamp ?? Timestamp(secondsSince1970: 0))
        state.withLock { state in
            if state.written.count >= rememberedLimit { state.written = [:] }
            state.written[event.metadata.name ?? ""] = written
        }
    }
}
