import FermiAPI

extension APIResource {
    /// How kubectl names objects of this kind in its output: `pytorchjob.kubeflow.org`, `pod`.
    var displayName: String {
        group.isEmpty ? singular : "\(singular).\(group)"
    }
}

extension APIObject {
    /// `pytorchjob.kubeflow.org/bert`, as kubectl prints an object it acted on.
    var displayName: String {
        "\(Self.resource.displayName)/\(name)"
    }
}
