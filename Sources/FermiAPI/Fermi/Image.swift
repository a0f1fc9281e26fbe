/// An entry of the image catalogue (`fermi.dev/v1alpha1`): a container image the platform
/// offers — official, community or custom — with the frameworks it carries and its size,
/// which sets how long the simulated pull takes. Custom images may be built from a Dockerfile.
public struct Image: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "Image", plural: "images", shortNames: ["img"],
        namespaced: false)

    public var apiVersion = Image.resource.apiVersion
    public var kind = Image.resource.kind
    public var metadata: ObjectMeta
    public var spec: ImageSpec
    public var status: ImageStatus?

    public init(metadata: ObjectMeta, spec: ImageSpec = ImageSpec(), status: ImageStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What an image is and where it comes from.
public struct ImageSpec: Codable, Hashable, Sendable {
    /// The name people see in the catalogue (`PyTorch 2.1 (CUDA 12.1)`).
    public var displayName: String?
    /// Where the image is pulled from, without the tag (`pytorch/pytorch`,
    /// `nvcr.io/nvidia/tritonserver`).
    public var repository: String?
    /// The tag (`2.1.0-cuda12.1-cudnn8-runtime`); `latest` by default.
    public var tag: String?
    /// A content digest (`sha256:…`) that pins the image, when known.
    public var digest: String?
    /// official, community or custom; custom by default.
    public var category: String?
    /// The frameworks the image carries, each with its version (`pytorch` `2.1.0`).
    public var frameworks: [ImageFramework]?
    /// The CUDA version the image is built for (`12.1`); absent for CPU-only images.
    public var cudaVersion: String?
    /// The Python version in the image (`3.10`).
    public var pythonVersion: String?
    /// What the image is for, in a sentence or two.
    public var description: String?
    /// The image's compressed size (`7.5Gi`), from which the simulated pull time follows.
    public var size: Quantity?
    /// How a custom image is built; absent for an image pulled as it is.
    public var build: ImageBuild?

    public init(
        displayName: String? = nil, repository: String? = nil, tag: String? = nil,
        category: String? = nil, frameworks: [ImageFramework]? = nil, cudaVersion: String? = nil,
        pythonVersion: String? = nil, description: String? = nil, size: Quantity? = nil,
        build: ImageBuild? = nil
    ) {
        self.displayName = displayName
        self.repository = repository
        self.tag = tag
        self.category = category
        self.frameworks = frameworks
        self.cudaVersion = cudaVersion
        self.pythonVersion = pythonVersion
        self.description = description
        self.size = size
        self.build = build
    }
}

/// A framework an image carries.
public struct ImageFramework: Codable, Hashable, Sendable {
    /// The framework's name in lower case (`pytorch`, `tensorflow`, `vllm`, `triton`).
    public var name: String?
    /// Its version (`2.1.0`).
    public var version: String?

    public init(name: String? = nil, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// A simulated image build from a Dockerfile.
public struct ImageBuild: Codable, Hashable, Sendable {
    /// The Dockerfile, inline.
    public var dockerfile: String?
    /// Build arguments (`--build-arg NAME=VALUE`).
    public var args: [String: String]?
    /// How long the simulated build takes, as a Go duration (`10m`); by default it follows
    /// from the image's size.
    public var duration: String?

    public init(dockerfile: String? = nil, args: [String: String]? = nil, duration: String? = nil) {
        self.dockerfile = dockerfile
        self.args = args
        self.duration = duration
    }
}

/// Whether an image can be used, and how its build went.
public struct ImageStatus: Codable, Hashable, Sendable {
    /// The generation of the spec this status describes.
    public var observedGeneration: Int64?
    /// Pending, Building, Available or Failed.
    public var phase: String?
    /// The full reference pods use (`pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime`).
    public var reference: String?
    /// Nodes that hold the image, which start its pods without a pull.
    public var cachedNodes: Int32?
    /// When the build started and finished.
    public var buildStartTime: Timestamp?
    public var buildCompletionTime: Timestamp?
    /// Ready when the image can be pulled; Built after a build succeeds.
    public var conditions: [Condition]?
    /// The simulated build's output, a line per step, as `docker build` prints it.
    public var buildLog: [String]?

    public init(
        observedGeneration: Int64? = nil, phase: String? = nil, reference: String? = nil,
        cachedNodes: Int32? = nil, conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.phase = phase
        self.reference = reference
        self.cachedNodes = cachedNodes
        self.conditions = conditions
    }
}

/// Who provides an image.
public enum ImageCategory {
    /// Provided and maintained by the platform.
    public static let official = "official"
    /// Shared by users of the platform.
    public static let community = "community"
    /// A team's own image, pulled from its registry or built from a Dockerfile.
    public static let custom = "custom"
    public static let all = [official, community, custom]
}

/// Where an image is in its life.
public enum ImagePhase {
    public static let pending = "Pending"
    public static let building = "Building"
    public static let available = "Available"
    public static let failed = "Failed"
    public static let all = [pending, building, available, failed]
}

extension ImageSpec {
    /// `repository:tag`, or `repository@digest` when pinned, as pods name the image.
    public var reference: String {
        if let digest, !digest.isEmpty { return "\(repository ?? "")@\(digest)" }
        return "\(repository ?? ""):\(tag ?? "latest")"
    }
}
