/// Pod specs are most of the bytes of the objects stored most (pods, and the templates of
/// training jobs and predictors), and Codable's containers cost more than the fields they
/// hold: a spec and its containers write their members directly (see `CompactJSONEncoder`),
/// every field as Codable would, in key order. Fields that are rarely set and deep (affinity,
/// probes, volumes, security contexts) are written by their Codable encoding.
extension PodSpec {
    func writeMembers(to object: inout CompactJSONObject) throws {
        object.add("activeDeadlineSeconds", activeDeadlineSeconds)
        try object.add("affinity", encoding: affinity)
        object.add("automountServiceAccountToken", automountServiceAccountToken)
        try object.add("containers", objects: containers) { try $0.writeMembers(to: &$1) }
        try object.add("dnsConfig", encoding: dnsConfig)
        object.add("dnsPolicy", dnsPolicy)
        object.add("enableServiceLinks", enableServiceLinks)
        try object.add("ephemeralContainers", encoding: ephemeralContainers)
        try object.add("hostAliases", encoding: hostAliases)
        object.add("hostIPC", hostIPC)
        object.add("hostNetwork", hostNetwork)
        object.add("hostPID", hostPID)
        object.add("hostUsers", hostUsers)
        object.add("hostname", hostname)
        try object.add("imagePullSecrets", encoding: imagePullSecrets)
        try object.add("initContainers", objects: initContainers) { try $0.writeMembers(to: &$1) }
        object.add("nodeName", nodeName)
        object.add("nodeSelector", nodeSelector)
        try object.add("os", encoding: os)
        object.add("overhead", overhead)
        object.add("preemptionPolicy", preemptionPolicy)
        object.add("priority", priority)
        object.add("priorityClassName", priorityClassName)
        try object.add("readinessGates", encoding: readinessGates)
        try object.add("resourceClaims", encoding: resourceClaims)
        object.add("restartPolicy", restartPolicy)
        object.add("runtimeClassName", runtimeClassName)
        object.add("schedulerName", schedulerName)
        try object.add("schedulingGates", encoding: schedulingGates)
        try object.add("securityContext", encoding: securityContext)
        object.add("serviceAccount", serviceAccount)
        object.add("serviceAccountName", serviceAccountName)
        object.add("setHostnameAsFQDN", setHostnameAsFQDN)
        object.add("shareProcessNamespace", shareProcessNamespace)
        object.add("subdomain", subdomain)
        object.add("terminationGracePeriodSeconds", terminationGracePeriodSeconds)
        try object.add("tolerations", encoding: tolerations)
        try object.add("topologySpreadConstraints", encoding: topologySpreadConstraints)
        try object.add("volumes", encoding: volumes)
    }
}

extension Container {
    func writeMembers(to object: inout CompactJSONObject) throws {
        object.add("args", args)
        object.add("command", command)
        try object.add("env", objects: env) { variable, object in
            object.add("name", variable.name)
            object.add("value", variable.value)
            try object.add("valueFrom", encoding: variable.valueFrom)
        }
        try object.add("envFrom", encoding: envFrom)
        object.add("image", image)
        object.add("imagePullPolicy", imagePullPolicy)
        try object.add("lifecycle", encoding: lifecycle)
        try object.add("livenessProbe", encoding: livenessProbe)
        object.add("name", name)
        object.add("ports", objects: ports) { port, object in
            object.add("containerPort", port.containerPort)
            object.add("hostIP", port.hostIP)
            object.add("hostPort", port.hostPort)
            object.add("name", port.name)
            object.add("protocol", port.protocol)
        }
        try object.add("readinessProbe", encoding: readinessProbe)
        try object.add("resizePolicy", encoding: resizePolicy)
        object.add("resources", object: resources) { $0.writeMembers(to: &$1) }
        object.add("restartPolicy", restartPolicy)
        try object.add("securityContext", encoding: securityContext)
        try object.add("startupProbe", encoding: startupProbe)
        object.add("stdin", stdin)
        object.add("stdinOnce", stdinOnce)
        object.add("terminationMessagePath", terminationMessagePath)
        object.add("terminationMessagePolicy", terminationMessagePolicy)
        object.add("tty", tty)
        try object.add("volumeDevices", encoding: volumeDevices)
        object.add("volumeMounts", objects: volumeMounts) { mount, object in
            object.add("mountPath", mount.mountPath)
            object.add("mountPropagation", mount.mountPropagation)
            object.add("name", mount.name)
            object.add("readOnly", mount.readOnly)
            object.add("recursiveReadOnly", mount.recursiveReadOnly)
            object.add("subPath", mount.subPath)
            object.add("subPathExpr", mount.subPathExpr)
        }
        object.add("workingDir", workingDir)
    }
}

extension ResourceRequirements {
    func writeMembers(to object: inout CompactJSONObject) {
        object.add("claims", objects: claims) { claim, object in
            object.add("name", claim.name)
            object.add("request", claim.request)
        }
        object.add("limits", limits)
        object.add("requests", requests)
    }
}
