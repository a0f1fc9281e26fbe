/// A pod's status is written at every step of its life (accepted, started, ended) and the
/// simulation writes one for every pod at once; Codable's containers were most of the cost of
/// those writes, so the status writes its JSON directly, every field as Codable would.
extension PodStatus: CompactJSONWritable {
    public func compactJSONBytes() -> [UInt8]? {
        var object = CompactJSONObject()
        object.add("phase", phase)
        object.add("conditions", objects: conditions?.map(Self.json))
        object.add("message", message)
        object.add("reason", reason)
        object.add("nominatedNodeName", nominatedNodeName)
        object.add("hostIP", hostIP)
        object.add("hostIPs", objects: hostIPs?.map { address in Self.address(address.ip) })
        object.add("podIP", podIP)
        object.add("podIPs", objects: podIPs?.map { address in Self.address(address.ip) })
        object.add("startTime", startTime?.description)
        object.add("initContainerStatuses", objects: initContainerStatuses?.map(Self.json))
        object.add("containerStatuses", objects: containerStatuses?.map(Self.json))
        object.add("qosClass", qosClass)
        object.add("ephemeralContainerStatuses", objects: ephemeralContainerStatuses?.map(Self.json))
        object.add("resize", resize)
        object.add("resourceClaimStatuses", objects: resourceClaimStatuses?.map { claim in
            var object = CompactJSONObject()
            object.add("name", claim.name)
            object.add("resourceClaimName", claim.resourceClaimName)
            return object
        })
        return object.bytes()
    }

    private static func json(_ condition: PodCondition) -> CompactJSONObject {
        var object = CompactJSONObject()
        object.add("type", condition.type)
        object.add("status", condition.status)
        object.add("lastProbeTime", condition.lastProbeTime?.description)
        object.add("lastTransitionTime", condition.lastTransitionTime?.description)
        object.add("reason", condition.reason)
        object.add("message", condition.message)
        return object
    }

    private static func address(_ ip: String?) -> CompactJSONObject {
        var object = CompactJSONObject()
        object.add("ip", ip)
        return object
    }

    private static func json(_ status: ContainerStatus) -> CompactJSONObject {
        var object = CompactJSONObject()
        object.add("name", status.name)
        object.add("state", object: status.state.map(json))
        object.add("lastState", object: status.lastState.map(json))
        object.add("ready", status.ready)
        object.add("restartCount", status.restartCount)
        object.add("image", status.image)
        object.add("imageID", status.imageID)
        object.add("containerID", status.containerID)
        object.add("started", status.started)
        object.add("allocatedResources", status.allocatedResources)
        object.add("resources", object: status.resources.map { resources in
            var object = CompactJSONObject()
            object.add("limits", resources.limits)
            object.add("requests", resources.requests)
            object.add("claims", objects: resources.claims?.map { claim in
                var object = CompactJSONObject()
                object.add("name", claim.name)
                object.add("request", claim.request)
                return object
            })
            return object
        })
        object.add("volumeMounts", objects: status.volumeMounts?.map { mount in
            var object = CompactJSONObject()
            object.add("name", mount.name)
            object.add("mountPath", mount.mountPath)
            object.add("readOnly", mount.readOnly)
            object.add("recursiveReadOnly", mount.recursiveReadOnly)
            return object
        })
        return object
    }

    private static func json(_ state: ContainerState) -> CompactJSONObject {
        var object = CompactJSONObject()
        object.add("waiting", object: state.waiting.map { waiting in
            var object = CompactJSONObject()
            object.add("reason", waiting.reason)
            object.add("message", waiting.message)
            return object
        })
        object.add("running", object: state.running.map { running in
            var object = CompactJSONObject()
            object.add("startedAt", running.startedAt?.description)
            return object
        })
        object.add("terminated", object: state.terminated.map { terminated in
            var object = CompactJSONObject()
            object.add("exitCode", terminated.exitCode)
            object.add("signal", terminated.signal)
            object.add("reason", terminated.reason)
            object.add("message", terminated.message)
            object.add("startedAt", terminated.startedAt?.description)
            object.add("finishedAt", terminated.finishedAt?.description)
            object.add("containerID", terminated.containerID)
            return object
        })
        return object
    }
}
