import Foundation

/// The labels and annotations through which Fluid's datasets, their cache workers and the
/// nodes that hold a cache find each other, as Fluid names them, with Fermi's simulation
/// settings beside them.
public enum FluidNames {
    /// On a node holding a cache worker of dataset NAMESPACE/NAME of an Alluxio runtime.
    public static func cacheNodeLabel(namespace: String, name: String) -> String {
        "fluid.io/s-alluxio-\(namespace)-\(name)"
    }

    /// On a node, how many datasets cache there.
    public static let datasetCountLabel = "fluid.io/dataset-num"
    /// On a node an Exclusive dataset holds: `NAMESPACE_NAME`.
    public static let exclusiveLabel = "fluid_exclusive"
    /// On a dataset's cache worker pods and volume claim.
    public static let datasetLabel = "fluid.io/dataset"
    /// A dataset shared with other namespaces, which may mount it as `dataset://NS/NAME`.
    public static let sharedLabel = "fluid.io/shared"

    /// Fermi's own: the size of the data under a dataset's mounts (`150Gi`); 100Gi when the
    /// dataset does not say.
    public static let sizeAnnotation = SimAnnotations.prefix + "dataset-size"
    /// Fermi's own: how fast a DataLoad copies into the cache, per cache worker (`1Gi`, a
    /// second); 500Mi by default.
    public static let bandwidthAnnotation = SimAnnotations.prefix + "load-bandwidth"
    /// Fermi's own: the share of a job's run time spent reading its data (`0.5` by default);
    /// reads from a local cache are five times faster.
    public static let ioFractionAnnotation = SimAnnotations.prefix + "io-fraction"
    /// Fermi's own, written by the kubelet when a pod starts: how much shorter its run is for
    /// reading from a local cache (`0.6` of its length).
    public static let readSpeedupAnnotation = SimAnnotations.prefix + "read-speedup"

    public static let defaultSize: Decimal = 100 * 1_073_741_824
    public static let defaultBandwidth: Decimal = 500 * 1_048_576

    /// Bytes as Fluid's cache states print them (`146.50GiB`).
    public static func bytesText(_ bytes: Decimal) -> String {
        let value = (bytes as NSDecimalNumber).doubleValue
        for (unit, size) in [("TiB", 1_099_511_627_776.0), ("GiB", 1_073_741_824.0), ("MiB", 1_048_576.0)] where value >= size {
            return String(format: "%.2f%@", value / size, unit)
        }
        return String(format: "%.0fB", value)
    }

    /// The bytes a text from `bytesText` names.
    public static func bytes(_ text: String?) -> Decimal? {
        guard let text else { return nil }
        for (unit, size) in [("TiB", Decimal(1_099_511_627_776)), ("GiB", Decimal(1_073_741_824)), ("MiB", Decimal(1_048_576)), ("B", Decimal(1))]
        where text.hasSuffix(unit) {
            return Decimal(string: String(text.dropLast(unit.count))).map { $0 * size }
        }
        return nil
    }
}
