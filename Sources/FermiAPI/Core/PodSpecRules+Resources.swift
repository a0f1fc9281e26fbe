extension PodSpecRules {
    /// Resource names that need no domain (`ValidateResourceName`'s standard resources).
    static let standardResourceNames: Set<String> = [
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
        "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "requests.storage",
        "services.nodeports", "services.loadbalancers",
    ]

    /// A container's requests and limits: known names, non-negative quantities (whole numbers
    /// for extended resources), requests no more than limits — and equal to them for resources
    /// that cannot be overcommitted, such as `nvidia.com/gpu` — and claims the pod has.
    static func validateResources(_ resources: ResourceRequirements?, claimNames: Set<String>, at path: FieldPath)
        -> [FieldError]
    {
        guard let resources else { return [] }
        var errors: [FieldError] = []
        let limitsPath = path.child("limits")
        let requestsPath = path.child("requests")
        let limits = resources.limits ?? [:]
        for (name, quantity) in limits.sorted(by: { $0.key < $1.key }) {
            let itemPath = limitsPath.key(name)
            errors += validateContainerResourceName(name, at: itemPath)
            errors += validateQuantity(quantity, of: name, at: itemPath)
        }
        for (name, quantity) in (resources.requests ?? [:]).sorted(by: { $0.key < $1.key }) {
            let itemPath = requestsPath.key(name)
            errors += validateContainerResourceName(name, at: itemPath)
            errors += validateQuantity(quantity, of: name, at: itemPath)
            if let limit = limits[name] {
                if quantity != limit, !isOvercommitAllowed(name) {
                    errors.append(
                        .invalid(requestsPath, quantity.text, "must be equal to \(name) limit of \(limit.text)"))
                } else if quantity > limit {
                    errors.append(
                        .invalid(requestsPath, quantity.text, "must be less than or equal to \(name) limit of \(limit.text)"))
                }
            } else if !isOvercommitAllowed(name) {
                errors.append(.required(limitsPath, "Limit must be set for non overcommitable resources"))
            }
        }
        var claims = Set<String>()
        for (index, claim) in (resources.claims ?? []).enumerated() {
            let name = claim.name ?? ""
            if name.isEmpty {
                errors.append(.required(path.child("claims").index(index)))
            } else if !claims.insert(name).inserted {
                errors.append(.duplicate(path.child("claims").index(index), name))
            } else if !claimNames.contains(name) {
                errors.append(notFound(path.child("claims").index(index), name))
            }
        }
        return errors
    }

    /// A resource list outside a container (a pod's overhead): valid names and quantities.
    static func validateResourceList(_ list: ResourceList, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (name, quantity) in list.sorted(by: { $0.key < $1.key }) {
            errors += validateResourceName(name, at: path.key(name))
            errors += validateQuantity(quantity, of: name, at: path.key(name))
        }
        return errors
    }

    /// A qualified name, and a standard one when it has no domain.
    static func validateResourceName(_ name: String, at path: FieldPath) -> [FieldError] {
        let problems = NameRules.qualifiedName(name)
        guard problems.isEmpty else { return problems.map { .invalid(path, name, $0) } }
        if !hasDomain(name), !standardResourceNames.contains(name), !name.hasPrefix("hugepages-") {
            return [.invalid(path, name, "must be a standard resource type or fully qualified")]
        }
        return []
    }

    /// What a container may ask for: cpu, memory, ephemeral-storage, huge pages, or a
    /// resource with a domain.
    static func validateContainerResourceName(_ name: String, at path: FieldPath) -> [FieldError] {
        var errors = validateResourceName(name, at: path)
        if !hasDomain(name) {
            let standard = ["cpu", "memory", "ephemeral-storage"].contains(name) || name.hasPrefix("hugepages-")
            if !standard { errors.append(.invalid(path, name, "must be a standard resource for containers")) }
        } else if !isNativeResource(name), name.hasPrefix("requests.") {
            errors.append(.invalid(path, name, "doesn't follow extended resource name standard"))
        }
        return errors
    }

    /// Not negative; whole numbers for extended resources.
    static func validateQuantity(_ quantity: Quantity, of name: String, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if quantity.isNegative {
            errors.append(.invalid(path, quantity.text, "must be greater than or equal to 0"))
        }
        if Node.isExtendedResource(name), quantity.milliValue % 1000 != 0 {
            errors.append(FieldError(.invalid(value: quantity.text), path, "must be an integer"))
        }
        return errors
    }

    /// A resource named without a domain, or in kubernetes.io's.
    static func isNativeResource(_ name: String) -> Bool {
        !hasDomain(name) || contains(name, "kubernetes.io/")
    }

    /// Whether `text` holds `part`, byte for byte: `firstRange(of:)` goes through the string
    /// processing library's generic search, and this runs for every resource of every container.
    private static func contains(_ text: String, _ part: String) -> Bool {
        let text = Array(text.utf8)
        let part = Array(part.utf8)
        guard !part.isEmpty, text.count >= part.count else { return part.isEmpty }
        return (0...(text.count - part.count)).contains { start in text[start..<(start + part.count)].elementsEqual(part) }
    }

    /// Whether requests may be below limits: native resources other than huge pages.
    static func isOvercommitAllowed(_ name: String) -> Bool {
        isNativeResource(name) && !name.hasPrefix("hugepages-")
    }

    /// Whether a resource name has a domain (`nvidia.com/gpu`), read over its bytes: resource
    /// names are checked for every container of every object written.
    static func hasDomain(_ name: String) -> Bool {
        name.utf8.contains(UInt8(ascii: "/"))
    }
}
