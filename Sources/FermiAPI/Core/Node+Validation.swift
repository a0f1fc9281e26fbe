extension Node {
    /// Upstream's rules for nodes: a DNS subdomain name, valid taints, valid pod CIDRs (at most
    /// one per IP family), and capacity and allocatable that are not negative, with extended
    /// resources such as `nvidia.com/gpu` in whole units.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        errors += Taint.validate(spec?.taints ?? [], at: FieldPath("spec", "taints"))
        errors += validatePodCIDRs()
        for (name, list) in [("capacity", status?.capacity), ("allocatable", status?.allocatable)] {
            errors += Self.validateResources(list ?? [:], at: FieldPath("status", name))
        }
        return errors
    }

    private func validatePodCIDRs() -> [FieldError] {
        let path = FieldPath("spec", "podCIDRs")
        guard let cidrs = spec?.podCIDRs, !cidrs.isEmpty else {
            guard let cidr = spec?.podCIDR, !cidr.isEmpty else { return [] }
            return IPAddressRules.validateCIDR(cidr, at: FieldPath("spec", "podCIDR"))
        }
        var errors: [FieldError] = []
        for (index, cidr) in cidrs.enumerated() {
            errors += IPAddressRules.validateCIDR(cidr, at: path.index(index))
        }
        guard errors.isEmpty, cidrs.count > 1 else { return errors }
        let families = Set(cidrs.compactMap(IPAddressRules.family(ofCIDR:)))
        if cidrs.count > 2 || families.count != cidrs.count {
            errors.append(
                FieldError(
                    .invalid(value: "[]string{" + cidrs.map(FieldError.quoted).joined(separator: ", ") + "}"), path,
                    "may specify no more than one CIDR for each IP family"))
        }
        return errors
    }

    /// Each quantity is ≥ 0, and extended resources (a domain other than kubernetes.io) are
    /// whole numbers, as upstream's ValidateResourceQuantityValue.
    static func validateResources(_ list: ResourceList, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (name, quantity) in list.sorted(by: { $0.key < $1.key }) {
            let resourcePath = path.child(name)
            if quantity.isNegative {
                errors.append(.invalid(resourcePath, quantity.text, "must be greater than or equal to 0"))
            }
            if isExtendedResource(name), quantity.milliValue % 1000 != 0 {
                errors.append(FieldError(.invalid(value: quantity.text), resourcePath, "must be an integer"))
            }
        }
        return errors
    }

    /// A resource named with a domain other than kubernetes.io (`nvidia.com/gpu`).
    static func isExtendedResource(_ name: String) -> Bool {
        guard let slash = name.firstIndex(of: "/") else { return false }
        let domain = name[..<slash]
        return !(domain == "kubernetes.io" || domain.hasSuffix(".kubernetes.io"))
            && !name.hasPrefix("requests.")
    }
}
