import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Each node's kubelet posting its status: capacity from its pool's shape (less failed GPUs),
/// and Ready while neither the node nor its zone is down. A node that goes down reports Ready
/// Unknown, as a node whose kubelet stopped posting does; the kubelet controller then fails
/// its pods with reason NodeLost. A recovered node comes back Ready and empty.
public struct NodeLifecycleController: Reconciler {
    public static let name = "node-lifecycle"

    let server: APIServer
    let clock: any ControlClock
    let nodes: Informer<Node>
    let pools: Informer<NodePool>
    let zones: Informer<Zone>
    let recorder: EventRecorder
    /// How often a Ready node posts its status though nothing changed; nil posts only changes
    /// (discrete-event runs, where a heartbeat would keep time from ever running out).
    let heartbeatInterval: Duration?

    /// The kubelet's default node status update frequency, as upstream's when leases are off.
    public static let defaultHeartbeat: Duration = .seconds(300)

    public static func controller(in manager: ControllerManager, heartbeat: Duration? = nil) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let reconciler = NodeLifecycleController(
            server: manager.server, clock: manager.clock, nodes: informers.informer(Node.self),
            pools: informers.informer(NodePool.self), zones: informers.informer(Zone.self),
            recorder: manager.eventRecorder(component: "kubelet"),
            heartbeatInterval: heartbeat)
        let nodes = reconciler.nodes
        nodes.indexByPoolAndZone()
        nodes.onChange { event in
            // Its own status writes come back as changes too: only what the status follows matters.
            if case .updated(let old, let new) = event,
                NodeImageCache.otherAnnotations(of: old) == NodeImageCache.otherAnnotations(of: new),
                old.metadata.labels == new.metadata.labels
            {
                return
            }
            queue.add(ObjectKey(event.object))
        }
        reconciler.zones.onChange { event in
            // A zone going down or coming back concerns its nodes; its status counts do not.
            if case .updated(let old, let new) = event, old.appliedHealth == new.appliedHealth { return }
            for node in nodes.nodes(inZone: event.object.name) { queue.add(ObjectKey(node)) }
        }
        reconciler.pools.onChange { event in
            if case .updated(let old, let new) = event, old.spec == new.spec { return }
            for node in nodes.nodes(inPool: event.object.name) { queue.add(ObjectKey(node)) }
        }
        return Controller(name: name, queue: queue, reconciler: reconciler)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let node = nodes.object(key), node.metadata.deletionTimestamp == nil else { return .done }
        let now = Timestamp(clock.now.date)
        let zoneName = node.metadata.labels?[SimNames.zoneLabel]
        let zoneHealth = zoneName.flatMap { zones.object(name: $0) }?.appliedHealth ?? ZoneHealth.healthy
        let nodeFault = node.metadata.annotations?[SimNames.faultAnnotation] ?? ""
        let down = nodeFault == "Down" || zoneHealth == "Down"
        let previousReady = node.status?.conditions?.first { $0.type == "Ready" }
        var ready =
            down
            ? NodeCondition(
                type: "Ready", status: "Unknown", reason: "NodeStatusUnknown",
                message: zoneHealth == "Down" ? "Zone \(zoneName ?? "") is down" : "Kubelet stopped posting node status.")
            : NodeCondition(type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status")
        let changed = previousReady?.status != ready.status
        ready.lastTransitionTime = changed ? now : previousReady?.lastTransitionTime ?? now
        ready.lastHeartbeatTime = previousReady?.lastHeartbeatTime ?? now

        var status: NodeStatus
        let failedGPUs = FailedGPUs(of: node).count
        if let poolName = node.metadata.labels?[SimNames.nodePoolLabel], let pool = pools.object(name: poolName),
            let index = NodeTemplate.index(of: node.name, pool: poolName)
        {
            status = NodeTemplate.status(of: pool, index: index, failedGPUs: failedGPUs, ready: ready, previous: node.status)
        } else {
            status = node.status ?? NodeStatus()
            status.conditions = (status.conditions ?? []).filter { $0.type != "Ready" } + [ready]
        }
        if status == node.status {
            guard let interval = heartbeatInterval else { return .done }
            let last = previousReady?.lastHeartbeatTime ?? now
            let since = Duration.seconds(now.secondsSince1970 - last.secondsSince1970)
            if since < interval { return .requeue(after: interval - since) }
        }
        // Posting a status, changed or not, is the kubelet's heartbeat.
        status.conditions = status.conditions?.map { condition in
            var condition = condition
            condition.lastHeartbeatTime = now
            return condition
        }
        var next = node
        next.status = status
        _ = try await server.updateStatus(next)
        if changed, previousReady != nil {
            if down {
                recorder.record(
                    node, type: EventType.warning, reason: "NodeNotReady",
                    message: "Node \(node.name) status is now: NodeNotReady")
            } else {
                recorder.record(node, reason: "NodeReady", message: "Node \(node.name) status is now: NodeReady")
            }
        }
        return heartbeatInterval.map { .requeue(after: $0) } ?? .done
    }
}
