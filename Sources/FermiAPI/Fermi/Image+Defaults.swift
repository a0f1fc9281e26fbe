extension Image {
    /// The labels `fermi get images -l` filters the catalogue by.
    public static let categoryLabel = "images.fermi.dev/category"
    public static let frameworkLabel = "images.fermi.dev/framework"

    /// An image is tagged `latest` and is a custom image unless it says otherwise; it is
    /// labelled with its category and its first framework, so the catalogue can be filtered
    /// by them (`fermi get images -l images.fermi.dev/framework=pytorch`).
    public mutating func setDefaults() {
        if spec.tag == nil, spec.digest == nil { spec.tag = "latest" }
        if spec.category == nil { spec.category = ImageCategory.custom }
        var labels = metadata.labels ?? [:]
        labels[Self.categoryLabel] = spec.category
        if let framework = spec.frameworks?.first?.name, !framework.isEmpty { labels[Self.frameworkLabel] = framework }
        metadata.labels = labels
    }
}
