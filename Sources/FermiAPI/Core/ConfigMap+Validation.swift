extension ConfigMap {
    /// Upstream's rules for ConfigMaps: config keys, no key in both `data` and `binaryData`,
    /// and at most 1 MiB of data in all.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let dataPath = FieldPath("data")
        let binaryPath = FieldPath("binaryData")
        let data = self.data ?? [:]
        let binaryData = self.binaryData ?? [:]
        var size = 0
        for key in data.keys.sorted() {
            errors += ConfigKeyRules.problems(key).map { .invalid(dataPath.key(key), key, $0) }
            if binaryData[key] != nil {
                errors.append(.invalid(dataPath.key(key), key, "duplicate of key present in binaryData"))
            }
            size += data[key]?.utf8.count ?? 0
        }
        for key in binaryData.keys.sorted() {
            errors += ConfigKeyRules.problems(key).map { .invalid(binaryPath.key(key), key, $0) }
            size += ConfigKeyRules.decodedSize(
                of: binaryData[key] ?? "", at: binaryPath.key(key), errors: &errors)
        }
        if size > ConfigKeyRules.maximumDataSize {
            errors.append(FieldError(.tooLong(maximum: ConfigKeyRules.maximumDataSize), dataPath))
        }
        return errors
    }
}
