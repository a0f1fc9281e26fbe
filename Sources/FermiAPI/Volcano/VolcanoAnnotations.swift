/// The annotations and names by which pods join Volcano's gangs and queues.
public enum VolcanoAnnotations {
    /// On a pod: the PodGroup it belongs to.
    public static let groupName = "scheduling.k8s.io/group-name"
    /// On a pod: the queue its generated PodGroup goes to.
    public static let queueName = "scheduling.volcano.sh/queue-name"
    /// The scheduler name pods give to be scheduled by Volcano.
    public static let schedulerName = "volcano"
    /// The queue every PodGroup without one goes to.
    public static let defaultQueue = "default"

    /// The PodGroup Volcano makes for a pod that names none.
    public static func generatedGroupName(forPodUID uid: String) -> String {
        "podgroup-\(uid)"
    }
}

