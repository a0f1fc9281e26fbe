extension Namespace {
    /// The finalizer names upstream accepts without a domain prefix.
    static let standardFinalizers: Set<String> = ["kubernetes", "orphan", "foreground"]

    /// Upstream's rules for namespaces: the name is a DNS-1123 label, and each finalizer is a
    /// qualified name that is either standard or fully qualified.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1123Label)
        let path = FieldPath("spec", "finalizers")
        for finalizer in spec?.finalizers ?? [] {
            let problems = NameRules.qualifiedName(finalizer)
            errors += problems.map { .invalid(path, finalizer, $0) }
            if problems.isEmpty, !finalizer.contains("/"),
                !Self.standardFinalizers.contains(finalizer)
            {
                errors.append(
                    .invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified"))
            }
        }
        return errors
    }
}
