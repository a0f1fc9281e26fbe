/// The kinds of data.fluid.io/v1alpha1: Dataset, AlluxioRuntime, DataLoad.
public enum FluidGroup {
    public static let kinds: [any APIObject.Type] = [Dataset.self, AlluxioRuntime.self, DataLoad.self]
}
