import FermiAPI
import FermiAPIServer
import FermiRuntime

/// Expands each `NodePool` into its `Node`s (`<pool>-0`, `<pool>-1`, ...): creates the missing
/// ones, keeps their labels, taints and prices in step with the pool, and when the pool shrinks
/// drains the highest-numbered nodes (cordoned, deleted once no running pod is left on them).
/// Reports the pool's nodes and GPUs in its status.
public struct NodePoolController: Reconciler {
    public static let name = "nodepool"

    let server: APIServer
    let clock: any ControlClock
    let pools: Informer<NodePool>
    let nodes: Informer<Node>
    let zones: Informer<Zone>
    let pods: Informer<Pod>
    let recorder: EventRecorder

    /// The controller, registered with `manager`'s informers.
    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let nodes = informers.informer(Node.self)
        nodes.indexByPoolAndZone()
        let pods = informers.informer(Pod.self)
        pods.indexByNode()
        let reconciler = NodePoolController(
            server: manager.server, clock: manager.clock, pools: informers.informer(NodePool.self),
            nodes: nodes, zones: informers.informer(Zone.self), pods: pods,
            recorder: manager.eventRecorder(component: name))
        reconciler.pools.enqueueChanges(in: queue)
        nodes.onChange { event in
            // A pool counts its nodes and their readiness, and keeps their labels and taints.
            if case .updated(let old, let new) = event, NodeConditions.isReady(old) == NodeConditions.isReady(new),
                old.metadata.labels == new.metadata.labels,
                NodeImageCache.otherAnnotations(of: old) == NodeImageCache.otherAnnotations(of: new), old.spec == new.spec
            {
                return
            }
            if let pool = event.object.metadata.labels?[SimNames.nodePoolLabel] { queue.add(ObjectKey(name: pool)) }
        }
        reconciler.zones.onChange { event in
            // A zone's region is its pools' default region.
            if case .updated(let old, let new) = event, old.spec.region == new.spec.region { return }
            for pool in reconciler.pools.objects() where pool.spec.zone == event.object.name {
                queue.add(ObjectKey(pool))
            }
        }
        pods.onChange { event in
            // A pod ending on a draining node may let the node go.
            guard let nodeName = event.object.spec.nodeName, let node = nodes.object(name: nodeName),
                node.spec?.unschedulable == true, let pool = node.metadata.labels?[SimNames.nodePoolLabel]
            else { return }
            queue.add(ObjectKey(name: pool))
        }
        return Controller(name: name, queue: queue, reconciler: reconciler)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let pool = pools.object(key), pool.metadata.deletionTimestamp == nil else { return .done }
        let wanted = Int(pool.spec.replicas ?? 0)
        let region = pool.spec.zone.flatMap { zones.object(name: $0)?.spec.region }
        var existing: [Int: Node] = [:]
        for node in nodes.nodes(inPool: pool.name) {
            if let index = NodeTemplate.index(of: node.name, pool: pool.name) { existing[index] = node }
        }

        var added = 0
        for index in 0..<wanted {
            let template = NodeTemplate.node(pool: pool, index: index, region: region)
            guard let node = existing[index] else {
                // One the informer did not show yet was made by an earlier reconcile, not this.
                if try await createIgnoringExisting(template) != nil { added += 1 }
                continue
            }
            if let updated = Self.conformed(node, to: template) { _ = try await server.update(updated) }
        }

        var draining = 0
        for (index, node) in existing where index >= wanted {
            draining += 1
            try await drain(node)
        }
        if added > 0 {
            recorder.record(pool, reason: "ScaledUp", message: "Added \(added) node(s); \(wanted) wanted")
        }
        try await updateStatus(of: pool, wanted: wanted, draining: draining)
        return .done
    }

    /// `node` with what the pool decides (labels, taints, prices, uncordoned), or nil when it
    /// already has it.
    static func conformed(_ node: Node, to template: Node) -> Node? {
        var next = node
        next.metadata.labels = (node.metadata.labels ?? [:]).merging(template.metadata.labels ?? [:]) { _, new in new }
        var annotations = node.metadata.annotations ?? [:]
        for key in [SimNames.pricePerGPUHourAnnotation, SimNames.pricePerCoreHourAnnotation, SimNames.currencyAnnotation] {
            annotations[key] = template.metadata.annotations?[key]
        }
        next.metadata.annotations = annotations.isEmpty ? nil : annotations
        next.spec = next.spec ?? NodeSpec()
        next.spec?.taints = template.spec?.taints
        next.spec?.unschedulable = nil
        return next == node ? nil : next
    }

    /// Cordons `node` and deletes it once no pod on it is still running.
    private func drain(_ node: Node) async throws {
        let active = pods.pods(on: node.name).filter { !$0.hasEnded }
        if active.isEmpty {
            do {
                try await server.delete(Node.self, name: node.name)
                recorder.record(node, reason: "RemovingNode", message: "Node \(node.name) drained and removed")
            } catch APIError.notFound {}
            return
        }
        guard node.spec?.unschedulable != true else { return }
        var cordoned = node
        cordoned.spec = cordoned.spec ?? NodeSpec()
        cordoned.spec?.unschedulable = true
        var taints = cordoned.spec?.taints ?? []
        taints.append(Taint(key: SimNames.unschedulableTaint, effect: "NoSchedule"))
        cordoned.spec?.taints = taints
        _ = try await server.update(cordoned)
        recorder.record(
            node, reason: "NodeNotSchedulable",
            message: "Node \(node.name) status is now: NodeNotSchedulable (draining \(active.count) pod(s))")
    }

    private func createIgnoringExisting(_ node: Node) async throws -> Node? {
        do {
            return try await server.create(node)
        } catch APIError.alreadyExists {
            return nil  // made by an earlier run that the informer has not shown us yet
        }
    }

    private func updateStatus(of pool: NodePool, wanted: Int, draining: Int) async throws {
        let members = nodes.nodes(inPool: pool.name)
        let gpusPerNode = Int32(pool.spec.shape?.gpu?.count ?? 0)
        let ready = members.filter(NodeConditions.isReady)
        let count = Int32(max(members.count, wanted))
        var status = pool.status ?? NodePoolStatus()
        status.observedGeneration = pool.metadata.generation
        status.nodes = count
        status.readyNodes = Int32(ready.count)
        status.totalGPUs = count * gpusPerNode
        status.readyGPUs = Int32(ready.count) * gpusPerNode
        let now = Timestamp(clock.now.date)
        let scaling = members.count != wanted || draining > 0
        let allReady = ready.count == wanted && !scaling
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: "Ready", status: allReady ? "True" : "False",
                reason: allReady ? "NodesReady" : "NodesNotReady",
                message: "\(ready.count) of \(wanted) node(s) Ready"),
            now: now)
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: "Scaling", status: scaling ? "True" : "False",
                reason: scaling ? "Scaling" : "AtReplicas",
                message: scaling ? "\(members.count) node(s), \(wanted) wanted" : "\(wanted) node(s)"),
            now: now)
        guard status != pool.status else { return }
        var next = pool
        next.status = status
        _ = try await server.updateStatus(next)
    }
}
