extension Model {
    /// A DNS-1123 name (it appears in `fermi://` URIs); versions numbered from 1 with
    /// `fermi://models/NAME/VERSION` URIs.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("status", "versions")
        for (index, version) in (status?.versions ?? []).enumerated() {
            let number = version.version ?? 0
            if number < 1 { errors.append(.invalid(path.index(index).child("version"), number, "must be at least 1")) }
            let wanted = Model.storageURI(name: name, version: number)
            if let uri = version.storageUri, uri != wanted {
                errors.append(.invalid(path.index(index).child("storageUri"), uri, "must be \(wanted)"))
            }
        }
        return errors
    }
}
