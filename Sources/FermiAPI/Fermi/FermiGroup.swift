/// The kinds of fermi.dev/v1alpha1: Instance, Image, NodePool, Zone, GitRepository, Fault, Model, Sweep, TrainingSchedule, ServingMetrics.
public enum FermiGroup {
    public static let kinds: [any APIObject.Type] = [
        Instance.self,
        Image.self,
        NodePool.self,
        Zone.self,
        GitRepository.self,
        Fault.self,
        Model.self,
        Sweep.self,
        TrainingSchedule.self,
        ServingMetrics.self,
    ]
}
