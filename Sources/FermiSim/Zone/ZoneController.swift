import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Reports each `Zone`: the health applied now (its spec, or an injected fault), its nodes
/// and how many are Ready, and its GPUs and how many pods hold.
public struct ZoneController: Reconciler {
    public static let name = "zone"

    let server: APIServer
    let clock: any ControlClock
    let zones: Informer<Zone>
    let nodes: Informer<Node>
    let index: PodIndex

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        let reconciler = ZoneController(
            server: manager.server, clock: manager.clock, zones: informers.informer(Zone.self),
            nodes: informers.informer(Node.self), index: PodIndex(pods: pods))
        reconciler.zones.enqueueChanges(in: queue)
        reconciler.nodes.onChange { event in
            if let zone = event.object.metadata.labels?[SimNames.zoneLabel] { queue.add(ObjectKey(name: zone)) }
        }
        let nodes = reconciler.nodes
        pods.onChange { event in
            guard let nodeName = event.object.spec.nodeName,
                let zone = nodes.object(name: nodeName)?.metadata.labels?[SimNames.zoneLabel]
            else { return }
            queue.add(ObjectKey(name: zone))
        }
        return Controller(name: name, queue: queue, reconciler: reconciler)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let zone = zones.object(key) else { return .done }
        let members = nodes.objects().filter { $0.metadata.labels?[SimNames.zoneLabel] == zone.name }
        let health = zone.appliedHealth
        var status = zone.status ?? ZoneStatus()
        let now = Timestamp(clock.now.date)
        if status.health != health {
            status.health = health
            status.lastTransitionTime = now
        }
        status.observedGeneration = zone.metadata.generation
        status.nodes = Int32(members.count)
        status.readyNodes = Int32(members.filter(NodeConditions.isReady).count)
        var total: Decimal = 0
        var allocated: Decimal = 0
        for node in members {
            total += GPUAllocation.physicalGPUs(of: node)
            for pod in index.pods(on: node.name) where Self.holdsResources(pod) {
                for (resource, quantity) in PodResources.requests(of: pod) where SimNames.isAccelerator(resource) {
                    allocated += quantity * PodUsage.gpuShare(of: resource, on: node)
                }
            }
        }
        status.totalGPUs = Int32(truncating: total as NSDecimalNumber)
        status.allocatedGPUs = Int32(truncating: allocated as NSDecimalNumber)
        let available = health != "Down"
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: "Available", status: available ? "True" : "False", reason: health,
                message: available ? "Zone takes pods" : "Zone is down"),
            now: now)
        guard status != zone.status else { return .done }
        var next = zone
        next.status = status
        _ = try await server.updateStatus(next)
        return .done
    }

    /// Whether a pod holds its node's resources: bound and not finished.
    static func holdsResources(_ pod: Pod) -> Bool {
        !["Succeeded", "Failed"].contains(pod.status?.phase ?? "")
    }
}
