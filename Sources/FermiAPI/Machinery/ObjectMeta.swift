/// The metadata every object carries, as Kubernetes' `metav1.ObjectMeta`.
public struct ObjectMeta: Codable, Hashable, Sendable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var creationTimestamp: Timestamp?
    public var deletionTimestamp: Timestamp?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    /// Which field manager set which fields, for server-side apply.
    public var managedFields: [ManagedFieldsEntry]?

    public init(
        name: String? = nil, namespace: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
    }
}

/// The fields one manager set with one kind of operation (`Apply` or `Update`), in the
/// `FieldsV1` form: a tree of `f:<name>` keys whose leaves are `{}`.
public struct ManagedFieldsEntry: Codable, Hashable, Sendable {
    /// Who set the fields: the client's `fieldManager` (`kubectl`, `kubectl-client-side-apply`).
    public var manager: String
    /// Apply (server-side apply) or Update (create, update, patch).
    public var operation: String
    /// The version of the object the fields are named in.
    public var apiVersion: String?
    /// When the manager last changed the set.
    public var time: Timestamp?
    /// Always FieldsV1.
    public var fieldsType: String?
    /// The fields, as a tree of `f:<name>` keys.
    public var fieldsV1: JSONValue?
    /// The subresource written through (`status`), or nil for the object itself.
    public var subresource: String?

    public init(
        manager: String, operation: String, apiVersion: String? = nil, time: Timestamp? = nil, fieldsType: String? = "FieldsV1",
        fieldsV1: JSONValue? = nil, subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fieldsType = fieldsType
        self.fieldsV1 = fieldsV1
        self.subresource = subresource
    }
}

/// A link from an object to the object that owns it; when the owner goes, so does it.
public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }
}

/// One aspect of an object's state, as `metav1.Condition`.
public struct Condition: Codable, Hashable, Sendable {
    public var type: String
    /// "True", "False" or "Unknown".
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, reason: String? = nil, message: String? = nil,
        lastTransitionTime: Timestamp? = nil, observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }
}

/// A label query, as `metav1.LabelSelector`.
public struct LabelSelector: Codable, Hashable, Sendable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [LabelSelectorRequirement]?

    public init(
        matchLabels: [String: String]? = nil, matchExpressions: [LabelSelectorRequirement]? = nil
    ) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }
}

/// One expression of a label selector: a key, an operator (In, NotIn, Exists, DoesNotExist)
/// and values.
public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    public var `operator`: String
    public var values: [String]?

    public init(key: String, operator: String, values: [String]? = nil) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }
}

/// The values of a condition's status.
public enum ConditionStatus {
    public static let `true` = "True"
    public static let `false` = "False"
    public static let unknown = "Unknown"
    public static let all = [`true`, `false`, unknown]
}
