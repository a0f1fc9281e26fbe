extension PodSpecRules {
    /// What a container's fields are checked against: the pod's volumes by name, and the names
    /// of its resource claims.
    struct ContainerContext {
        var volumes: [String: Volume]
        var claimNames: Set<String>
    }

    /// The app containers: at least one, unique DNS-label names, and each valid.
    static func validateContainers(_ containers: [Container], _ context: ContainerContext, at path: FieldPath)
        -> [FieldError]
    {
        guard !containers.isEmpty else { return [.required(path)] }
        var errors: [FieldError] = []
        var names = Set<String>()
        for (index, container) in containers.enumerated() {
            let itemPath = path.index(index)
            errors += validateContainerCommon(container, context, at: itemPath)
            let name = container.name ?? ""
            if !names.insert(name).inserted {
                errors.append(.duplicate(itemPath.child("name"), name))
            }
            errors += validateRunningContainerHooks(container, at: itemPath)
            if container.restartPolicy != nil {
                errors.append(.forbidden(itemPath.child("restartPolicy"), "may not be set for non-init containers"))
            }
        }
        errors += validateHostPortsUnique([containers], at: path)
        return errors
    }

    /// Init containers: names unique among all the pod's containers; only sidecars
    /// (restartPolicy Always) may have lifecycle hooks and probes.
    static func validateInitContainers(
        _ containers: [Container], appContainers: [Container], _ context: ContainerContext, at path: FieldPath
    ) -> [FieldError] {
        var errors: [FieldError] = []
        var names = Set(appContainers.compactMap(\.name))
        for (index, container) in containers.enumerated() {
            let itemPath = path.index(index)
            errors += validateContainerCommon(container, context, at: itemPath)
            var sidecar = false
            if let policy = container.restartPolicy {
                sidecar = policy == PodRestartPolicy.always
                if !sidecar {
                    errors.append(.notSupported(itemPath.child("restartPolicy"), policy, [PodRestartPolicy.always]))
                }
            }
            let name = container.name ?? ""
            if names.contains(name) {
                errors.append(.duplicate(itemPath.child("name"), name))
            } else if !name.isEmpty {
                names.insert(name)
            }
            errors += validateHostPortsUnique([container].map { [$0] }, at: path)
            if sidecar {
                errors += validateRunningContainerHooks(container, at: itemPath)
                continue
            }
            let present: [(String, Bool)] = [
                ("lifecycle", container.lifecycle != nil), ("livenessProbe", container.livenessProbe != nil),
                ("readinessProbe", container.readinessProbe != nil), ("startupProbe", container.startupProbe != nil),
            ]
            for (field, isSet) in present where isSet {
                errors.append(
                    .forbidden(itemPath.child(field), "may not be set for init containers without restartPolicy=Always"))
            }
        }
        return errors
    }

    /// What every container must satisfy, app or init.
    private static func validateContainerCommon(
        _ container: Container, _ context: ContainerContext, at path: FieldPath
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let namePath = path.child("name")
        if let name = container.name, !name.isEmpty {
            errors += NameRules.dns1123Label(name).map { .invalid(namePath, name, $0) }
        } else {
            errors.append(.required(namePath))
        }
        if (container.image ?? "").isEmpty {
            errors.append(.required(path.child("image")))
        }
        errors += validateTerminationMessagePolicy(container.terminationMessagePolicy, at: path)
        errors += validatePorts(container.ports ?? [], at: path.child("ports"))
        errors += validateEnv(container.env ?? [], at: path.child("env"))
        errors += validateEnvFrom(container.envFrom ?? [], at: path.child("envFrom"))
        errors += validateVolumeMounts(container, volumes: context.volumes, at: path.child("volumeMounts"))
        errors += validateVolumeDevices(container, volumes: context.volumes, at: path.child("volumeDevices"))
        errors += validateEnum(container.imagePullPolicy, PullPolicy.all, at: path.child("imagePullPolicy"))
        errors += validateResources(
            container.resources, claimNames: context.claimNames, at: path.child("resources"))
        for (index, policy) in (container.resizePolicy ?? []).enumerated() {
            let itemPath = path.child("resizePolicy").index(index)
            errors += validateEnum(policy.resourceName, ["cpu", "memory"], at: itemPath.child("resourceName"))
            errors += validateEnum(
                policy.restartPolicy, ["NotRequired", "RestartContainer"], at: itemPath.child("restartPolicy"))
        }
        errors += validateSecurityContext(container.securityContext, at: path.child("securityContext"))
        return errors
    }

    private static func validateTerminationMessagePolicy(_ policy: String?, at path: FieldPath) -> [FieldError] {
        let detail = "must be 'File' or 'FallbackToLogsOnError'"
        switch policy ?? "" {
        case TerminationMessagePolicy.file, TerminationMessagePolicy.fallbackToLogsOnError: return []
        case "": return [.required(path.child("terminationMessagePolicy"), detail)]
        case let value: return [.invalid(path.child("terminationMessagePolicy"), value, detail)]
        }
    }

    /// Lifecycle hooks and probes of a container that keeps running (an app container or a
    /// sidecar): liveness and startup probes have successThreshold 1, readiness probes no
    /// grace period of their own.
    private static func validateRunningContainerHooks(_ container: Container, at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        if let lifecycle = container.lifecycle {
            for (field, handler) in [("postStart", lifecycle.postStart), ("preStop", lifecycle.preStop)] {
                guard let handler else { continue }
                errors += validateHandler(
                    exec: handler.exec, httpGet: handler.httpGet, tcpSocket: handler.tcpSocket, grpc: nil,
                    sleep: handler.sleep, at: path.child("lifecycle").child(field))
            }
        }
        for (field, probe) in [("livenessProbe", container.livenessProbe), ("startupProbe", container.startupProbe)] {
            guard let probe else { continue }
            errors += validateProbe(probe, at: path.child(field))
            if let threshold = probe.successThreshold, threshold != 1 {
                errors.append(.invalid(path.child(field).child("successThreshold"), threshold, "must be 1"))
            }
        }
        if let probe = container.readinessProbe {
            errors += validateProbe(probe, at: path.child("readinessProbe"))
            if let grace = probe.terminationGracePeriodSeconds {
                errors.append(
                    .invalid(
                        path.child("readinessProbe").child("terminationGracePeriodSeconds"), grace,
                        "must not be set for readinessProbes"))
            }
        }
        return errors
    }

    /// A probe: exactly one handler, non-negative timings, a positive grace period.
    static func validateProbe(_ probe: Probe, at path: FieldPath) -> [FieldError] {
        var errors = validateHandler(
            exec: probe.exec, httpGet: probe.httpGet, tcpSocket: probe.tcpSocket, grpc: probe.grpc, sleep: nil,
            at: path)
        let timings: [(String, Int32?)] = [
            ("initialDelaySeconds", probe.initialDelaySeconds), ("timeoutSeconds", probe.timeoutSeconds),
            ("periodSeconds", probe.periodSeconds), ("successThreshold", probe.successThreshold),
            ("failureThreshold", probe.failureThreshold),
        ]
        for (field, value) in timings {
            errors += nonNegative(value ?? 0, at: path.child(field))
        }
        if let grace = probe.terminationGracePeriodSeconds, grace <= 0 {
            errors.append(.invalid(path.child("terminationGracePeriodSeconds"), grace, "must be greater than 0"))
        }
        return errors
    }

    /// Exactly one handler of a probe or lifecycle hook, each valid.
    private static func validateHandler(
        exec: ExecAction?, httpGet: HTTPGetAction?, tcpSocket: TCPSocketAction?, grpc: GRPCAction?,
        sleep: SleepAction?, at path: FieldPath
    ) -> [FieldError] {
        var errors: [FieldError] = []
        var count = 0
        func handler(_ field: String, _ isSet: Bool, _ check: () -> [FieldError]) {
            guard isSet else { return }
            if count > 0 {
                errors.append(.forbidden(path.child(field), "may not specify more than 1 handler type"))
            } else {
                count += 1
                errors += check()
            }
        }
        handler("exec", exec != nil) {
            (exec?.command ?? []).isEmpty ? [.required(path.child("exec").child("command"))] : []
        }
        handler("httpGet", httpGet != nil) { validateHTTPGet(httpGet ?? HTTPGetAction(), at: path.child("httpGet")) }
        handler("tcpSocket", tcpSocket != nil) {
            validatePortNumberOrName(tcpSocket?.port ?? .int(0), at: path.child("tcpSocket").child("port"))
        }
        handler("grpc", grpc != nil) {
            let port = grpc?.port ?? 0
            return Service.portNumberProblems(Int(port)).map { .invalid(path.child("grpc").child("port"), port, $0) }
        }
        handler("sleep", sleep != nil) {
            let seconds = sleep?.seconds ?? 0
            return seconds > 0 ? [] : [.invalid(path.child("sleep").child("seconds"), seconds, "must be greater than 0")]
        }
        if count == 0 {
            errors.append(.required(path, "must specify a handler type"))
        }
        return errors
    }

    private static func validateHTTPGet(_ action: HTTPGetAction, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if (action.path ?? "").isEmpty { errors.append(.required(path.child("path"))) }
        errors += validatePortNumberOrName(action.port ?? .int(0), at: path.child("port"))
        let scheme = action.scheme ?? ""
        if !URIScheme.all.contains(scheme) {
            errors.append(.notSupported(path.child("scheme"), scheme, URIScheme.all))
        }
        for header in action.httpHeaders ?? [] {
            let name = header.name ?? ""
            let token = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
            }
            if !token {
                errors.append(
                    .invalid(
                        path.child("httpHeaders"), name,
                        "a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used for validation is '[-A-Za-z0-9]+')"
                    ))
            }
        }
        return errors
    }

    /// A port given by number (1–65535) or by the name of a container port.
    static func validatePortNumberOrName(_ port: IntOrString, at path: FieldPath) -> [FieldError] {
        switch port {
        case .int(let number):
            return Service.portNumberProblems(Int(number)).map { .invalid(path, number, $0) }
        case .string(let name):
            return Service.portNameProblems(name).map { .invalid(path, name, $0) }
        }
    }

    /// Host ports do not collide within each group of containers that run at once.
    private static func validateHostPortsUnique(_ groups: [[Container]], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for containers in groups {
            var seen = Set<String>()
            for (index, container) in containers.enumerated() {
                for (position, port) in (container.ports ?? []).enumerated() {
                    guard let hostPort = port.hostPort, hostPort != 0 else { continue }
                    let key = "\(port.protocol ?? "")/\(port.hostIP ?? "")/\(hostPort)"
                    if !seen.insert(key).inserted {
                        errors.append(
                            .duplicate(path.index(index).child("ports").index(position).child("hostPort"), key))
                    }
                }
            }
        }
        return errors
    }

    /// A container's own security settings: IDs in range, known profiles, and no privileged
    /// container that forbids privilege escalation.
    private static func validateSecurityContext(_ context: SecurityContext?, at path: FieldPath) -> [FieldError] {
        guard let context else { return [] }
        var errors: [FieldError] = []
        errors += validateID(context.runAsUser, at: path.child("runAsUser"))
        errors += validateID(context.runAsGroup, at: path.child("runAsGroup"))
        if let procMount = context.procMount, !["Default", "Unmasked"].contains(procMount) {
            errors.append(.notSupported(path.child("procMount"), procMount, ["Default", "Unmasked"]))
        }
        errors += validateProfile(
            type: context.seccompProfile?.type, localhost: context.seccompProfile?.localhostProfile,
            present: context.seccompProfile != nil, kind: "seccomp", at: path.child("seccompProfile"))
        errors += validateProfile(
            type: context.appArmorProfile?.type, localhost: context.appArmorProfile?.localhostProfile,
            present: context.appArmorProfile != nil, kind: "AppArmor", at: path.child("appArmorProfile"))
        if context.allowPrivilegeEscalation == false, context.privileged == true {
            errors.append(
                .forbidden(path, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
        }
        return errors
    }
}
