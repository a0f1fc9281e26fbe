import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Plays the image catalogue: an image pulled as it is is Available at once; a custom image
/// with a Dockerfile is built, Pending then Building for its build time (`build.duration`, or
/// a minute per GiB of its size) then Available, with a log of each Dockerfile step as
/// `docker build` prints it; a Dockerfile that does not start FROM an image fails. Each
/// image's status counts the nodes that hold it.
public struct ImageBuilder: Reconciler {
    public static let name = "image"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let images: Informer<Image>
    let nodes: Informer<Node>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let builder = ImageBuilder(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "image-builder"),
            images: informers.informer(Image.self), nodes: informers.informer(Node.self))
        builder.images.enqueueChanges(in: queue)
        // A node that pulls an image changes how many nodes hold it.
        let images = builder.images
        builder.nodes.onChange { event in
            if case .updated(let old, let new) = event, old.status?.images == new.status?.images { return }
            for image in images.unorderedObjects() { queue.add(ObjectKey(image)) }
        }
        return Controller(name: name, queue: queue, reconciler: builder)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let image = images.object(key), image.metadata.deletionTimestamp == nil else { return .done }
        let now = Timestamp(clock.now.date)
        var status = image.status ?? ImageStatus()
        status.reference = image.spec.reference
        status.observedGeneration = image.metadata.generation
        let name = "\(image.spec.repository ?? ""):\(image.spec.tag ?? "latest")"
        status.cachedNodes = Int32(nodes.unorderedObjects().filter { node in
            node.status?.images?.contains { ($0.names ?? []).contains(name) } == true
        }.count)
        var wake: Duration?
        if let build = image.spec.build {
            wake = try play(build, of: image, status: &status, now: now)
        } else {
            status.phase = ImagePhase.available
            status.conditions = Conditions.setting(
                status.conditions ?? [], Condition(type: "Ready", status: "True", reason: "Pullable", message: ""), now: now)
        }
        if status != image.status {
            var next = image
            next.status = status
            _ = try await server.updateStatus(next)
        }
        return wake.map { .requeue(after: $0) } ?? .done
    }

    /// Moves a build along; returns when to look again while it runs.
    private func play(_ build: ImageBuild, of image: Image, status: inout ImageStatus, now: Timestamp) throws -> Duration? {
        guard status.phase != ImagePhase.available, status.phase != ImagePhase.failed else { return nil }
        let steps = DockerfileSteps.parse(build.dockerfile ?? "")
        guard steps.first?.instruction == "FROM" else {
            status.phase = ImagePhase.failed
            status.buildLog = ["failed to solve: the Dockerfile must start with FROM"]
            status.conditions = Conditions.setting(
                status.conditions ?? [], Condition(type: "Built", status: "False", reason: "InvalidDockerfile", message: "the Dockerfile must start with FROM"), now: now)
            recorder.record(image, type: EventType.warning, reason: "BuildFailed", message: "the Dockerfile must start with FROM")
            return nil
        }
        let started = status.buildStartTime ?? now
        if status.buildStartTime == nil {
            status.buildStartTime = now
            status.phase = ImagePhase.building
            recorder.record(image, reason: "Building", message: "Building \(image.spec.reference) from \(steps.count) Dockerfile steps")
        }
        let length = build.duration.flatMap(GoDuration.init)?.duration ?? Self.buildTime(of: image)
        let elapsed = Duration.seconds(now.secondsSince1970 - started.secondsSince1970)
        status.buildLog = DockerfileSteps.log(steps, reference: image.spec.reference, length: length, elapsed: elapsed)
        guard elapsed >= length else {
            status.phase = ImagePhase.building
            // Look again when the next step begins, so the log follows the build.
            let share = length / max(1, steps.count)
            let nextStep = share * (Int(elapsed / share) + 1)
            return min(nextStep, length) - elapsed
        }
        status.phase = ImagePhase.available
        status.buildCompletionTime = Timestamp(started.date.addingTimeInterval(TimeInterval(length.components.seconds)))
        status.conditions = Conditions.setting(
            status.conditions ?? [], Condition(type: "Built", status: "True", reason: "BuildSucceeded", message: ""), now: now)
        status.conditions = Conditions.setting(
            status.conditions ?? [], Condition(type: "Ready", status: "True", reason: "Pullable", message: ""), now: now)
        recorder.record(image, reason: "Built", message: "Built and pushed \(image.spec.reference) in \(length.components.seconds)s")
        return nil
    }

    /// A minute per GiB of the image's size, at least a minute.
    static func buildTime(of image: Image) -> Duration {
        let bytes = (image.spec.size?.value).map { ($0 as NSDecimalNumber).doubleValue } ?? 4 * 1_073_741_824
        return .seconds(max(60, Int64((bytes / 1_073_741_824 * 60).rounded(.up))))
    }
}
