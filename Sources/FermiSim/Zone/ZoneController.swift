import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation
import Synchronization

/// Reports each `Zone`: the health applied now (its spec, or an injected fault), its nodes
/// and how many are Ready, and its GPUs and how many pods hold. GPUs held are kept as a
/// running total from pod changes, so a busy zone is never recounted pod by pod.
public final class ZoneController: Reconciler {
    public static let name = "zone"

    let server: APIServer
    let clock: any ControlClock
    let zones: Informer<Zone>
    let nodes: Informer<Node>
    let allocation = Mutex(GPUsHeld())

    init(server: APIServer, clock: any ControlClock, zones: Informer<Zone>, nodes: Informer<Node>) {
        self.server = server
        self.clock = clock
        self.zones = zones
        self.nodes = nodes
    }

    /// GPUs held by pods, per pod and per zone.
    struct GPUsHeld {
        var byPod: [ObjectKey: (zone: String, gpus: Decimal)] = [:]
        var byZone: [String: Decimal] = [:]

        /// Records what `pod` holds now (nothing, when deleted or finished); returns the zones
        /// whose total changed.
        mutating func record(_ key: ObjectKey, holding: (zone: String, gpus: Decimal)?) -> [String] {
            let old = byPod[key]
            byPod[key] = holding
            guard old?.zone != holding?.zone || old?.gpus != holding?.gpus else { return [] }
            if let old { byZone[old.zone, default: 0] -= old.gpus }
            if let holding { byZone[holding.zone, default: 0] += holding.gpus }
            return [old?.zone, holding?.zone].compactMap { $0 }
        }
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let nodes = informers.informer(Node.self)
        nodes.indexByPoolAndZone()
        let controller = ZoneController(
            server: manager.server, clock: manager.clock, zones: informers.informer(Zone.self), nodes: nodes)
        controller.zones.enqueueChanges(in: queue)
        nodes.onChange { event in
            if case .updated(let old, let new) = event, NodeConditions.isReady(old) == NodeConditions.isReady(new),
                old.status?.capacity == new.status?.capacity, old.metadata.labels == new.metadata.labels
            {
                return
            }
            if let zone = event.object.metadata.labels?[SimNames.zoneLabel] { queue.add(ObjectKey(name: zone)) }
        }
        informers.informer(Pod.self).onChange { event in
            let pod = event.object
            var holding: (zone: String, gpus: Decimal)?
            if case .deleted = event {} else if pod.holdsNodeResources, let nodeName = pod.spec.nodeName,
                let node = nodes.object(name: nodeName), let zone = node.metadata.labels?[SimNames.zoneLabel]
            {
                let gpus = PodResources.wholeGPUs(of: pod, on: node)
                if gpus > 0 { holding = (zone, gpus) }
            }
            let changed = controller.allocation.withLock { $0.record(ObjectKey(pod), holding: holding) }
            for zone in changed { queue.add(ObjectKey(name: zone)) }
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let zone = zones.object(key) else { return .done }
        let members = nodes.nodes(inZone: zone.name)
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
        let total = members.map(GPUAllocation.physicalGPUs).reduce(0, +)
        let allocated = allocation.withLock { $0.byZone[zone.name] ?? 0 }
        status.totalGPUs = Int32(truncating: total as NSDecimalNumber)
        status.allocatedGPUs = Int32(truncating: allocated as NSDecimalNumber)
        let available = health != ZoneHealth.down
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

}
