import Foundation

extension Secret {
    /// Upstream's rules for secrets: config keys, base64 values, at most 1 MiB of data, and
    /// the keys each type requires. `stringData` counts as the `data` it will become.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let dataPath = FieldPath("data")
        let stringData = self.stringData ?? [:]
        var values: [String: Data] = [:]
        for (key, value) in (data ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let bytes = Data(base64Encoded: value) else {
                if stringData[key] == nil {
                    errors.append(.invalid(dataPath.key(key), "<secret contents redacted>", "illegal base64 data"))
                }
                continue
            }
            values[key] = bytes
        }
        for (key, value) in stringData { values[key] = Data(value.utf8) }
        for key in values.keys.sorted() {
            errors += ConfigKeyRules.problems(key).map { .invalid(dataPath.key(key), key, $0) }
        }
        if values.values.reduce(0, { $0 + $1.count }) > ConfigKeyRules.maximumDataSize {
            errors.append(FieldError(.tooLong(maximum: ConfigKeyRules.maximumDataSize), dataPath))
        }
        errors += validateType(values, at: dataPath)
        return errors
    }

    /// The keys that the secret's type requires.
    private func validateType(_ values: [String: Data], at dataPath: FieldPath) -> [FieldError] {
        switch type ?? "" {
        case SecretType.serviceAccountToken:
            let annotation = "kubernetes.io/service-account.name"
            if (metadata.annotations?[annotation] ?? "").isEmpty {
                return [.required(FieldPath("metadata", "annotations").key(annotation))]
            }
        case SecretType.dockercfg:
            return requireJSON(values, key: ".dockercfg", at: dataPath)
        case SecretType.dockerConfigJSON:
            return requireJSON(values, key: ".dockerconfigjson", at: dataPath)
        case SecretType.basicAuth:
            if values["username"] == nil && values["password"] == nil {
                return [.required(dataPath.key("username")), .required(dataPath.key("password"))]
            }
        case SecretType.sshAuth:
            if (values["ssh-privatekey"] ?? Data()).isEmpty {
                return [.required(dataPath.key("ssh-privatekey"))]
            }
        case SecretType.tls:
            return ["tls.crt", "tls.key"].filter { values[$0] == nil }.map { .required(dataPath.key($0)) }
        default:
            break
        }
        return []
    }

    /// `key` is present and holds a JSON object.
    private func requireJSON(_ values: [String: Data], key: String, at dataPath: FieldPath)
        -> [FieldError]
    {
        guard let bytes = values[key] else { return [.required(dataPath.key(key))] }
        guard (try? JSONDecoder().decode([String: JSONValue].self, from: bytes)) != nil else {
            return [
                .invalid(dataPath.key(key), "<secret contents redacted>", "must be a JSON object")
            ]
        }
        return []
    }
}
