/// Upstream's validation of a pod spec (`ValidatePodSpec` of pkg/apis/core/validation), with
/// its messages, for every kind that carries one: Pod, Job, PyTorchJob replicas,
/// InferenceService components, Workload pod sets.
///
/// Validation runs on the defaulted object, as the API server's does, so fields that defaulting
/// fills in (restartPolicy, dnsPolicy, imagePullPolicy, a port's protocol) are required here.
public enum PodSpecRules {
    /// Everything wrong with `spec`, each error under `path` (e.g. `spec.template.spec`).
    public static func validate(_ spec: PodSpec, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let (volumes, volumeErrors) = validateVolumes(spec.volumes ?? [], at: path.child("volumes"))
        errors += volumeErrors
        let claimNames = Set((spec.resourceClaims ?? []).compactMap(\.name))
        let context = ContainerContext(volumes: volumes, claimNames: claimNames)
        errors += validateContainers(spec.containers ?? [], context, at: path.child("containers"))
        errors += validateInitContainers(
            spec.initContainers ?? [], appContainers: spec.containers ?? [], context,
            at: path.child("initContainers"))
        if spec.hostNetwork == true {
            errors += validateHostNetworkPorts(spec.containers ?? [], at: path.child("containers"))
        }
        errors += validateEnum(
            spec.restartPolicy, PodRestartPolicy.all, at: path.child("restartPolicy"))
        errors += validateEnum(spec.dnsPolicy, DNSPolicy.all, at: path.child("dnsPolicy"))
        errors += validateLabels(spec.nodeSelector ?? [:], at: path.child("nodeSelector"))
        errors += validatePodSecurityContext(spec.securityContext, at: path.child("securityContext"))
        errors += validateAffinity(spec.affinity, at: path.child("affinity"))
        errors += validateDNSConfig(spec.dnsConfig, policy: spec.dnsPolicy, at: path.child("dnsConfig"))
        for (index, gate) in (spec.readinessGates ?? []).enumerated() {
            let type = gate.conditionType ?? ""
            errors += NameRules.qualifiedName(type).map {
                .invalid(path.child("readinessGates").index(index).child("conditionType"), type, $0)
            }
        }
        errors += validateTopologySpreadConstraints(
            spec.topologySpreadConstraints ?? [], at: path.child("topologySpreadConstraints"))
        errors += validateNames(spec, at: path)
        if let deadline = spec.activeDeadlineSeconds, deadline < 1 || deadline > Int64(Int32.max) {
            errors.append(
                .invalid(path.child("activeDeadlineSeconds"), deadline, "must be between 1 and 2147483647, inclusive"))
        }
        if let grace = spec.terminationGracePeriodSeconds {
            errors += nonNegative(grace, at: path.child("terminationGracePeriodSeconds"))
        }
        errors += validateTolerations(spec.tolerations ?? [], at: path.child("tolerations"))
        for (index, alias) in (spec.hostAliases ?? []).enumerated() {
            let aliasPath = path.child("hostAliases").index(index)
            errors += IPAddressRules.validateIP(alias.ip ?? "", at: aliasPath.child("ip"))
            for (position, hostname) in (alias.hostnames ?? []).enumerated() {
                errors += NameRules.dns1123Subdomain(hostname).map {
                    .invalid(aliasPath.child("hostnames").index(position), hostname, $0)
                }
            }
        }
        if let policy = spec.preemptionPolicy, !PreemptionPolicy.all.contains(policy) {
            errors.append(.notSupported(path.child("preemptionPolicy"), policy, PreemptionPolicy.all))
        }
        if let overhead = spec.overhead {
            errors += validateResourceList(overhead, at: path.child("overhead"))
        }
        if let os = spec.os?.name, !["linux", "windows"].contains(os) {
            errors.append(.notSupported(path.child("os").child("name"), os, ["linux", "windows"]))
        }
        errors += validateSchedulingGates(spec.schedulingGates ?? [], at: path.child("schedulingGates"))
        errors += validatePodResourceClaims(spec.resourceClaims ?? [], at: path.child("resourceClaims"))
        return errors
    }

    /// The names a pod spec refers to: service account and node (DNS subdomains), host name and
    /// subdomain (DNS labels), priority and runtime classes (DNS subdomains).
    private static func validateNames(_ spec: PodSpec, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let subdomains: [(String, String?)] = [
            ("serviceAccountName", spec.serviceAccountName), ("nodeName", spec.nodeName),
            ("priorityClassName", spec.priorityClassName), ("runtimeClassName", spec.runtimeClassName),
        ]
        for (field, value) in subdomains {
            guard let value, !value.isEmpty || field == "runtimeClassName" else { continue }
            errors += NameRules.dns1123Subdomain(value).map { .invalid(path.child(field), value, $0) }
        }
        for (field, value) in [("hostname", spec.hostname), ("subdomain", spec.subdomain)] {
            guard let value, !value.isEmpty else { continue }
            errors += NameRules.dns1123Label(value).map { .invalid(path.child(field), value, $0) }
        }
        for (index, secret) in (spec.imagePullSecrets ?? []).enumerated() {
            guard let name = secret.name, !name.isEmpty else { continue }
            errors += NameRules.dns1123Subdomain(name).map {
                .invalid(path.child("imagePullSecrets").index(index).child("name"), name, $0)
            }
        }
        return errors
    }

    /// With hostNetwork, each container port is the host port.
    private static func validateHostNetworkPorts(_ containers: [Container], at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        for (index, container) in containers.enumerated() {
            for (position, port) in (container.ports ?? []).enumerated()
            where (port.hostPort ?? 0) != 0 && port.hostPort != port.containerPort {
                errors.append(
                    .invalid(
                        path.index(index).child("ports").index(position).child("containerPort"),
                        port.containerPort ?? 0, "must match `hostPort` when `hostNetwork` is true"))
            }
        }
        return errors
    }

    /// Name servers (≤ 3, IP addresses), search domains (≤ 32, ≤ 2048 characters, DNS
    /// subdomains), named options; with dnsPolicy None, at least one name server.
    private static func validateDNSConfig(_ config: PodDNSConfig?, policy: String?, at path: FieldPath)
        -> [FieldError]
    {
        if policy == DNSPolicy.none {
            guard let config else {
                return [.required(path, "must provide `dnsConfig` when `dnsPolicy` is None")]
            }
            if (config.nameservers ?? []).isEmpty {
                return [
                    .required(
                        path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")
                ]
            }
        }
        guard let config else { return [] }
        var errors: [FieldError] = []
        let nameservers = config.nameservers ?? []
        if nameservers.count > 3 {
            errors.append(
                FieldError(
                    .invalid(value: goStrings(nameservers)), path.child("nameservers"),
                    "must not have more than 3 nameservers"))
        }
        for (index, server) in nameservers.enumerated() {
            errors += IPAddressRules.validateIP(server, at: path.child("nameservers").index(index))
        }
        let searches = config.searches ?? []
        if searches.count > 32 {
            errors.append(
                FieldError(
                    .invalid(value: goStrings(searches)), path.child("searches"),
                    "must not have more than 32 search paths"))
        }
        if searches.joined(separator: " ").utf8.count > 2048 {
            errors.append(
                FieldError(
                    .invalid(value: goStrings(searches)), path.child("searches"),
                    "must not have more than 2048 characters (including spaces) in the search list"))
        }
        for (index, search) in searches.enumerated() {
            let domain = search.hasSuffix(".") ? String(search.dropLast()) : search
            errors += NameRules.dns1123Subdomain(domain).map {
                .invalid(path.child("searches").index(index), domain, $0)
            }
        }
        for (index, option) in (config.options ?? []).enumerated() where (option.name ?? "").isEmpty {
            errors.append(.required(path.child("options").index(index), "must not be empty"))
        }
        return errors
    }

    /// Scheduling gates have qualified names, each once.
    private static func validateSchedulingGates(_ gates: [PodSchedulingGate], at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        var seen = Set<String>()
        for (index, gate) in gates.enumerated() {
            let name = gate.name ?? ""
            errors += NameRules.qualifiedName(name).map { .invalid(path.index(index), name, $0) }
            if !seen.insert(name).inserted {
                errors.append(.duplicate(path.index(index), name))
            }
        }
        return errors
    }

    /// Pod resource claims have DNS-label names, each once, and name a claim or a template.
    private static func validatePodResourceClaims(_ claims: [PodResourceClaim], at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        var seen = Set<String>()
        for (index, claim) in claims.enumerated() {
            let namePath = path.index(index).child("name")
            let name = claim.name ?? ""
            if name.isEmpty {
                errors.append(.required(namePath))
                continue
            }
            errors += NameRules.dns1123Label(name).map { .invalid(namePath, name, $0) }
            if !seen.insert(name).inserted { errors.append(.duplicate(path.index(index), name)) }
        }
        return errors
    }

    /// Upstream's policy-security checks of a pod: IDs within range, supplemental groups,
    /// a known fsGroupChangePolicy, valid sysctls and seccomp/AppArmor profiles.
    static func validatePodSecurityContext(_ context: PodSecurityContext?, at path: FieldPath)
        -> [FieldError]
    {
        guard let context else { return [] }
        var errors: [FieldError] = []
        errors += validateID(context.runAsUser, at: path.child("runAsUser"))
        errors += validateID(context.runAsGroup, at: path.child("runAsGroup"))
        errors += validateID(context.fsGroup, at: path.child("fsGroup"))
        for (index, group) in (context.supplementalGroups ?? []).enumerated() {
            errors += validateID(group, at: path.child("supplementalGroups").index(index))
        }
        if let policy = context.fsGroupChangePolicy, !["OnRootMismatch", "Always"].contains(policy) {
            errors.append(
                .notSupported(path.child("fsGroupChangePolicy"), policy, ["OnRootMismatch", "Always"]))
        }
        var sysctlNames = Set<String>()
        for (index, sysctl) in (context.sysctls ?? []).enumerated() {
            let namePath = path.child("sysctls").index(index).child("name")
            let name = sysctl.name ?? ""
            if name.isEmpty {
                errors.append(.required(namePath))
            } else if !sysctlNames.insert(name).inserted {
                errors.append(.duplicate(namePath, name))
            }
        }
        errors += validateProfile(
            type: context.seccompProfile?.type, localhost: context.seccompProfile?.localhostProfile,
            present: context.seccompProfile != nil, kind: "seccomp", at: path.child("seccompProfile"))
        errors += validateProfile(
            type: context.appArmorProfile?.type, localhost: context.appArmorProfile?.localhostProfile,
            present: context.appArmorProfile != nil, kind: "AppArmor", at: path.child("appArmorProfile"))
        return errors
    }

    /// A user or group ID is 0–2147483647.
    static func validateID(_ id: Int64?, at path: FieldPath) -> [FieldError] {
        guard let id, id < 0 || id > Int64(Int32.max) else { return [] }
        return [.invalid(path, id, "must be between 0 and 2147483647, inclusive")]
    }

    /// A seccomp or AppArmor (`kind`) profile: RuntimeDefault, Unconfined, or Localhost with a
    /// profile.
    static func validateProfile(
        type: String?, localhost: String?, present: Bool, kind: String, at path: FieldPath
    ) -> [FieldError] {
        guard present else { return [] }
        let types = ["Localhost", "RuntimeDefault", "Unconfined"]
        guard let type, !type.isEmpty else { return [.required(path.child("type"))] }
        guard types.contains(type) else { return [.notSupported(path.child("type"), type, types)] }
        if type == "Localhost", (localhost ?? "").isEmpty {
            return [.required(path.child("localhostProfile"), "must be set when \(kind) type is Localhost")]
        }
        if type != "Localhost", localhost != nil {
            return [
                .invalid(
                    path.child("localhostProfile"), localhost ?? "", "can only be set when \(kind) type is Localhost")
            ]
        }
        return []
    }
}

extension PodSpecRules {
    /// A value that defaulting fills in is required, and one of `allowed`.
    static func validateEnum(_ value: String?, _ allowed: [String], at path: FieldPath) -> [FieldError] {
        guard let value, !value.isEmpty else { return [.required(path)] }
        return allowed.contains(value) ? [] : [.notSupported(path, value, allowed)]
    }

    /// `must be greater than or equal to 0`, as upstream's ValidateNonnegativeField.
    static func nonNegative(_ value: some BinaryInteger, at path: FieldPath) -> [FieldError] {
        value < 0 ? [.invalid(path, value, "must be greater than or equal to 0")] : []
    }

    /// Label keys are qualified names and values label values, reported at `path` itself, as
    /// upstream's ValidateLabels.
    static func validateLabels(_ labels: [String: String], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            errors += NameRules.qualifiedName(key).map { .invalid(path, key, $0) }
            errors += NameRules.labelValue(value).map { .invalid(path, value, $0) }
        }
        return errors
    }

    /// A list of strings as Go prints it in a message: `[]string{"a", "b"}`.
    static func goStrings(_ values: [String]) -> String {
        "[]string{" + values.map(FieldError.quoted).joined(separator: ", ") + "}"
    }
}
