import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation
import Synchronization

/// Reports each `Zone`: the health applied now (its spec, or an injected fault), its nodes
/// and how many are Ready, and its GPUs and how many pods hold, from running totals
/// (`ZoneTally`) kept from node and pod changes.
public final class ZoneController: Reconciler {
    public static let name = "zone"

    let server: APIServer
    let clock: any ControlClock
    let zones: Informer<Zone>
    let tally = Mutex(ZoneTally())

    init(server: APIServer, clock: any ControlClock, zones: Informer<Zone>) {
        self.server = server
        self.clock = clock
        self.zones = zones
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let nodes = informers.informer(Node.self)
        let controller = ZoneController(server: manager.server, clock: manager.clock, zones: informers.informer(Zone.self))
        controller.zones.enqueueChanges(in: queue)
        nodes.onChange { event in
            let node: Node? = if case .deleted = event { nil } else { event.object }
            let changed = controller.tally.withLock { $0.record(node: event.object.name, node) }
            for zone in changed { queue.add(ObjectKey(name: zone)) }
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
            let changed = controller.tally.withLock { $0.record(pod: ObjectKey(pod), holding: holding) }
            for zone in changed { queue.add(ObjectKey(name: zone)) }
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let zone = zones.object(key) else { return .done }
        let totals = tally.withLock { $0.byZone[zone.name] ?? ZoneTally.Totals() }
        let health = zone.appliedHealth
        var status = zone.status ?? ZoneStatus()
        let now = Timestamp(clock.now.date)
        if status.health != health {
            status.health = health
            status.lastTransitionTime = now
        }
        status.observedGeneration = zone.metadata.generation
        status.nodes = Int32(totals.nodes)
        status.readyNodes = Int32(totals.readyNodes)
        status.totalGPUs = Int32(truncating: totals.gpus as NSDecimalNumber)
        status.allocatedGPUs = Int32(truncating: totals.allocatedGPUs as NSDecimalNumber)
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
