/// The kinds of batch/v1: Job.
public enum BatchGroup {
    public static let kinds: [any APIObject.Type] = [Job.self]
}
