import FermiAPI
import Foundation
import Testing

/// A pod's status writes its own JSON as the same bytes its Codable encoding writes, field for
/// field.
@Suite("Pod status compact JSON")
struct PodStatusCompactJSONTests {
    static var everyContainerField: ContainerStatus {
        let at = Timestamp(secondsSince1970: 1_800_000_000)
        return ContainerStatus(
            name: "main",
            state: ContainerState(
                waiting: ContainerStateWaiting(reason: "ContainerCreating", message: "pulling \"img\""),
                running: ContainerStateRunning(startedAt: at),
                terminated: ContainerStateTerminated(
                    exitCode: 137, signal: 9, reason: "OOMKilled", message: "line\nbreak", startedAt: at,
                    finishedAt: Timestamp(secondsSince1970: 1_800_000_060), containerID: "fermi://1")),
            lastState: ContainerState(terminated: ContainerStateTerminated(exitCode: 1, reason: "Error")),
            ready: false, restartCount: 2, image: "registry.example.com/train:1", imageID: "train@sha256:ab",
            containerID: "fermi://2", started: true,
            allocatedResources: ["cpu": "500m", "nvidia.com/gpu": "1"],
            resources: ResourceRequirements(
                limits: ["memory": "16Gi"], requests: ["cpu": "4", "memory": "1024Mi"],
                claims: [ResourceClaim(name: "gpu", request: "a100")]),
            volumeMounts: [VolumeMountStatus(name: "data", mountPath: "/data", readOnly: true, recursiveReadOnly: "Enabled")])
    }

    static var everyField: PodStatus {
        let at = Timestamp(secondsSince1970: 1_800_000_000)
        return PodStatus(
            phase: "Running",
            conditions: [
                PodCondition(
                    type: "Ready", status: "False", lastProbeTime: at, lastTransitionTime: at, reason: "ContainersNotReady",
                    message: "containers with unready status: [main]"),
                PodCondition(type: "PodScheduled", status: "True"),
            ],
            message: "tab\there", reason: "Evicted", nominatedNodeName: "node-2", hostIP: "10.0.0.1",
            hostIPs: [HostIP(ip: "10.0.0.1"), HostIP(ip: "fd00::1")], podIP: "10.1.0.5", podIPs: [PodIP(ip: "10.1.0.5")],
            startTime: at, initContainerStatuses: [everyContainerField], containerStatuses: [everyContainerField, ContainerStatus(name: "b")],
            qosClass: "Guaranteed", ephemeralContainerStatuses: [ContainerStatus(name: "debug")], resize: "InProgress",
            resourceClaimStatuses: [PodResourceClaimStatus(name: "gpu", resourceClaimName: "pod-gpu-1")])
    }

    @Test(arguments: [everyField, PodStatus(phase: "Pending"), PodStatus(conditions: [], containerStatuses: [])])
    func itsBytesAreWhatCodableWrites(status: PodStatus) throws {
        let written = try JSONValueEncoder.encodeCompactJSONBytes(status)
        let codable = JSONValue.compactJSONBytes(try JSONValueEncoder.encode(status))
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: codable, as: UTF8.self))
    }

    /// The test above covers every field: one added to the status types and not written fails
    /// here until the writer and `everyField` have it.
    @Test func theFullStatusSetsEveryField() throws {
        let container = Self.everyContainerField
        #expect(unsetFields(of: Self.everyField).isEmpty)
        #expect(unsetFields(of: container).isEmpty)
        #expect(unsetFields(of: try #require(container.state)).isEmpty)
        #expect(unsetFields(of: try #require(container.state?.terminated)).isEmpty)
        #expect(unsetFields(of: try #require(container.state?.waiting)).isEmpty)
        #expect(unsetFields(of: try #require(container.resources)).isEmpty)
        #expect(unsetFields(of: try #require(container.volumeMounts?.first)).isEmpty)
        #expect(unsetFields(of: try #require(Self.everyField.conditions?.first)).isEmpty)
    }
}
