/// The kinds of the core group (v1): Namespace, Node, Pod, Event, PersistentVolumeClaim, ConfigMap, Secret, Service.
public enum CoreGroup {
    public static let kinds: [any APIObject.Type] = [
        Namespace.self,
        Node.self,
        Pod.self,
        PersistentVolumeClaim.self,
        ConfigMap.self,
        Secret.self,
        Event.self,
        Service.self,
    ]
}
