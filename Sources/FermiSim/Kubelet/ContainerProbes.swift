import FermiAPI

/// When the kubelet finds a pod's main container ready and when its liveness probe fails:
///
/// - Ready once its readiness probe has passed (initial delay, then `successThreshold`
///   periods) and the server is up: `sim.fermi.dev/startup-time` (loading a model; 8 s for
///   an inference server by default, nothing for other pods). Without either, at once.
/// - `sim.fermi.dev/liveness-fail-after`: the liveness endpoint stops answering this long
///   after the container starts, for the first `sim.fermi.dev/liveness-fail-times` runs (1 by
///   default). The kubelet notices after `failureThreshold` failed probes `periodSeconds`
///   apart (3 × 10 s by default) and restarts the container.
struct ContainerProbes: Sendable, Equatable {
    /// From container start to Ready.
    let readyAfter: Duration
    /// From container start to the kubelet killing it, in the runs that fail liveness.
    let killedAfter: Duration?
    let livenessFailTimes: Int

    /// How long an inference server takes to load its model when the pod does not say.
    static let inferenceStartup: Duration = .seconds(8)

    init(of pod: Pod) {
        let annotations = pod.metadata.annotations ?? [:]
        func duration(_ name: String) -> Duration? {
            annotations[SimAnnotations.prefix + name].flatMap(GoDuration.init).map(\.duration)
        }
        let container = pod.spec.containers?.first
        let startup = duration("startup-time") ?? (PodBehaviour(of: pod).logStyle == "inference" ? Self.inferenceStartup : .zero)
        var ready = startup
        if let readiness = container?.readinessProbe {
            // Probes run every period after the initial delay; enough of them must pass, and
            // none passes before the server is up.
            let period = Duration.seconds(Int64(max(1, readiness.periodSeconds ?? 10)))
            var at = Duration.seconds(Int64(readiness.initialDelaySeconds ?? 0)) + period * Int(max(1, readiness.successThreshold ?? 1))
            while at < startup { at += period }
            ready = at
        }
        readyAfter = ready
        if let failAfter = duration("liveness-fail-after") {
            let liveness = container?.livenessProbe
            let period = Int64(liveness?.periodSeconds ?? 10)
            killedAfter = failAfter + .seconds(period * Int64(max(1, liveness?.failureThreshold ?? 3)))
        } else {
            killedAfter = nil
        }
        livenessFailTimes = annotations[SimAnnotations.prefix + "liveness-fail-times"].flatMap { Int($0) } ?? 1
    }

    /// When run `run`'s container is killed for failing liveness, after its start; nil when it
    /// stays live.
    func kill(ofRun run: Int) -> Duration? {
        run < livenessFailTimes ? killedAfter : nil
    }
}
