import FermiAPI
import Foundation
import Testing

/// The manifests in examples/upstream-manifests, written after upstream's own examples, decode
/// with no warnings, are valid, and survive YAML → object → YAML → object unchanged.
@Suite("Upstream manifests")
struct UpstreamManifestTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/upstream-manifests")

    static func documents() throws -> [ManifestDocument] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.flatMap { file in
            try ManifestParser.parse(try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8), source: file)
        }
    }

    @Test func everyKindOfTheFolderDecodesWithoutWarningsAndIsValid() throws {
        let documents = try Self.documents()
        var kinds = Set<String>()
        for document in documents {
            let decoded = try ManifestDecoder().decode(document)
            kinds.insert(type(of: decoded.object).resource.kind)
            #expect(decoded.unknownFieldWarnings().isEmpty, "\(document.source): \(decoded.unknownFieldWarnings())")
            #expect(decoded.validationErrors().isEmpty, "\(document.source): \(decoded.validationErrors())")
        }
        #expect(kinds.isSuperset(of: [
            "Queue", "PodGroup", "ResourceFlavor", "ClusterQueue", "LocalQueue", "Job", "PyTorchJob",
            "InferenceService", "Dataset", "AlluxioRuntime", "DataLoad",
        ]))
    }

    @Test func yamlToObjectToYAMLToObjectIsStableForEveryKind() throws {
        for document in try Self.documents() {
            var object = try ManifestDecoder().decode(document).object
            object.setDefaults()
            let yaml = YAMLPrinter.render(JSONValue.encoding(object))
            let reparsed = try #require(try ManifestParser.parse(yaml, source: "printed.yaml").first)
            let again = try ManifestDecoder().decode(reparsed)
            #expect(again.unknownFields.isEmpty, "\(document.source): \(again.unknownFields)")
            #expect(JSONValue.encoding(again.object) == JSONValue.encoding(object), "\(document.source)")
            #expect(YAMLPrinter.render(JSONValue.encoding(again.object)) == yaml)
        }
    }

    @Test func compactJSONWrittenStraightFromTheEncoderIsWhatTheJSONValueWriterWrites() throws {
        let documents = try Self.documents()
        #expect(documents.count > 10)
        for document in documents {
            var object = try ManifestDecoder().decode(document).object
            object.setDefaults()
            // A string that needs escapes, and a member set to null by a JSON value.
            object.metadata.annotations = ["note": "a \"quoted\"\tline\u{1}\n", "é": "ü"]
            let direct = try JSONValueEncoder.encodeCompactJSONBytes(object)
            #expect(direct == JSONValue.compactJSONBytes(try JSONValueEncoder.encode(object)), "\(document.source)")
        }
        let free: JSONValue = .object(["z": .null, "a": .array([.integer(1), .number(2.5), .object(["y": .bool(true), "b": .string("x")])])])
        #expect(try JSONValueEncoder.encodeCompactJSONBytes(free) == JSONValue.compactJSONBytes(free))
    }

    @Test func inlinePodFieldsOfAPredictorRoundTripAsKServeWritesThem() throws {
        let documents = try ManifestParser.parse(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: custom}
            spec:
              predictor:
                minReplicas: 0
                nodeSelector: {gpu: h100}
                containers:
                - name: kserve-container
                  image: vllm/vllm-openai:v0.6.0
            """, source: "isvc.yaml")
        let decoded = try ManifestDecoder().decode(try #require(documents.first))
        #expect(decoded.unknownFields.isEmpty)
        let service = try #require(decoded.object as? InferenceService)
        #expect(service.spec.predictor?.pod.nodeSelector == ["gpu": "h100"])
        #expect(service.spec.predictor?.component.minReplicas == 0)
        #expect(JSONValue.encoding(service).value(at: "spec.predictor.containers") != nil)
    }
}

/// Defaults and validation of the workload kinds, with upstream's messages.
@Suite("Workload kinds: defaults and validation")
struct WorkloadKindRulesTests {
    static func decode<T: APIObject>(_ yaml: String, as type: T.Type) throws -> T {
        try ClusterKindsFixture.decode(yaml, as: type)
    }

    static let pytorchJob = """
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: {name: mnist}
        spec:
          pytorchReplicaSpecs:
            Master:
              template:
                spec:
                  containers: [{name: pytorch, image: "pytorch:2.4"}]
            Worker:
              replicas: 2
              template:
                spec:
                  containers: [{name: pytorch, image: "pytorch:2.4"}]
        """

    @Test func pytorchJobDefaultsAsTheTrainingOperator() throws {
        var job = try Self.decode(Self.pytorchJob, as: PyTorchJob.self)
        job.setDefaults()
        #expect(job.spec.runPolicy?.cleanPodPolicy == "None")
        #expect(job.spec.pytorchReplicaSpecs?["Master"]?.replicas == 1)
        #expect(job.spec.pytorchReplicaSpecs?["Worker"]?.restartPolicy == "OnFailure")
        let port = job.spec.pytorchReplicaSpecs?["Master"]?.template?.spec?.containers?.first?.ports?.first
        #expect(port?.name == "pytorchjob-port" && port?.containerPort == 23456)
        #expect(job.validate().isEmpty)
    }

    @Test func pytorchJobRulesAreTheWebhooks() throws {
        var job = try Self.decode(Self.pytorchJob, as: PyTorchJob.self)
        job.metadata.name = "9lives"
        job.spec.pytorchReplicaSpecs?["Master"]?.replicas = 2
        job.spec.pytorchReplicaSpecs?["Worker"]?.replicas = -1
        job.spec.pytorchReplicaSpecs?["Worker"]?.template?.spec?.containers?[0].name = "trainer"
        job.spec.pytorchReplicaSpecs?["Chief"] = ReplicaSpec()
        let messages = job.validate().map(\.description)
        #expect(messages.contains { $0.hasPrefix("metadata.name: Invalid value: \"9lives\": a DNS-1035 label") })
        #expect(messages.contains("spec.pytorchReplicaSpecs.Master.replicas: Forbidden: must be 1"))
        #expect(messages.contains("spec.pytorchReplicaSpecs.Worker.replicas: Invalid value: -1: must be greater than or equal to 0"))
        #expect(messages.contains("spec.pytorchReplicaSpecs.Worker.template.spec.containers: Required value: There is no container named pytorch in Worker"))
        #expect(messages.contains("spec.pytorchReplicaSpecs: Unsupported value: \"Chief\": supported values: \"Master\", \"Worker\""))
    }

    @Test func inferenceServiceRulesAreKServes() throws {
        var service = try Self.decode(
            """
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: iris}
            spec:
              predictor:
                minReplicas: 3
                maxReplicas: 2
                canaryTrafficPercent: 120
                scaleMetric: gpu
                sklearn: {storageUri: "ftp://models/iris"}
                model: {modelFormat: {name: sklearn}}
            """, as: InferenceService.self)
        let messages = service.validate().map(\.description)
        #expect(messages.contains("spec.predictor.minReplicas: Invalid value: 3: MinReplicas cannot be greater than MaxReplicas"))
        #expect(messages.contains("spec.predictor.canaryTrafficPercent: Invalid value: 120: must be between 0 and 100, inclusive"))
        #expect(messages.contains("spec.predictor.scaleMetric: Unsupported value: \"gpu\": supported values: \"cpu\", \"memory\", \"concurrency\", \"rps\""))
        #expect(messages.contains { $0.hasPrefix("spec.predictor: Invalid value: \"model, sklearn\": exactly one of model") })
        #expect(messages.contains { $0.hasPrefix("spec.predictor.sklearn.storageUri: Invalid value: \"ftp://models/iris\"") })
        service.spec.predictor?.sklearn = nil
        service.setDefaults()
        #expect(service.spec.predictor?.model?.predictor.container.name == "kserve-container")
        #expect(service.spec.predictor?.model?.predictor.container.resources == InferenceService.defaultResources)
    }

    @Test func clusterQueueQuotasFollowKueuesRules() throws {
        let queue = try Self.decode(
            """
            apiVersion: kueue.x-k8s.io/v1beta1
            kind: ClusterQueue
            metadata: {name: team}
            spec:
              queueingStrategy: LIFO
              resourceGroups:
              - coveredResources: [cpu, nvidia.com/gpu]
                flavors:
                - name: h100
                  resources:
                  - {name: cpu, nominalQuota: 8, lendingLimit: 16}
                  - {name: memory, nominalQuota: -1}
            """, as: ClusterQueue.self)
        let messages = queue.validate().map(\.description)
        #expect(messages.contains("spec.queueingStrategy: Unsupported value: \"LIFO\": supported values: \"StrictFIFO\", \"BestEffortFIFO\""))
        #expect(messages.contains("spec.resourceGroups[0].flavors[0].resources[0].lendingLimit: Invalid value: \"16\": must be nil when cohort is empty"))
        #expect(messages.contains("spec.resourceGroups[0].flavors[0].resources[0].lendingLimit: Invalid value: \"16\": must be less than or equal to the nominalQuota"))
        #expect(messages.contains("spec.resourceGroups[0].flavors[0].resources[1].name: Invalid value: \"memory\": must match the name in coveredResources"))
        #expect(messages.contains("spec.resourceGroups[0].flavors[0].resources[1].nominalQuota: Invalid value: \"-1\": must be greater than or equal to 0"))
    }

    @Test func jobTemplatesMayNotRestartForever() throws {
        var job = try Self.decode(
            """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: pi}
            spec:
              template:
                spec:
                  containers: [{name: pi, image: "perl:5.34"}]
            """, as: Job.self)
        job.setDefaults()
        #expect(job.spec.completions == 1 && job.spec.parallelism == 1 && job.spec.backoffLimit == 6)
        #expect(job.validate().map(\.description) == [
            "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""
        ])
    }

    @Test func podSpecRulesNameTheField() throws {
        var pod = try Self.decode(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: web
                image: nginx
                volumeMounts: [{name: data, mountPath: /data}]
              tolerations: [{key: gpu, operator: Exists, value: "yes"}]
            """, as: Pod.self)
        pod.setDefaults()
        let messages = pod.validate().map(\.description)
        #expect(messages.contains("spec.containers[0].volumeMounts[0].name: Invalid value: \"data\": not found"))
        #expect(messages.contains("spec.tolerations[0].operator: Invalid value: \"Exists\": value must be empty when `operator` is 'Exists'"))
        #expect(pod.spec.containers?[0].imagePullPolicy == "Always")
    }

    @Test func fluidRulesCheckMountsTiersAndTargets() throws {
        let runtime = try Self.decode(
            """
            apiVersion: data.fluid.io/v1alpha1
            kind: AlluxioRuntime
            metadata: {name: hbase}
            spec:
              tieredstore:
                levels: [{mediumtype: NVME, path: /mnt, quota: 1Gi, high: "0.5", low: "0.9"}]
            """, as: AlluxioRuntime.self)
        let messages = runtime.validate().map(\.description)
        #expect(messages.contains("spec.tieredstore.levels[0].mediumtype: Unsupported value: \"NVME\": supported values: \"MEM\", \"SSD\", \"HDD\""))
        #expect(messages.contains("spec.tieredstore.levels[0].low: Invalid value: \"0.9\": must be less than or equal to high"))
        let load = try Self.decode(
            """
            apiVersion: data.fluid.io/v1alpha1
            kind: DataLoad
            metadata: {name: warm}
            spec:
              dataset: {name: hbase}
              policy: Cron
              target: [{path: relative, replicas: 0}]
            """, as: DataLoad.self)
        #expect(load.validate().map(\.description) == [
            "spec.target[0].path: Invalid value: \"relative\": must be an absolute path",
            "spec.target[0].replicas: Invalid value: 0: must be greater than or equal to 1",
            "spec.schedule: Required value: must be set when policy is Cron",
        ])
    }
}
