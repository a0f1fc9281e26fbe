extension GitRepository {
    /// A repository has a URL Fermi can fetch, at most one of branch, tag and commit, a
    /// relative path inside it, a positive interval and a valid target namespace.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        if let url = spec.url, !url.isEmpty {
            if !Self.isFetchable(url) {
                errors.append(
                    .invalid(path.child("url"), url, "must be a local path, a file:// URL or an http(s):// URL"))
            }
        } else {
            errors.append(.required(path.child("url")))
        }
        if let ref = spec.ref {
            errors += Self.validate(ref, at: path.child("ref"))
        }
        if let folder = spec.path, !Self.isInsideRepository(folder) {
            errors.append(
                .invalid(path.child("path"), folder, "must be a relative path inside the repository, without '..'"))
        }
        errors += FermiFieldRules.positiveDuration(spec.interval, at: path.child("interval"))
        if let namespace = spec.targetNamespace, !namespace.isEmpty {
            errors += NameRules.dns1123Label(namespace).map { .invalid(path.child("targetNamespace"), namespace, $0) }
        }
        let statusPath = FieldPath("status")
        errors += FermiFieldRules.oneOf(status?.sync, GitSyncStatus.all, at: statusPath.child("sync"))
        errors += FermiFieldRules.oneOf(status?.health, GitHealthStatus.all, at: statusPath.child("health"))
        return errors
    }

    private static func validate(_ ref: GitReference, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let given = [("branch", ref.branch), ("tag", ref.tag), ("commit", ref.commit)]
            .filter { !($0.1 ?? "").isEmpty }
        if given.count > 1 {
            errors.append(
                .forbidden(path, "only one of branch, tag or commit may be set, not \(given.map(\.0).joined(separator: " and "))"))
        }
        for (name, value) in [("branch", ref.branch), ("tag", ref.tag)] {
            if let value, !value.isEmpty, !isRefName(value) {
                errors.append(.invalid(path.child(name), value, "must be a valid Git reference name"))
            }
        }
        if let commit = ref.commit, !commit.isEmpty,
            !((7...40).contains(commit.count) && commit.allSatisfy(\.isHexDigit))
        {
            errors.append(.invalid(path.child("commit"), commit, "must be a commit id of 7 to 40 hexadecimal digits"))
        }
        return errors
    }

    /// A local path (absolute or relative), a `file://` URL, or an `http(s)://` URL with a host.
    static func isFetchable(_ url: String) -> Bool {
        if url.contains(where: { $0.isWhitespace }) { return false }
        let lowered = url.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            return !url.dropFirst(scheme.count).prefix { $0 != "/" }.isEmpty
        }
        if lowered.hasPrefix("file://") { return url.count > "file://".count }
        return !url.contains("://") && !url.contains("@")
    }

    /// A relative folder that does not climb out of the repository.
    static func isInsideRepository(_ folder: String) -> Bool {
        !folder.hasPrefix("/") && !folder.split(separator: "/").contains("..")
    }

    /// `git check-ref-format`'s main rules: no spaces, control characters, `~^:?*[\`, `..`
    /// or `@{`; no leading '-' or '/', no trailing '/', '.' or `.lock`.
    static func isRefName(_ name: String) -> Bool {
        let forbidden: Set<Character> = [" ", "~", "^", ":", "?", "*", "[", "\\"]
        if name.contains(where: { forbidden.contains($0) || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }) {
            return false
        }
        if name.contains("..") || name.contains("@{") || name.contains("//") || name == "@" { return false }
        if name.hasPrefix("-") || name.hasPrefix("/") || name.hasSuffix("/") || name.hasSuffix(".")
            || name.hasSuffix(".lock")
        {
            return false
        }
        return !name.split(separator: "/").contains { $0.hasPrefix(".") }
    }
}
