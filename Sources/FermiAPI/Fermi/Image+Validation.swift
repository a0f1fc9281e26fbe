extension Image {
    /// An image names a repository as a registry would accept it, a valid tag or digest, a
    /// known category, frameworks with names, a size of zero or more, and a build only when
    /// it is custom.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        if let repository = spec.repository, !repository.isEmpty {
            if !Self.isRepository(repository) {
                errors.append(
                    .invalid(
                        path.child("repository"), repository,
                        "must be an image repository such as pytorch/pytorch or nvcr.io/nvidia/tritonserver (lower case, without a tag)"))
            }
        } else {
            errors.append(.required(path.child("repository")))
        }
        if let tag = spec.tag, !Self.isTag(tag) {
            errors.append(
                .invalid(
                    path.child("tag"), tag,
                    "must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"))
        }
        if let digest = spec.digest, !Self.isDigest(digest) {
            errors.append(.invalid(path.child("digest"), digest, "must be a digest such as sha256:<64 hex digits>"))
        }
        errors += FermiFieldRules.oneOf(spec.category, ImageCategory.all, at: path.child("category"))
        for (index, framework) in (spec.frameworks ?? []).enumerated() {
            errors += FermiFieldRules.required(framework.name, at: path.child("frameworks").index(index).child("name"))
        }
        errors += FermiFieldRules.nonNegative(spec.size, at: path.child("size"))
        if let build = spec.build {
            let buildPath = path.child("build")
            if let category = spec.category, category != ImageCategory.custom {
                errors.append(.forbidden(buildPath, "only custom images are built; \(category) images are pulled"))
            }
            errors += FermiFieldRules.required(build.dockerfile, at: buildPath.child("dockerfile"))
            errors += FermiFieldRules.positiveDuration(build.duration, at: buildPath.child("duration"))
        }
        errors += FermiFieldRules.oneOf(status?.phase, ImagePhase.all, at: FieldPath("status", "phase"))
        return errors
    }

    /// Docker's reference grammar for a repository: an optional registry host (with a dot, a
    /// colon or `localhost`) and port, then lower-case path components separated by '/',
    /// each alphanumerics joined by '.', '_', '__' or '-'.
    static func isRepository(_ repository: String) -> Bool {
        var components = repository.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.count > 1, let host = components.first,
            host.contains(".") || host.contains(":") || host == "localhost"
        {
            guard isRegistryHost(host) else { return false }
            components.removeFirst()
        }
        return !components.isEmpty && components.allSatisfy(isPathComponent)
    }

    private static func isRegistryHost(_ host: String) -> Bool {
        let parts = host.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.first, !name.isEmpty else { return false }
        if parts.count == 2, !(parts[1].allSatisfy(\.isNumber) && !parts[1].isEmpty) { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
    }

    private static func isPathComponent(_ component: String) -> Bool {
        guard let first = component.first, let last = component.last,
            isLowerAlphanumeric(first), isLowerAlphanumeric(last)
        else { return false }
        var previous: Character = first
        var underscores = 0
        for character in component.dropFirst() {
            if isLowerAlphanumeric(character) {
                underscores = 0
            } else if character == "_" {
                underscores += 1
                if underscores > 2 || (previous != "_" && !isLowerAlphanumeric(previous)) { return false }
            } else if character == "." || character == "-" {
                if !isLowerAlphanumeric(previous) && !(character == "-" && previous == "-") { return false }
            } else {
                return false
            }
            previous = character
        }
        return true
    }

    private static func isLowerAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }

    /// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
    static func isTag(_ tag: String) -> Bool {
        guard let first = tag.first, tag.count <= 128, first != ".", first != "-" else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
    }

    /// `algorithm:hex`, e.g. `sha256:` and 64 lower-case hex digits.
    private static func isDigest(_ digest: String) -> Bool {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let algorithm = parts.first, !algorithm.isEmpty,
            algorithm.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) })
        else { return false }
        let hex = parts[1]
        return hex.count >= 32 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
