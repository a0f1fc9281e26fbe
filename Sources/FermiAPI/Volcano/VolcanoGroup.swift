/// The kinds of scheduling.volcano.sh/v1beta1: Queue, PodGroup.
public enum VolcanoGroup {
    public static let kinds: [any APIObject.Type] = [Queue.self, PodGroup.self]
}
