import FermiAPI
import FermiAPIServer
import FermiRuntime

/// What the kubelet does when a probe decides (ContainerProbes says when): readiness passed,
/// or liveness failed and the container is killed to be restarted.
extension Kubelet {
    /// The readiness probe passed: the pod is Ready.
    func markReady(_ pod: Pod, at time: Timestamp) async throws {
        guard let current = pods.object(ObjectKey(pod)) else { return }
        var next = current
        var status = current.status ?? PodStatus()
        status.conditions = Self.setting(status.conditions, [("Ready", "True"), ("ContainersReady", "True")], at: time)
        status.containerStatuses = status.containerStatuses?.map { container in
            var container = container
            container.ready = true
            return container
        }
        next.status = status
        _ = try await server.updateStatus(next)
    }

    /// The liveness probe failed `failureThreshold` times: the container is killed and, as
    /// its restart policy says, started again after a back-off.
    func killUnhealthy(_ pod: Pod, run: Int, ranFor: Duration, at time: Timestamp) async throws {
        let name = pod.spec.containers?.first?.name ?? ""
        recorder.record(
            pod, type: EventType.warning, reason: "Unhealthy", message: "Liveness probe failed: HTTP probe failed with statuscode: 503")
        recorder.record(pod, reason: "Killing", message: "Container \(name) failed liveness probe, will be restarted")
        try await finish(pod, run: run, exitCode: 137, ranFor: ranFor, at: time)
    }
}
