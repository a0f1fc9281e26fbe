import FermiAPI
import FermiAPIServer
import Synchronization

/// The informers of one process, fed by a single list and a single watch of the store, as
/// client-go's shared informer factory feeds its informers: one informer per kind, however many
/// controllers read it.
///
/// `run` lists every kind at one revision, then follows the watch from there; when the watch
/// reports that its revision was compacted away ("gone"), it lists again, and each informer
/// tells its handlers what changed in between.
public final class InformerSet: Sendable {
    private struct State {
        var informers: [ObjectIdentifier: any KindInformer] = [:]
        /// Kinds in the order they were asked for, so lists run in a stable order.
        var kinds: [any APIObject.Type] = []
        var deliveredRevision: Int64 = 0
        var hasSynced = false
        var relistCount = 0
        var syncWaiters: [CheckedContinuation<Void, Never>] = []
        /// Set when the set is stopped before it synced: nobody waits for the sync any more.
        var syncAbandoned = false
    }

    private let server: APIServer
    private let activity: ActivitySignal?
    private let state = Mutex(State())

    /// Informers over `server`; `activity` hears whenever they move on, for settling.
    public init(server: APIServer, activity: ActivitySignal? = nil) {
        self.server = server
        self.activity = activity
    }

    /// The informer of kind `T`, made on first use. Ask for every kind before `run` starts.
    public func informer<T: APIObject>(_ type: T.Type) -> Informer<T> {
        state.withLock { state in
            if let existing = state.informers[ObjectIdentifier(T.self)] as? Informer<T> { return existing }
            let informer = Informer<T>()
            state.informers[ObjectIdentifier(T.self)] = informer
            state.kinds.append(T.self)
            return informer
        }
    }

    /// The store revision every informer has taken in.
    public var revision: Int64 {
        state.withLock { $0.deliveredRevision }
    }

    /// Whether the first list has been taken in.
    public var hasSynced: Bool {
        state.withLock { $0.hasSynced }
    }

    /// How many times the watch fell behind compaction and everything was listed again.
    public var relistCount: Int {
        state.withLock { $0.relistCount }
    }

    /// Returns once the first list has been taken in.
    public func waitForSync() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let synced = state.withLock { state -> Bool in
                let done = state.hasSynced || state.syncAbandoned
                if !done { state.syncWaiters.append(continuation) }
                return done
            }
            if synced { continuation.resume() }
        }
    }

    /// Lets everyone waiting for the first list go, and anyone who comes to wait later, the
    /// set being stopped (perhaps before it synced).
    func abandonSyncWaiters() {
        let waiters = state.withLock { state in
            state.syncAbandoned = true
            defer { state.syncWaiters = [] }
            return state.syncWaiters
        }
        for waiter in waiters { waiter.resume() }
        activity?.signal()
    }

    /// Returns once the informers have taken in every write the store held when this was
    /// called (or the set is stopped): after a write conflict, the newer object is in the cache.
    public func catchUp() async {
        guard let activity, let target = try? await server.currentRevision() else { return }
        while true {
            let generation = activity.generation
            let done = state.withLock { $0.deliveredRevision >= target || $0.syncAbandoned }
            if done || Task.isCancelled { return }
            await activity.wait(after: generation)
        }
    }

    /// Makes `waitForSync` wait again, for a new run.
    func expectSync() {
        state.withLock { $0.syncAbandoned = false }
    }

    /// Lists, then watches, until cancelled. Run again after stopping, it carries on from the
    /// revision it had reached (listing again if that revision is gone).
    public func run() async throws {
        while !Task.isCancelled {
            do {
                if !hasSynced { try await relist() }
                try await follow(after: revision)
            } catch APIError.gone {
                state.withLock { $0.relistCount += 1 }
                try await relist()
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                // The store is unreachable or busy: try again shortly, from where we were.
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    private func relist() async throws {
        let (kinds, informers) = state.withLock { ($0.kinds, $0.informers) }
        let snapshot = try await server.list(kinds: kinds)
        var byKind: [ObjectIdentifier: [any APIObject]] = [:]
        for object in snapshot.objects { byKind[ObjectIdentifier(type(of: object)), default: []].append(object) }
        for kind in kinds {
            informers[ObjectIdentifier(kind)]?.replace(withAny: byKind[ObjectIdentifier(kind)] ?? [])
        }
        let waiters = state.withLock { state in
            state.deliveredRevision = max(state.deliveredRevision, snapshot.revision)
            state.hasSynced = true
            defer { state.syncWaiters = [] }
            return state.syncWaiters
        }
        for waiter in waiters { waiter.resume() }
        activity?.signal()
    }

    /// How many changes the informers take in before letting other work have the thread.
    static let eventsPerSlice = 32

    private func follow(after revision: Int64) async throws {
        let (kinds, informers) = state.withLock { ($0.kinds, $0.informers) }
        var sinceYield = 0
        for try await event in try await server.watch(kinds: kinds, after: revision) {
            if let object = event.object {
                informers[ObjectIdentifier(type(of: object))]?.take(any: object, deleted: event.kind == .deleted)
            }
            // A revision is taken in whole only with its last change: a write of many objects
            // is one revision, and a cache showing part of it is not yet at that revision.
            let whole = event.endsRevision ? event.revision : event.revision - 1
            state.withLock { $0.deliveredRevision = max($0.deliveredRevision, whole) }
            activity?.signal()
            // A burst of changes goes through without a suspension: taken a slice at a time,
            // it does not hold a thread of the cooperative pool (one per core) for all of it
            // while a worker's continuation waits behind it.
            sinceYield += 1
            if sinceYield == Self.eventsPerSlice {
                sinceYield = 0
                await Task.yield()
            }
        }
    }
}
