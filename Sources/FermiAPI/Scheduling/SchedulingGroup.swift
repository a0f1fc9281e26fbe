/// The kinds of scheduling.k8s.io/v1: PriorityClass.
public enum SchedulingGroup {
    public static let kinds: [any APIObject.Type] = [PriorityClass.self]
}
