import FermiAPI

/// The names the OpenAPI documents give API types, in kube-apiserver's style: a kind under its
/// group version (`io.k8s.api.core.v1.Pod` for Kubernetes' own groups, the reversed domain for
/// the others, as a CRD's: `org.kubeflow.v1.PyTorchJob`), object metadata and the scalar types
/// under `io.k8s.apimachinery`, and every other type under the first group version whose kinds
/// use it (a Container is core's, a ReplicaSpec Kubeflow's).
struct OpenAPISchemaNames: Sendable {
    /// Schema names by Swift type name.
    private let names: [String: String]

    /// The machinery types every group shares, as kube-apiserver names them.
    static let machinery: [String: String] = [
        "ObjectMeta": "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        "OwnerReference": "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
        "ManagedFieldsEntry": "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry",
        "LabelSelector": "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
        "LabelSelectorRequirement": "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
        "Timestamp": "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
        "MicroTimestamp": "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
        "Quantity": "io.k8s.apimachinery.pkg.api.resource.Quantity",
        "IntOrString": "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
    ]

    /// The schema every PATCH body refers to.
    static let patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"

    init(_ registry: KindRegistry) {
        var names = Self.machinery
        for kind in registry.kinds {
            let resource = kind.resource
            let prefix = Self.prefix(group: resource.group, version: resource.version)
            let typeName = String(describing: kind)
            names[typeName] = Self.kindName(resource)
            var pending = [typeName]
            while let next = pending.popLast() {
                for field in APIDocs.types[next]?.fields ?? [] {
                    let type = FieldType(field.type)
                    guard type.hasFields, names[type.baseName] == nil else { continue }
                    names[type.baseName] = "\(prefix).\(type.baseName)"
                    pending.append(type.baseName)
                }
            }
        }
        self.names = names
    }

    /// The schema name of the Swift type `typeName`; nil for one without a schema of its own
    /// (strings, numbers, booleans, untyped JSON).
    func name(of typeName: String) -> String? {
        names[typeName]
    }

    /// The schema name of a kind: `org.kubeflow.v1.PyTorchJob`.
    static func kindName(_ resource: APIResource) -> String {
        "\(prefix(group: resource.group, version: resource.version)).\(resource.kind)"
    }

    /// `io.k8s.api.GROUP.VERSION` for Kubernetes' own groups (the core group is `core`), the
    /// reversed domain and the version for the others (`sh.volcano.scheduling.v1beta1`).
    static func prefix(group: String, version: String) -> String {
        if group.isEmpty { return "io.k8s.api.core.\(version)" }
        let labels = group.split(separator: ".")
        if labels.count == 1 || group.hasSuffix(".k8s.io") { return "io.k8s.api.\(labels[0]).\(version)" }
        return labels.reversed().joined(separator: ".") + ".\(version)"
    }

    /// A reference to the schema `name` in the same document.
    static func reference(_ name: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(name)")])
    }
}
