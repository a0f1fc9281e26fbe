import Foundation

// The core kinds' tables, as kubectl's own printers lay them out
// (pkg/printers/internalversion/printers.go).

extension Pod {
    /// NAME READY STATUS RESTARTS AGE; wide: IP NODE NOMINATED NODE READINESS GATES.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Ready") { pod, _ in
                let statuses = pod.items(at: "status.containerStatuses")
                let ready = statuses.filter { $0["ready"] == .bool(true) }.count
                return "\(ready)/\(pod.items(at: "spec.containers").count)"
            },
            PrinterColumn("Status") { pod, _ in Pod.displayStatus(pod) },
            PrinterColumn("Restarts", type: .integer) { pod, _ in
                String(pod.items(at: "status.containerStatuses").reduce(0) { $0 + ($1.integer(at: "restartCount") ?? 0) })
            },
            .age,
            PrinterColumn("IP", jsonPath: ".status.podIP", priority: 1),
            PrinterColumn("Node", jsonPath: ".spec.nodeName", priority: 1),
            PrinterColumn("Nominated Node", jsonPath: ".status.nominatedNodeName", priority: 1),
            PrinterColumn("Readiness Gates", priority: 1) { pod, _ in
                let gates = pod.items(at: "spec.readinessGates")
                guard !gates.isEmpty else { return nil }
                let conditions = pod.items(at: "status.conditions")
                let met = gates.filter { gate in
                    conditions.contains { $0["type"] == gate["conditionType"] && $0["status"] == .string("True") }
                }
                return "\(met.count)/\(gates.count)"
            },
        ]
    }

    /// What kubectl's STATUS shows: Terminating while deleted, a container's waiting or
    /// terminated reason, the pod's reason, or its phase.
    static func displayStatus(_ pod: JSONValue) -> String {
        if pod.value(at: "metadata.deletionTimestamp") != nil { return "Terminating" }
        var status = pod.string(at: "status.reason") ?? pod.string(at: "status.phase") ?? PodPhase.pending
        for container in pod.items(at: "status.containerStatuses").reversed() {
            if let reason = container.string(at: "state.waiting.reason"), !reason.isEmpty {
                status = reason
            } else if let reason = container.string(at: "state.terminated.reason"), !reason.isEmpty {
                status = reason
            }
        }
        return status
    }
}

extension Node {
    /// NAME STATUS ROLES AGE VERSION; wide: INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
    /// CONTAINER-RUNTIME.
    public static var printerColumns: [PrinterColumn] {
        func address(_ type: String) -> @Sendable (JSONValue, Date) -> String? {
            { node, _ in node.items(at: "status.addresses").first { $0["type"] == .string(type) }?.string(at: "address") }
        }
        return [
            PrinterColumn("Status") { node, _ in
                let ready = node.items(at: "status.conditions").first { $0["type"] == .string("Ready") }
                var status =
                    switch ready?.string(at: "status") {
                    case "True": "Ready"
                    case "False": "NotReady"
                    default: "Unknown"
                    }
                if node.value(at: "spec.unschedulable") == .bool(true) { status += ",SchedulingDisabled" }
                return status
            },
            PrinterColumn("Roles") { node, _ in
                let roles = (node.value(at: "metadata.labels")?.objectValue ?? [:]).keys.compactMap { key -> String? in
                    guard key.hasPrefix("node-role.kubernetes.io/") else { return nil }
                    return String(key.dropFirst("node-role.kubernetes.io/".count))
                }
                return roles.isEmpty ? nil : roles.sorted().joined(separator: ",")
            },
            .age,
            PrinterColumn("Version", jsonPath: ".status.nodeInfo.kubeletVersion"),
            PrinterColumn("Internal-IP", priority: 1, cell: address("InternalIP")),
            PrinterColumn("External-IP", priority: 1, cell: address("ExternalIP")),
            PrinterColumn("OS-Image", jsonPath: ".status.nodeInfo.osImage", priority: 1),
            PrinterColumn("Kernel-Version", jsonPath: ".status.nodeInfo.kernelVersion", priority: 1),
            PrinterColumn("Container-Runtime", jsonPath: ".status.nodeInfo.containerRuntimeVersion", priority: 1),
        ]
    }
}

extension Namespace {
    /// NAME STATUS AGE.
    public static var printerColumns: [PrinterColumn] {
        [PrinterColumn("Status", jsonPath: ".status.phase"), .age]
    }
}

extension Event {
    /// LAST SEEN TYPE REASON OBJECT MESSAGE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Last Seen") { event, now in
                let text = event.string(at: "lastTimestamp") ?? event.string(at: "eventTime")
                return text.flatMap { try? Date($0, strategy: .iso8601) }.map { EventTable.age(since: $0, now: now) }
            },
            PrinterColumn("Type", jsonPath: ".type"),
            PrinterColumn("Reason", jsonPath: ".reason"),
            PrinterColumn("Object") { event, _ in
                guard let kind = event.string(at: "involvedObject.kind"), let name = event.string(at: "involvedObject.name")
                else { return nil }
                return "\(kind.lowercased())/\(name)"
            },
            PrinterColumn("Message", jsonPath: ".message"),
        ]
    }
}

extension Job {
    /// NAME STATUS COMPLETIONS DURATION AGE; wide: CONTAINERS IMAGES SELECTOR.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Status") { job, _ in
                let conditions = job.items(at: "status.conditions").filter { $0["status"] == .string("True") }
                for type in [JobConditionType.failed, JobConditionType.complete, JobConditionType.suspended,
                             JobConditionType.failureTarget, JobConditionType.successCriteriaMet]
                where conditions.contains(where: { $0["type"] == .string(type) }) {
                    return type == JobConditionType.failureTarget ? "FailureTarget" : type == JobConditionType.successCriteriaMet ? "SuccessCriteriaMet" : type
                }
                return job.value(at: "metadata.deletionTimestamp") != nil ? "Terminating" : "Running"
            },
            PrinterColumn("Completions") { job, _ in
                let succeeded = job.integer(at: "status.succeeded") ?? 0
                if let completions = job.integer(at: "spec.completions") { return "\(succeeded)/\(completions)" }
                let parallelism = job.integer(at: "spec.parallelism") ?? 0
                return parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
            },
            PrinterColumn("Duration") { job, now in
                guard let start = job.string(at: "status.startTime").flatMap({ try? Date($0, strategy: .iso8601) })
                else { return "" }
                let end = job.string(at: "status.completionTime").flatMap { try? Date($0, strategy: .iso8601) } ?? now
                return EventTable.age(since: start, now: end)
            },
            .age,
            PrinterColumn("Containers", jsonPath: ".spec.template.spec.containers[*].name", priority: 1),
            PrinterColumn("Images", jsonPath: ".spec.template.spec.containers[*].image", priority: 1),
            PrinterColumn("Selector", priority: 1) { job, _ in
                let labels = job.value(at: "spec.selector.matchLabels")?.objectValue ?? [:]
                return labels.isEmpty ? nil : labels.keys.sorted().map { "\($0)=\(labels[$0]?.stringValue ?? "")" }.joined(separator: ",")
            },
        ]
    }
}

extension PersistentVolumeClaim {
    /// NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE; wide:
    /// VOLUMEMODE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Status") { claim, _ in
                claim.value(at: "metadata.deletionTimestamp") != nil ? "Terminating" : claim.string(at: "status.phase") ?? ""
            },
            PrinterColumn("Volume") { claim, _ in claim.string(at: "spec.volumeName") ?? "" },
            PrinterColumn("Capacity") { claim, _ in claim.string(at: "status.capacity.storage") ?? "" },
            PrinterColumn("Access Modes") { claim, _ in
                claim.items(at: "status.accessModes").compactMap(\.stringValue).map(PersistentVolumeClaim.abbreviation)
                    .joined(separator: ",")
            },
            PrinterColumn("StorageClass") { claim, _ in claim.string(at: "spec.storageClassName") ?? "<unset>" },
            PrinterColumn("VolumeAttributesClass") { claim, _ in
                claim.string(at: "status.currentVolumeAttributesClassName") ?? "<unset>"
            },
            .age,
            PrinterColumn("VolumeMode", jsonPath: ".spec.volumeMode", priority: 1),
        ]
    }

    /// RWO, ROX, RWX, RWOP, as kubectl abbreviates access modes.
    static func abbreviation(_ mode: String) -> String {
        switch mode {
        case "ReadWriteOnce": "RWO"
        case "ReadOnlyMany": "ROX"
        case "ReadWriteMany": "RWX"
        case "ReadWriteOncePod": "RWOP"
        default: mode
        }
    }
}

extension ConfigMap {
    /// NAME DATA AGE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Data", type: .integer) { map, _ in
                String((map["data"]?.objectValue?.count ?? 0) + (map["binaryData"]?.objectValue?.count ?? 0))
            },
            .age,
        ]
    }
}

extension Secret {
    /// NAME TYPE DATA AGE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Type", jsonPath: ".type"),
            PrinterColumn("Data", type: .integer) { secret, _ in String(secret["data"]?.objectValue?.count ?? 0) },
            .age,
        ]
    }
}

extension Service {
    /// NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE; wide: SELECTOR.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Type", jsonPath: ".spec.type"),
            PrinterColumn("Cluster-IP") { service, _ in service.string(at: "spec.clusterIP") ?? "<none>" },
            PrinterColumn("External-IP") { service, _ in
                if service.string(at: "spec.type") == "ExternalName" { return service.string(at: "spec.externalName") }
                let ingress = service.items(at: "status.loadBalancer.ingress").compactMap { $0.string(at: "ip") ?? $0.string(at: "hostname") }
                let external = service.items(at: "spec.externalIPs").compactMap(\.stringValue)
                let all = ingress + external
                if all.isEmpty { return service.string(at: "spec.type") == "LoadBalancer" ? "<pending>" : "<none>" }
                return all.joined(separator: ",")
            },
            PrinterColumn("Port(s)") { service, _ in
                let ports = service.items(at: "spec.ports").map { port -> String in
                    let number = port.integer(at: "port").map(String.init) ?? ""
                    let node = port.integer(at: "nodePort").map { ":\($0)" } ?? ""
                    return "\(number)\(node)/\(port.string(at: "protocol") ?? "TCP")"
                }
                return ports.isEmpty ? "<none>" : ports.joined(separator: ",")
            },
            .age,
            PrinterColumn("Selector", priority: 1) { service, _ in
                let selector = service.value(at: "spec.selector")?.objectValue ?? [:]
                return selector.isEmpty ? nil : selector.keys.sorted().map { "\($0)=\(selector[$0]?.stringValue ?? "")" }.joined(separator: ",")
            },
        ]
    }
}

extension PriorityClass {
    /// NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Value", jsonPath: ".value", type: .integer),
            PrinterColumn("Global-Default") { priorityClass, _ in
                priorityClass["globalDefault"] == .bool(true) ? "true" : "false"
            },
            .age,
            PrinterColumn("PreemptionPolicy", jsonPath: ".preemptionPolicy"),
        ]
    }
}
