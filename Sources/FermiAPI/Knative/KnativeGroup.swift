/// The Knative kinds Fermi serves, as KServe's serverless mode makes them: Revision
/// (serving.knative.dev/v1) and PodAutoscaler (autoscaling.internal.knative.dev/v1alpha1).
public enum KnativeGroup {
    public static let kinds: [any APIObject.Type] = [Revision.self, PodAutoscaler.self]
}
