/// The kinds of serving.kserve.io/v1beta1: InferenceService.
public enum KServeGroup {
    public static let kinds: [any APIObject.Type] = [InferenceService.self]
}
