/// The kinds of kubeflow.org/v1: PyTorchJob.
public enum KubeflowGroup {
    public static let kinds: [any APIObject.Type] = [PyTorchJob.self]
}
