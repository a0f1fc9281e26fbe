import FermiAPI
import Foundation
import Testing

/// Decoding manifests of the cluster kinds the way `fermi apply` does, and round trips.
enum ClusterKindsFixture {
    /// The one document of `yaml`, decoded as `T` with no unknown fields.
    static func decode<T: APIObject>(_ yaml: String, as type: T.Type) throws -> T {
        let documents = try ManifestParser.parse(yaml, source: "test.yaml")
        let decoded = try ManifestDecoder().decode(try #require(documents.first))
        #expect(decoded.unknownFields.isEmpty, "unknown fields: \(decoded.unknownFields)")
        return try #require(decoded.object as? T)
    }

    /// The object, encoded to JSON and decoded again.
    static func roundTrip<T: APIObject>(_ object: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(object))
    }

    /// The messages of every validation error of `object`.
    static func messages(_ object: some APIObject) -> [String] {
        object.validate().map(\.description)
    }
}

/// Namespace, Node (with taints), PriorityClass, MicroTime and the kind registry.
@Suite("Cluster kinds: Namespace, Node, PriorityClass")
struct ClusterKindsTests {
    // MARK: Namespace

    @Test func namespaceDecodesAndDefaultsAsUpstream() throws {
        var namespace = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team-vision
              labels:
                team: vision
            """, as: Namespace.self)
        #expect(namespace.validate().isEmpty)
        #expect(namespace.spec == nil && namespace.status == nil)
        namespace.setDefaults()
        #expect(namespace.metadata.labels == ["team": "vision", "kubernetes.io/metadata.name": "team-vision"])
        #expect(namespace.status?.phase == NamespacePhase.active)
        #expect(try ClusterKindsFixture.roundTrip(namespace) == namespace)
    }

    @Test func namespaceStatusWithConditionsRoundTrips() throws {
        let namespace = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: Namespace
            metadata: {name: old}
            spec: {finalizers: [kubernetes]}
            status:
              phase: Terminating
              conditions:
              - type: NamespaceDeletionContentFailure
                status: "False"
                reason: ContentDeleted
                message: All content successfully deleted
                lastTransitionTime: "2024-05-01T10:00:00Z"
            """, as: Namespace.self)
        #expect(namespace.status?.conditions?.first?.reason == "ContentDeleted")
        #expect(namespace.validate().isEmpty)
        #expect(try ClusterKindsFixture.roundTrip(namespace) == namespace)
    }

    @Test func namespaceNameMustBeADNSLabel() {
        let namespace = Namespace(metadata: ObjectMeta(name: "team.vision"))
        #expect(
            ClusterKindsFixture.messages(namespace) == [
                "metadata.name: Invalid value: \"team.vision\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            ])
    }

    @Test func namespaceFinalizersAreStandardOrQualified() {
        let namespace = Namespace(
            metadata: ObjectMeta(name: "ns"),
            spec: NamespaceSpec(finalizers: ["kubernetes", "example.com/cleanup", "cleanup"]))
        #expect(
            ClusterKindsFixture.messages(namespace) == [
                "spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified"
            ])
    }

    // MARK: Node

    static let gpuNode = """
        apiVersion: v1
        kind: Node
        metadata:
          name: gpu-a100-0
          labels:
            nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB
            topology.kubernetes.io/zone: us-east-1a
        spec:
          podCIDR: 10.244.1.0/24
          podCIDRs: [10.244.1.0/24, "fd00:10:244:1::/64"]
          providerID: aws:///us-east-1a/i-0abc
          taints:
          - key: nvidia.com/gpu
            value: present
            effect: NoSchedule
        status:
          capacity: {cpu: "96", memory: 1152Gi, nvidia.com/gpu: "8", pods: "110"}
          phase: Running
          conditions:
          - type: Ready
            status: "True"
            reason: KubeletReady
            message: kubelet is posting ready status
            lastHeartbeatTime: "2024-05-01T10:00:00Z"
            lastTransitionTime: "2024-04-30T08:00:00Z"
          addresses:
          - {type: InternalIP, address: 10.0.1.17}
          - {type: Hostname, address: gpu-a100-0}
          daemonEndpoints:
            kubeletEndpoint: {Port: 10250}
          nodeInfo:
            machineID: ec2a
            systemUUID: ec2a-uuid
            bootID: boot-1
            kernelVersion: 5.15.0-1061-aws
            osImage: Ubuntu 22.04.4 LTS
            containerRuntimeVersion: containerd://1.7.13
            kubeletVersion: v1.30.1
            kubeProxyVersion: v1.30.1
            operatingSystem: linux
            architecture: amd64
          images:
          - names: [nvcr.io/nvidia/pytorch:24.04-py3]
            sizeBytes: 9876543210
          volumesInUse: [kubernetes.io/csi/ebs.csi.aws.com^vol-1]
          volumesAttached:
          - {name: kubernetes.io/csi/ebs.csi.aws.com^vol-1, devicePath: /dev/xvdba}
          runtimeHandlers:
          - name: nvidia
            features: {recursiveReadOnlyMounts: true}
        """

    @Test func nodeDecodesWithItsFullStatus() throws {
        var node = try ClusterKindsFixture.decode(Self.gpuNode, as: Node.self)
        #expect(Node.resource.kind == "Node")
        #expect(node.spec?.taints == [Taint(key: "nvidia.com/gpu", value: "present", effect: "NoSchedule")])
        #expect(node.status?.capacity?["nvidia.com/gpu"] == Quantity(integer: 8))
        #expect(node.status?.daemonEndpoints?.kubeletEndpoint?.port == 10250)
        #expect(node.status?.nodeInfo?.kubeletVersion == "v1.30.1")
        #expect(node.status?.conditions?.first?.lastHeartbeatTime?.description == "2024-05-01T10:00:00Z")
        #expect(node.status?.images?.first?.sizeBytes == 9_876_543_210)
        #expect(node.validate().isEmpty)
        node.setDefaults()
        #expect(node.status?.allocatable == node.status?.capacity)
        #expect(try ClusterKindsFixture.roundTrip(node) == node)
    }

    @Test func taintEffectIsRequiredAndKnown() {
        let node = Node(
            metadata: ObjectMeta(name: "n"),
            spec: NodeSpec(taints: [Taint(key: "a"), Taint(key: "b", effect: "NoAdmit")]))
        #expect(
            ClusterKindsFixture.messages(node) == [
                "spec.taints[0].effect: Required value",
                "spec.taints[1].effect: Unsupported value: \"NoAdmit\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            ])
    }

    @Test func taintKeyIsAQualifiedNameAndValueALabelValue() {
        let node = Node(
            metadata: ObjectMeta(name: "n"),
            spec: NodeSpec(taints: [Taint(key: "-gpu", value: "a b", effect: "NoExecute")]))
        #expect(
            ClusterKindsFixture.messages(node) == [
                "spec.taints[0].key: Invalid value: \"-gpu\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.taints[0].value: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ])
    }

    @Test func taintsAreUniqueByKeyAndEffect() {
        let node = Node(
            metadata: ObjectMeta(name: "n"),
            spec: NodeSpec(taints: [
                Taint(key: "gpu", effect: "NoSchedule"), Taint(key: "gpu", effect: "NoExecute"),
                Taint(key: "gpu", value: "x", effect: "NoSchedule"),
            ]))
        let errors = node.validate()
        #expect(errors.map(\.description) == ["spec.taints[2]: Duplicate value: \"gpu=x:NoSchedule\""])
        #expect(errors.first?.detail == "taints must be unique by key and effect pair")
    }

    @Test func podCIDRsAreValidAndOnePerFamily() {
        var node = Node(
            metadata: ObjectMeta(name: "n"), spec: NodeSpec(podCIDRs: ["10.0.0.0/33", "10.1.0.0/16"]))
        #expect(
            ClusterKindsFixture.messages(node) == [
                "spec.podCIDRs[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"
            ])
        node.spec?.podCIDRs = ["10.0.0.0/16", "10.1.0.0/16"]
        #expect(
            ClusterKindsFixture.messages(node) == [
                "spec.podCIDRs: Invalid value: []string{\"10.0.0.0/16\", \"10.1.0.0/16\"}: may specify no more than one CIDR for each IP family"
            ])
    }

    @Test func capacityIsNotNegativeAndExtendedResourcesAreWhole() {
        let node = Node(
            metadata: ObjectMeta(name: "n"),
            status: NodeStatus(capacity: ["cpu": "-1", "nvidia.com/gpu": "500m", "memory": "1.5Gi"]))
        #expect(
            ClusterKindsFixture.messages(node) == [
                "status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0",
                "status.capacity.nvidia.com/gpu: Invalid value: 500m: must be an integer",
            ])
    }

    // MARK: PriorityClass

    @Test func priorityClassDecodesAndDefaultsAsUpstream() throws {
        var priorityClass = try ClusterKindsFixture.decode(
            """
            apiVersion: scheduling.k8s.io/v1
            kind: PriorityClass
            metadata:
              name: training-high
            value: 1000000
            globalDefault: false
            description: "Distributed training jobs that should preempt notebooks."
            """, as: PriorityClass.self)
        #expect(priorityClass.value == 1_000_000)
        #expect(priorityClass.validate().isEmpty)
        #expect(priorityClass.preemptionPolicy == nil)
        priorityClass.setDefaults()
        #expect(priorityClass.preemptionPolicy == "PreemptLowerPriority")
        #expect(try ClusterKindsFixture.roundTrip(priorityClass) == priorityClass)
    }

    @Test func priorityClassValueIsRequired() {
        #expect(
            ClusterKindsFixture.messages(PriorityClass(metadata: ObjectMeta(name: "p")))
                == ["value: Required value"])
    }

    @Test func userPriorityIsAtMostOneBillion() {
        let priorityClass = PriorityClass(metadata: ObjectMeta(name: "p"), value: 1_000_000_001)
        #expect(
            ClusterKindsFixture.messages(priorityClass) == [
                "value: Forbidden: maximum allowed value of a user defined priority is 1000000000"
            ])
    }

    @Test func systemPrefixIsReservedForTheSystemClasses() {
        let unknown = PriorityClass(metadata: ObjectMeta(name: "system-mine"), value: 10)
        #expect(
            ClusterKindsFixture.messages(unknown) == [
                "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class"
            ])
        let wrongValue = PriorityClass(metadata: ObjectMeta(name: "system-node-critical"), value: 10)
        #expect(
            ClusterKindsFixture.messages(wrongValue) == [
                "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"
            ])
        let system = PriorityClass(
            metadata: ObjectMeta(name: "system-cluster-critical"), value: 2_000_000_000)
        #expect(system.validate().isEmpty)
    }

    @Test func preemptionPolicyIsKnown() {
        let priorityClass = PriorityClass(
            metadata: ObjectMeta(name: "p"), value: 1, preemptionPolicy: "Sometimes")
        #expect(
            ClusterKindsFixture.messages(priorityClass) == [
                "preemptionPolicy: Unsupported value: \"Sometimes\": supported values: \"PreemptLowerPriority\", \"Never\""
            ])
    }

    // MARK: MicroTime

    @Test func microTimestampKeepsMicroseconds() throws {
        let time = try #require(MicroTimestamp("2024-05-01T10:00:00.123456789+02:00"))
        #expect(time.description == "2024-05-01T08:00:00.123456Z")
        #expect(MicroTimestamp("2024-05-01T08:00:00Z")?.description == "2024-05-01T08:00:00.000000Z")
        #expect(time.timestamp.description == "2024-05-01T08:00:00Z")
        #expect(MicroTimestamp("1969-12-31T23:59:59.5Z")?.microsecondsSince1970 == -500_000)
        #expect(MicroTimestamp("yesterday") == nil)
        let encoded = String(decoding: try JSONEncoder().encode([time]), as: UTF8.self)
        #expect(encoded == "[\"2024-05-01T08:00:00.123456Z\"]")
    }

    // MARK: Registry

    @Test func registryServesTheClusterKindsByEveryName() throws {
        func served(_ name: String) throws -> ObjectIdentifier {
            ObjectIdentifier(try KindRegistry.served.type(named: name))
        }
        #expect(try served("ns") == ObjectIdentifier(Namespace.self))
        #expect(try served("no") == ObjectIdentifier(Node.self))
        #expect(try served("pvc") == ObjectIdentifier(PersistentVolumeClaim.self))
        #expect(try served("cm") == ObjectIdentifier(ConfigMap.self))
        #expect(try served("secrets") == ObjectIdentifier(Secret.self))
        #expect(try served("pc") == ObjectIdentifier(PriorityClass.self))
        #expect(try served("priorityclasses.scheduling.k8s.io") == ObjectIdentifier(PriorityClass.self))
        let node = try KindRegistry.served.type(apiVersion: "v1", kind: "Node")
        #expect(ObjectIdentifier(node) == ObjectIdentifier(Node.self))
    }

    @Test func anUnservedKindIsNoMatch() {
        #expect {
            try KindRegistry.served.type(apiVersion: "apps/v1", kind: "DaemonSet")
        } throws: { error in
            "\(error)" == "no matches for kind \"DaemonSet\" in version \"apps/v1\""
        }
    }
}
