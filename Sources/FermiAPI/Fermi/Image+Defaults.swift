extension Image {
    /// An image is tagged `latest` and is a custom image unless it says otherwise.
    public mutating func setDefaults() {
        if spec.tag == nil, spec.digest == nil { spec.tag = "latest" }
        if spec.category == nil { spec.category = ImageCategory.custom }
    }
}
