import FermiAPI
import Foundation
import Testing

/// Decodes `json` as `Object`, as a manifest document reaches the type.
func decodeObject<Object: APIObject>(_ type: Object.Type, _ json: String) throws -> Object {
    try JSONDecoder().decode(Object.self, from: Data(json.utf8))
}

/// Encodes `object` and decodes it again.
func roundTrip<Object: APIObject>(_ object: Object) throws -> Object {
    try JSONDecoder().decode(Object.self, from: JSONEncoder().encode(object))
}

/// Instance: decoding, presets, the platform's resource ranges and its other rules.
@Suite("Fermi Instance")
struct FermiKindsInstanceTests {
    static let notebook = """
        {"apiVersion": "fermi.dev/v1alpha1", "kind": "Instance",
         "metadata": {"name": "alice-notebook", "namespace": "research"},
         "spec": {"type": "notebook",
                  "resources": {"gpu": 2, "gpuProduct": "NVIDIA-A100-SXM4-80GB", "cpu": "16",
                                "memory": "64Gi", "storage": "200Gi"},
                  "env": [{"name": "HF_HOME", "value": "/data/hf"}],
                  "idleTimeout": "72h", "expiry": "2026-12-01T00:00:00Z"}}
        """

    @Test func decodesAndTakesTheNotebookPreset() throws {
        var instance = try decodeObject(Instance.self, Self.notebook)
        #expect(instance.spec.resources?.gpu == 2)
        #expect(instance.spec.resources?.memory == Quantity("64Gi"))
        #expect(instance.spec.expiry == Timestamp(secondsSince1970: 1_796_083_200))
        #expect(instance.spec.ports == nil)
        instance.setDefaults()
        #expect(instance.spec.image == "jupyter-pytorch-notebook:latest")
        #expect(instance.spec.ports?.map(\.port) == [8888, 6006, 22])
        #expect(instance.spec.ports?.allSatisfy { $0.protocol == "TCP" } == true)
        #expect(instance.spec.command?.first == "jupyter")
        #expect(instance.spec.running == true)
        #expect(instance.spec.restartPolicy == "Always")
        #expect(instance.validate().isEmpty)
    }

    @Test func defaultsAreThePresetOfEachTypeAndTheSmallestResources() {
        var training = Instance(metadata: ObjectMeta(name: "t"), spec: InstanceSpec(type: "training"))
        training.setDefaults()
        #expect(training.spec.image == "pytorch:2.1.0-cuda12.1-cudnn8-runtime")
        #expect(training.spec.ports?.map(\.name) == ["ssh", "tensorboard"])
        #expect(training.spec.resources == InstanceResources(gpu: 0, cpu: "4", memory: "16Gi", storage: "50Gi"))
        var inference = Instance(metadata: ObjectMeta(name: "i"), spec: InstanceSpec(type: "inference"))
        inference.setDefaults()
        #expect(inference.spec.image == "vllm-openai:v0.2.1")
        #expect(inference.spec.ports?.first == InstancePort(name: "http", port: 8000, protocol: "TCP"))
        var untyped = Instance(metadata: ObjectMeta(name: "u"))
        untyped.setDefaults()
        #expect(untyped.spec.type == "notebook")
    }

    @Test func aUserChoiceIsKeptOverThePreset() {
        var instance = Instance(
            metadata: ObjectMeta(name: "x"),
            spec: InstanceSpec(type: "notebook", image: "my/notebook:1", ports: [], running: false))
        instance.setDefaults()
        #expect(instance.spec.image == "my/notebook:1")
        #expect(instance.spec.ports == [])
        #expect(instance.spec.running == false)
    }

    @Test func nineGPUsIsOutsideThePlatformRange() {
        let instance = Instance(
            metadata: ObjectMeta(name: "big"), spec: InstanceSpec(image: "x", resources: InstanceResources(gpu: 9)))
        #expect(
            instance.validate().map(\.description) == [
                "spec.resources.gpu: Invalid value: 9: must be between 0 and 8 GPUs"
            ])
    }

    @Test func coresMemoryAndStorageOutsideTheirRangesAreNamedWithTheRange() {
        let instance = Instance(
            metadata: ObjectMeta(name: "odd"),
            spec: InstanceSpec(
                image: "x", resources: InstanceResources(cpu: "2", memory: "2Ti", storage: "10Gi")))
        #expect(
            instance.validate().map(\.description) == [
                "spec.resources.cpu: Invalid value: \"2\": must be between 4 and 128 cores",
                "spec.resources.memory: Invalid value: \"2Ti\": must be between 16Gi and 1Ti",
                "spec.resources.storage: Invalid value: \"10Gi\": must be between 50Gi and 2Ti",
            ])
    }

    @Test func theRangesIncludeTheirBounds() {
        let instance = Instance(
            metadata: ObjectMeta(name: "edge"),
            spec: InstanceSpec(
                image: "x",
                resources: InstanceResources(gpu: 8, cpu: "128", memory: "1024Gi", storage: "2Ti")))
        #expect(instance.validate().isEmpty)
    }

    @Test func aCustomInstanceNeedsAnImage() {
        var instance = Instance(metadata: ObjectMeta(name: "c"), spec: InstanceSpec(type: "custom"))
        instance.setDefaults()
        #expect(
            instance.validate().map(\.description) == [
                "spec.image: Required value: only the notebook, training and inference types preset an image"
            ])
    }

    @Test func anUnknownTypeIsUnsupported() {
        let instance = Instance(metadata: ObjectMeta(name: "d"), spec: InstanceSpec(type: "desktop", image: "x"))
        #expect(
            instance.validate().map(\.description) == [
                "spec.type: Unsupported value: \"desktop\": supported values: \"notebook\", \"training\", \"inference\", \"custom\""
            ])
    }

    @Test func portsAreInRangeUniqueAndWellNamed() {
        let instance = Instance(
            metadata: ObjectMeta(name: "p"),
            spec: InstanceSpec(
                image: "x",
                ports: [
                    InstancePort(name: "jupyter", port: 8888), InstancePort(name: "jupyter", port: 70000),
                    InstancePort(name: "web", port: 8888), InstancePort(name: "Bad_Name", port: 1),
                ]))
        #expect(
            instance.validate().map(\.description) == [
                "spec.ports[1].name: Duplicate value: \"jupyter\"",
                "spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.ports[2].port: Duplicate value: 8888",
                "spec.ports[3].name: Invalid value: \"Bad_Name\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            ])
    }

    @Test func aGPUProductNeedsGPUs() {
        let instance = Instance(
            metadata: ObjectMeta(name: "g"),
            spec: InstanceSpec(image: "x", resources: InstanceResources(gpu: 0, gpuProduct: "NVIDIA-H100-80GB-HBM3")))
        #expect(
            instance.validate().map(\.description) == [
                "spec.resources.gpuProduct: Forbidden: may only be set when gpu is greater than 0"
            ])
    }

    @Test func restartPolicyIdleTimeoutAndEnvAreChecked() {
        let instance = Instance(
            metadata: ObjectMeta(name: "r"),
            spec: InstanceSpec(
                image: "x", env: [InstanceEnvVar(name: "A=B"), InstanceEnvVar(value: "v")],
                restartPolicy: "Sometimes", idleTimeout: "3 days"))
        #expect(
            instance.validate().map(\.description) == [
                "spec.env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
                "spec.env[1].name: Required value",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.idleTimeout: Invalid value: \"3 days\": must be a duration such as 30s, 5m or 1h30m",
            ])
    }

    @Test func anInstanceNameIsADNSLabel() {
        let instance = Instance(metadata: ObjectMeta(name: "alice.notebook"), spec: InstanceSpec(image: "x"))
        #expect(instance.validate().map(\.field.description) == ["metadata.name"])
    }

    @Test func statusPhaseIsKnown() {
        let instance = Instance(
            metadata: ObjectMeta(name: "s"), spec: InstanceSpec(image: "x"),
            status: InstanceStatus(phase: "Sleeping"))
        #expect(
            instance.validate().map(\.description) == [
                "status.phase: Unsupported value: \"Sleeping\": supported values: \"Pending\", \"Creating\", \"Running\", \"Stopping\", \"Stopped\", \"Failed\""
            ])
    }

    @Test func roundTripKeepsEveryFieldAndLeavesAbsentFieldsAbsent() throws {
        var instance = try decodeObject(Instance.self, Self.notebook)
        instance.status = InstanceStatus(
            phase: "Running", nodeName: "a100-0",
            endpoints: InstanceEndpoints(
                jupyter: "http://10.0.0.7:8888/lab", ssh: "root@10.0.0.7:30022",
                ports: [InstancePortEndpoint(name: "tensorboard", port: 6006, url: "http://10.0.0.7:6006")]),
            costSoFar: "42.50", lastActivityTime: Timestamp(secondsSince1970: 1_790_000_000),
            conditions: [Condition(type: "Ready", status: "True")])
        #expect(try roundTrip(instance) == instance)
        let json = String(decoding: try JSONEncoder().encode(try decodeObject(Instance.self, Self.notebook)), as: UTF8.self)
        #expect(!json.contains("ports") && !json.contains("status") && !json.contains("running"))
    }
}

/// GitRepository: decoding, defaults and the rules for URLs, refs, paths and intervals.
@Suite("Fermi GitRepository")
struct FermiKindsGitRepositoryTests {
    static let json = """
        {"apiVersion": "fermi.dev/v1alpha1", "kind": "GitRepository",
         "metadata": {"name": "platform", "namespace": "gitops"},
         "spec": {"url": "https://git.example.com/platform/manifests.git", "ref": {"branch": "main"},
                  "path": "clusters/prod", "prune": true, "selfHeal": true, "targetNamespace": "team-a"}}
        """

    @Test func decodesAndDefaultsTheInterval() throws {
        var repository = try decodeObject(GitRepository.self, Self.json)
        #expect(repository.spec.ref?.branch == "main")
        #expect(repository.spec.prune == true)
        #expect(repository.spec.suspend == nil)
        repository.setDefaults()
        #expect(repository.spec.interval == "1m")
        #expect(GoDuration(repository.spec.interval ?? "")?.duration == .seconds(60))
        #expect(repository.validate().isEmpty)
    }

    @Test func localPathsAndFileURLsAreFetchable() {
        for url in ["/srv/git/manifests", "./manifests", "file:///srv/git/manifests", "http://localhost:3000/m.git"] {
            let repository = GitRepository(metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: url))
            #expect(repository.validate().isEmpty, "\(url)")
        }
    }

    @Test func otherURLSchemesAreRejected() {
        let repository = GitRepository(
            metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: "ssh://git@example.com/m.git"))
        #expect(
            repository.validate().map(\.description) == [
                "spec.url: Invalid value: \"ssh://git@example.com/m.git\": must be a local path, a file:// URL or an http(s):// URL"
            ])
    }

    @Test func aURLIsRequired() {
        let repository = GitRepository(metadata: ObjectMeta(name: "r"))
        #expect(repository.validate().map(\.description) == ["spec.url: Required value"])
    }

    @Test func theIntervalIsAGoDuration() {
        var repository = GitRepository(
            metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: "/repo", interval: "1 minute"))
        #expect(
            repository.validate().map(\.description) == [
                "spec.interval: Invalid value: \"1 minute\": must be a duration such as 30s, 5m or 1h30m"
            ])
        repository.spec.interval = "0s"
        #expect(
            repository.validate().map(\.description) == [
                "spec.interval: Invalid value: \"0s\": must be longer than 0s"
            ])
        repository.spec.interval = "1h30m"
        #expect(repository.validate().isEmpty)
    }

    @Test func onlyOneRevisionMayBeNamedAndACommitIsHex() {
        let repository = GitRepository(
            metadata: ObjectMeta(name: "r"),
            spec: GitRepositorySpec(url: "/repo", ref: GitReference(branch: "main", commit: "xyz")))
        #expect(
            repository.validate().map(\.description) == [
                "spec.ref: Forbidden: only one of branch, tag or commit may be set, not branch and commit",
                "spec.ref.commit: Invalid value: \"xyz\": must be a commit id of 7 to 40 hexadecimal digits",
            ])
    }

    @Test func aBranchIsAValidRefName() {
        let repository = GitRepository(
            metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: "/repo", ref: GitReference(branch: "feature..x")))
        #expect(
            repository.validate().map(\.description) == [
                "spec.ref.branch: Invalid value: \"feature..x\": must be a valid Git reference name"
            ])
    }

    @Test func thePathStaysInsideTheRepository() {
        let repository = GitRepository(
            metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: "/repo", path: "../other"))
        #expect(
            repository.validate().map(\.description) == [
                "spec.path: Invalid value: \"../other\": must be a relative path inside the repository, without '..'"
            ])
    }

    @Test func theTargetNamespaceIsADNSLabel() {
        let repository = GitRepository(
            metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: "/repo", targetNamespace: "Team_A"))
        #expect(repository.validate().map(\.field.description) == ["spec.targetNamespace"])
    }

    @Test func syncAndHealthAreKnown() {
        let repository = GitRepository(
            metadata: ObjectMeta(name: "r"), spec: GitRepositorySpec(url: "/repo"),
            status: GitRepositoryStatus(sync: "Drifted", health: "Sick"))
        #expect(
            repository.validate().map(\.description) == [
                "status.sync: Unsupported value: \"Drifted\": supported values: \"Synced\", \"OutOfSync\"",
                "status.health: Unsupported value: \"Sick\": supported values: \"Healthy\", \"Progressing\", \"Degraded\", \"Missing\"",
            ])
    }

    @Test func roundTripKeepsStatusAndInventory() throws {
        var repository = try decodeObject(GitRepository.self, Self.json)
        repository.status = GitRepositoryStatus(
            observedGeneration: 3, lastFetchedRevision: "0123456789abcdef0123456789abcdef01234567",
            lastAppliedRevision: "0123456789abcdef0123456789abcdef01234567", sync: "OutOfSync", health: "Healthy",
            inventory: [InventoryEntry(apiVersion: "scheduling.volcano.sh/v1beta1", kind: "Queue", name: "research")],
            conditions: [Condition(type: "Ready", status: "True")], lastError: nil)
        repository.status?.drift = [
            DriftEntry(apiVersion: "scheduling.volcano.sh/v1beta1", kind: "Queue", name: "research", fields: ["spec.weight"])
        ]
        #expect(try roundTrip(repository) == repository)
    }
}

/// Go durations as Fermi's kinds write them.
@Suite("Fermi GoDuration")
struct FermiKindsDurationTests {
    @Test func parsesGoDurations() {
        #expect(GoDuration("1h30m")?.duration == .seconds(5400))
        #expect(GoDuration("1.5h")?.duration == .seconds(5400))
        #expect(GoDuration("250ms")?.duration == .milliseconds(250))
        #expect(GoDuration("1.2ms")?.duration == .microseconds(1200))
        #expect(GoDuration("0")?.duration == .zero)
        #expect(GoDuration("-5s")?.duration == .seconds(-5))
        for bad in ["", "5", "1d", "h", "1..5s", "1 m"] {
            #expect(GoDuration(bad) == nil, "\(bad)")
        }
    }
}
