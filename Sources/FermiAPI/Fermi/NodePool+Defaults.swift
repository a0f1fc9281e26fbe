extension NodePool {
    /// No nodes until asked for, the kubelet's 110 pods per node, the vendor named by the
    /// product, and prices in yuan.
    public mutating func setDefaults() {
        if spec.replicas == nil { spec.replicas = 0 }
        if spec.shape != nil, spec.shape?.maxPods == nil { spec.shape?.maxPods = 110 }
        if let product = spec.shape?.gpu?.product, spec.shape?.gpu?.vendor == nil {
            spec.shape?.gpu?.vendor = GPUVendor.of(product: product)
        }
        if spec.pricing != nil, spec.pricing?.currency == nil { spec.pricing?.currency = "CNY" }
    }
}
