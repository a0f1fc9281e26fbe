extension NodePool {
    /// A pool names its zone, has a node count of zero or more, a shape with cores and memory,
    /// a GPU product when it has GPUs, sharing that fits the hardware, valid labels and taints
    /// for its nodes, and prices of zero or more.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        errors += FermiFieldRules.required(spec.zone, at: path.child("zone"))
        errors += FermiFieldRules.objectName(spec.zone, at: path.child("zone"))
        if let region = spec.region {
            errors += NameRules.labelValue(region).map { .invalid(path.child("region"), region, $0) }
        }
        errors += FermiFieldRules.atLeast(spec.replicas, 0, at: path.child("replicas"))
        if let shape = spec.shape {
            errors += Self.validate(shape, at: path.child("shape"))
        } else {
            errors.append(.required(path.child("shape"), "a pool needs a node shape with cpu and memory"))
        }
        errors += FermiFieldRules.labels(spec.labels, at: path.child("labels"))
        errors += Taint.validate(spec.taints ?? [], at: path.child("taints"))
        if let pricing = spec.pricing {
            let pricingPath = path.child("pricing")
            errors += FermiFieldRules.nonNegative(pricing.perGPUHour, at: pricingPath.child("perGPUHour"))
            errors += FermiFieldRules.nonNegative(pricing.perCoreHour, at: pricingPath.child("perCoreHour"))
            if let currency = pricing.currency,
                currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase })
            {
                errors.append(
                    .invalid(pricingPath.child("currency"), currency, "must be an ISO 4217 code such as CNY or USD"))
            }
        }
        return errors
    }

    private static func validate(_ shape: NodeShape, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (name, quantity) in [("cpu", shape.cpu), ("memory", shape.memory)] {
            if quantity == nil { errors.append(.required(path.child(name))) }
            errors += FermiFieldRules.positive(quantity, at: path.child(name))
        }
        errors += FermiFieldRules.nonNegative(shape.ephemeralStorage, at: path.child("ephemeralStorage"))
        errors += FermiFieldRules.atLeast(shape.rdmaDevices, 0, at: path.child("rdmaDevices"))
        errors += FermiFieldRules.atLeast(shape.maxPods, 1, at: path.child("maxPods"))
        if let gpu = shape.gpu {
            errors += validate(gpu, at: path.child("gpu"))
        }
        return errors
    }

    private static func validate(_ gpu: NodeGPU, at path: FieldPath) -> [FieldError] {
        var errors = FermiFieldRules.atLeast(gpu.count, 0, at: path.child("count"))
        if (gpu.count ?? 0) > 0 {
            errors += FermiFieldRules.required(
                gpu.product, at: path.child("product"), "a pool with GPUs names their product")
        }
        if let product = gpu.product, !product.isEmpty {
            errors += NameRules.labelValue(product).map { .invalid(path.child("product"), product, $0) }
        }
        errors += FermiFieldRules.oneOf(gpu.vendor, GPUVendor.all, at: path.child("vendor"))
        errors += FermiFieldRules.positive(gpu.memory, at: path.child("memory"))
        let vendor = gpu.vendor ?? gpu.product.map(GPUVendor.of(product:)) ?? GPUVendor.nvidia
        if let mig = gpu.mig {
            errors += validate(mig, vendor: vendor, at: path.child("mig"))
        }
        if let slicing = gpu.timeSlicing {
            errors += FermiFieldRules.atLeast(slicing.replicas, 1, at: path.child("timeSlicing").child("replicas"))
            if gpu.mig != nil {
                errors.append(
                    .forbidden(path.child("timeSlicing"), "may not be set together with mig; a pool shares its GPUs one way"))
            }
        }
        return errors
    }

    private static func validate(_ mig: MIGPartition, vendor: String, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if vendor != GPUVendor.nvidia {
            errors.append(.forbidden(path, "MIG partitioning is only for NVIDIA GPUs"))
        }
        if let profile = mig.profile {
            if !isMIGProfile(profile) {
                errors.append(
                    .invalid(path.child("profile"), profile, "must be a MIG profile such as 1g.10gb or 3g.40gb"))
            }
        } else {
            errors.append(.required(path.child("profile")))
        }
        if let count = mig.count, !(1...7).contains(count) {
            errors.append(
                .invalid(path.child("count"), count, "must be between 1 and 7, the most MIG slices one GPU holds"))
        }
        return errors
    }

    /// `<n>g.<m>gb`, optionally with a media-extension suffix such as `+me`.
    private static func isMIGProfile(_ profile: String) -> Bool {
        let base = profile.split(separator: "+", maxSplits: 1).first.map(String.init) ?? ""
        let parts = base.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasSuffix("g"), parts[1].hasSuffix("gb") else { return false }
        let slices = parts[0].dropLast()
        let memory = parts[1].dropLast(2)
        return !slices.isEmpty && !memory.isEmpty && slices.allSatisfy(\.isNumber)
            && memory.allSatisfy(\.isNumber)
    }
}
