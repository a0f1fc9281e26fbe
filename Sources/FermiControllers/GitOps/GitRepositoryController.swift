import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The GitOps controller: every `interval` (on the simulation clock) it fetches each
/// GitRepository with `git` into its cache, and when the revision is new, applies its
/// manifests through the same apply as `fermi apply` (namespaces, queues and flavors first),
/// prunes what it applied before and the repository no longer has (when `prune` is set; only
/// from its own inventory), and records the revision and inventory. A bad revision
/// (malformed YAML, an invalid object) applies nothing: the previous revision stays, and the
/// error is reported with its file and line. Between revisions it compares the store with
/// Git: drifted objects make it OutOfSync, with the fields that differ, and with `selfHeal`
/// are put back. Health is gathered from the applied objects' own status.
public struct GitRepositoryController: Reconciler {
    public static let name = "gitops"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let repositories: Informer<GitRepository>
    let cacheRoot: URL

    public static func controller(in manager: ControllerManager, cacheRoot: URL? = nil) -> Controller {
        let queue = manager.makeQueue()
        let controller = GitRepositoryController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "gitops-controller"),
            repositories: manager.informers.informer(GitRepository.self),
            cacheRoot: cacheRoot ?? Self.defaultCacheRoot)
        controller.repositories.enqueueChanges(in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    /// Where repositories are cloned when no other folder is given.
    public static var defaultCacheRoot: URL {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".fermi/git-cache")
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the repository.
        guard let repository = repositories.object(key), repository.metadata.deletionTimestamp == nil else { return .done }
        let interval = repository.spec.interval.flatMap(GoDuration.init)?.duration ?? .seconds(60)
        if repository.spec.suspend == true { return .done }
        let now = Timestamp(clock.now.date)
        var status = repository.status ?? GitRepositoryStatus()
        status.observedGeneration = repository.metadata.generation
        let sync = GitSync(server: server, source: "\(repository.namespace)/\(repository.name)")
        // 2: Fetch the revision and read its manifests.
        let checkout = GitCheckout(url: repository.spec.url ?? "", cacheRoot: cacheRoot)
        let revision: String
        let files: [(source: String, text: String)]
        do {
            revision = try checkout.fetch(repository.spec.ref)
            files = try checkout.manifests(at: revision, path: repository.spec.path)
        } catch {
            status.lastError = "\(error)"
            set(&status, "Fetched", false, reason: "FetchFailed", message: "\(error)", now: now)
            try await write(status, of: repository)
            return .requeue(after: interval)
        }
        status.lastFetchedRevision = revision
        set(&status, "Fetched", true, reason: "Fetched", message: "Fetched revision \(revision)", now: now)
        let manifests = await sync.read(files, targetNamespace: repository.spec.targetNamespace)
        // 3: A bad revision applies nothing; the last good one stays.
        guard manifests.errors.isEmpty else {
            let message = manifests.errors.prefix(5).joined(separator: "; ")
            if status.lastError != message {
                recorder.record(repository, type: EventType.warning, reason: "SyncFailed", message: "Revision \(revision) not applied: \(message)")
            }
            status.lastError = message
            status.sync = GitSyncStatus.outOfSync
            set(&status, "Ready", false, reason: "ValidationFailed", message: "Revision \(revision) not applied: \(message)", now: now)
            try await write(status, of: repository)
            return .requeue(after: interval)
        }
        // Objects another repository applied first stay its own.
        let (objects, others) = try await sync.claim(manifests.objects)
        if !others.isEmpty {
            let names = others.map { "\($0.entry.kind ?? "") \($0.entry.namespace.map { "\($0)/" } ?? "")\($0.entry.name ?? "") (\($0.owner))" }
            recorder.record(
                repository, type: EventType.warning, reason: "SharedResource",
                message: "Left to the source that applied them first: \(names.joined(separator: ", "))")
        }
        let entries = objects.map(GitSync.entry(of:))
        // 4: A new revision (or spec) is applied whole, then what it dropped is pruned.
        if revision != status.lastAppliedRevision || repository.metadata.generation != repository.status?.observedGeneration {
            let results = try await sync.apply(objects)
            let changed = results.filter { $0.outcome != .unchanged }.count
            var pruned: [InventoryEntry] = []
            if repository.spec.prune == true { pruned = try await sync.prune(status.inventory ?? [], keeping: entries) }
            status.lastAppliedRevision = revision
            status.inventory = entries
            status.lastSyncTime = now
            status.lastError = nil
            status.drift = nil
            status.sync = GitSyncStatus.synced
            recorder.record(
                repository, reason: "Synced",
                message: "Applied revision \(revision): \(entries.count) objects, \(changed) changed, \(pruned.count) pruned")
        } else {
            // 5: The same revision: has the store drifted from it?
            let drift = try await sync.drift(of: objects)
            if !drift.isEmpty, repository.spec.selfHeal == true {
                _ = try await sync.apply(objects)
                let names = drift.map { "\($0.kind ?? "") \($0.name ?? "")" }.joined(separator: ", ")
                recorder.record(repository, reason: "SelfHealed", message: "Reverted drift in \(names)")
                status.drift = nil
                status.sync = GitSyncStatus.synced
            } else {
                status.drift = drift.isEmpty ? nil : drift
                status.sync = drift.isEmpty ? GitSyncStatus.synced : GitSyncStatus.outOfSync
            }
        }
        // 6: Health, readiness, and the next look.
        status.health = try await sync.health(of: status.inventory ?? [])
        set(
            &status, "Ready", status.sync == GitSyncStatus.synced, reason: status.sync == GitSyncStatus.synced ? "Synced" : "Drifted",
            message: status.sync == GitSyncStatus.synced ? "Revision \(revision) applied" : "\(status.drift?.count ?? 0) object(s) differ from Git", now: now)
        try await write(status, of: repository)
        return .requeue(after: interval)
    }

    private func set(_ status: inout GitRepositoryStatus, _ type: String, _ value: Bool, reason: String, message: String, now: Timestamp) {
        status.conditions = Conditions.setting(
            status.conditions ?? [], Condition(type: type, status: value ? "True" : "False", reason: reason, message: message), now: now)
    }

    private func write(_ status: GitRepositoryStatus, of repository: GitRepository) async throws {
        guard status != repository.status else { return }
        var next = repository
        next.status = status
        _ = try await server.updateStatus(next)
    }
}
