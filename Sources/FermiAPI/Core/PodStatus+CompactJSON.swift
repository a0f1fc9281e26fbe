/// A pod's status is written at every step of its life (accepted, started, ended) and the
/// simulation writes one for every pod at once; Codable's containers were most of the cost of
/// those writes, so the status writes its members directly (see `CompactJSONEncoder`), every
/// field as Codable would, in key order.
extension PodStatus {
    func writeMembers(to object: inout CompactJSONObject) {
        object.add("conditions", objects: conditions, Self.write)
        object.add("containerStatuses", objects: containerStatuses, Self.write)
        object.add("ephemeralContainerStatuses", objects: ephemeralContainerStatuses, Self.write)
        object.add("hostIP", hostIP)
        object.add("hostIPs", objects: hostIPs) { address, object in object.add("ip", address.ip) }
        object.add("initContainerStatuses", objects: initContainerStatuses, Self.write)
        object.add("message", message)
        object.add("nominatedNodeName", nominatedNodeName)
        object.add("phase", phase)
        object.add("podIP", podIP)
        object.add("podIPs", objects: podIPs) { address, object in object.add("ip", address.ip) }
        object.add("qosClass", qosClass)
        object.add("reason", reason)
        object.add("resize", resize)
        object.add("resourceClaimStatuses", objects: resourceClaimStatuses) { claim, object in
            object.add("name", claim.name)
            object.add("resourceClaimName", claim.resourceClaimName)
        }
        object.add("startTime", startTime?.description)
    }

    private static func write(_ condition: PodCondition, to object: inout CompactJSONObject) {
        object.add("lastProbeTime", condition.lastProbeTime?.description)
        object.add("lastTransitionTime", condition.lastTransitionTime?.description)
        object.add("message", condition.message)
        object.add("reason", condition.reason)
        object.add("status", condition.status)
        object.add("type", condition.type)
    }

    private static func write(_ status: ContainerStatus, to object: inout CompactJSONObject) {
        object.add("allocatedResources", status.allocatedResources)
        object.add("containerID", status.containerID)
        object.add("image", status.image)
        object.add("imageID", status.imageID)
        object.add("lastState", object: status.lastState, write)
        object.add("name", status.name)
        object.add("ready", status.ready)
        object.add("resources", object: status.resources) { $0.writeMembers(to: &$1) }
        object.add("restartCount", status.restartCount)
        object.add("started", status.started)
        object.add("state", object: status.state, write)
        object.add("volumeMounts", objects: status.volumeMounts) { mount, object in
            object.add("mountPath", mount.mountPath)
            object.add("name", mount.name)
            object.add("readOnly", mount.readOnly)
            object.add("recursiveReadOnly", mount.recursiveReadOnly)
        }
    }

    private static func write(_ state: ContainerState, to object: inout CompactJSONObject) {
        object.add("running", object: state.running) { running, object in
            object.add("startedAt", running.startedAt?.description)
        }
        object.add("terminated", object: state.terminated) { terminated, object in
            object.add("containerID", terminated.containerID)
            object.add("exitCode", terminated.exitCode)
            object.add("finishedAt", terminated.finishedAt?.description)
            object.add("message", terminated.message)
            object.add("reason", terminated.reason)
            object.add("signal", terminated.signal)
            object.add("startedAt", terminated.startedAt?.description)
        }
        object.add("waiting", object: state.waiting) { waiting, object in
            object.add("message", waiting.message)
            object.add("reason", waiting.reason)
        }
    }
}
