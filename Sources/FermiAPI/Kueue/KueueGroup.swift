/// The kinds of kueue.x-k8s.io/v1beta1: ResourceFlavor, ClusterQueue, LocalQueue, Workload.
public enum KueueGroup {
    public static let kinds: [any APIObject.Type] = [
        ResourceFlavor.self, ClusterQueue.self, LocalQueue.self, Workload.self,
    ]
}
