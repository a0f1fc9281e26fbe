import FermiAPI
import Foundation
import Testing

/// Pod specs, containers and metadata write their own JSON as the same bytes their Codable
/// encoding writes, field for field, wherever they are stored (a pod, a job's template).
@Suite("Pod spec and metadata compact JSON")
struct PodSpecCompactJSONTests {
    /// A container with every field set, escapes in its strings.
    static let container = #"""
        {"args": ["--epochs", "say \"3\""], "command": ["torchrun", "train.py"],
         "env": [{"name": "RANK", "value": "0"}, {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                 {"name": "EMPTY", "value": ""}],
         "envFrom": [{"configMapRef": {"name": "settings"}, "prefix": "CFG_"}],
         "image": "registry.example.com/train:1", "imagePullPolicy": "IfNotPresent",
         "lifecycle": {"preStop": {"exec": {"command": ["sleep", "5"]}}},
         "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "periodSeconds": 10},
         "name": "pytorch",
         "ports": [{"containerPort": 29500, "hostIP": "0.0.0.0", "hostPort": 29500, "name": "master", "protocol": "TCP"}],
         "readinessProbe": {"tcpSocket": {"port": "master"}},
         "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}],
         "resources": {"claims": [{"name": "gpu", "request": "a100"}], "limits": {"cpu": "4", "nvidia.com/gpu": "8"},
                       "requests": {"cpu": "500m", "memory": "16Gi"}},
         "restartPolicy": "Always",
         "securityContext": {"capabilities": {"add": ["IPC_LOCK"]}, "privileged": false},
         "startupProbe": {"exec": {"command": ["true"]}},
         "stdin": true, "stdinOnce": false, "terminationMessagePath": "/dev/termination-log",
         "terminationMessagePolicy": "File", "tty": true,
         "volumeDevices": [{"devicePath": "/dev/xvda", "name": "block"}],
         "volumeMounts": [{"mountPath": "/data", "mountPropagation": "None", "name": "data", "readOnly": true,
                           "recursiveReadOnly": "Disabled", "subPath": "train", "subPathExpr": "$(POD)"}],
         "workingDir": "/workspace"}
        """#

    /// A pod spec with every field set.
    static let spec = #"""
        {"activeDeadlineSeconds": 3600,
         "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
             "nodeSelectorTerms": [{"matchExpressions": [{"key": "gpu", "operator": "In", "values": ["a100"]}]}]}}},
         "automountServiceAccountToken": false, "containers": [\#(container), {"name": "sidecar"}],
         "dnsConfig": {"nameservers": ["1.1.1.1"], "options": [{"name": "ndots", "value": "2"}]},
         "dnsPolicy": "ClusterFirst", "enableServiceLinks": true, "ephemeralContainers": [{"name": "debug"}],
         "hostAliases": [{"hostnames": ["master"], "ip": "10.0.0.1"}],
         "hostIPC": true, "hostNetwork": false, "hostPID": false, "hostUsers": true, "hostname": "trainer-0",
         "imagePullSecrets": [{"name": "registry"}], "initContainers": [{"name": "fetch", "image": "busybox"}],
         "nodeName": "node-1", "nodeSelector": {"zone": "a", "accelerator": "a100"}, "os": {"name": "linux"},
         "overhead": {"cpu": "250m"}, "preemptionPolicy": "Never", "priority": 1000, "priorityClassName": "high",
         "readinessGates": [{"conditionType": "Warm"}],
         "resourceClaims": [{"name": "gpu", "resourceClaimName": "gpu-claim"}],
         "restartPolicy": "OnFailure", "runtimeClassName": "nvidia", "schedulerName": "volcano",
         "schedulingGates": [{"name": "wait"}], "securityContext": {"runAsUser": 1000},
         "serviceAccount": "trainer", "serviceAccountName": "trainer", "setHostnameAsFQDN": false,
         "shareProcessNamespace": true, "subdomain": "workers", "terminationGracePeriodSeconds": 30,
         "tolerations": [{"effect": "NoSchedule", "key": "nvidia.com/gpu", "operator": "Exists"}],
         "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule"}],
         "volumes": [{"emptyDir": {}, "name": "data"}]}
        """#

    /// Metadata with every field set.
    static let metadata = #"""
        {"annotations": {"note": "a \"quoted\"\tline\u0001\n", "é": "ü"}, "creationTimestamp": "2026-12-05T08:00:00Z",
         "deletionGracePeriodSeconds": 30, "deletionTimestamp": "2026-12-05T09:00:00Z", "finalizers": ["fermi.dev/cleanup"],
         "generateName": "trainer-", "generation": 3, "labels": {"app": "trainer", "app.kubernetes.io/name": "x"},
         "managedFields": [{"manager": "fermi", "operation": "Apply", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}],
         "name": "trainer-0", "namespace": "research",
         "ownerReferences": [{"apiVersion": "kubeflow.org/v1", "blockOwnerDeletion": true, "controller": true,
                              "kind": "PyTorchJob", "name": "finetune", "uid": "u-1"}],
         "resourceVersion": "42", "uid": "u-2"}
        """#

    static func decoded<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONValueDecoder.decode(T.self, from: try JSONParser.parse(Data(json.utf8)))
    }

    /// The bytes stored for `value` against the bytes of its Codable encoding.
    static func expectCodableBytes(of value: some Encodable) throws {
        let stored = try JSONValueEncoder.encodeCompactJSONBytes(value)
        let codable = JSONValue.compactJSONBytes(try JSONValueEncoder.encode(value))
        #expect(String(decoding: stored, as: UTF8.self) == String(decoding: codable, as: UTF8.self))
    }

    @Test func aPodWithEveryFieldIsStoredAsCodableWritesIt() throws {
        let pod = try Self.decoded(Pod.self, #"{"apiVersion": "v1", "kind": "Pod", "metadata": \#(Self.metadata), "spec": \#(Self.spec)}"#)
        try Self.expectCodableBytes(of: pod)
        // The stored bytes hold the fields: written, read back, equal.
        let stored = String(decoding: try JSONValueEncoder.encodeCompactJSONBytes(pod), as: UTF8.self)
        #expect(try Self.decoded(Pod.self, stored) == pod)
    }

    @Test func aJobTemplateAndSmallSpecsAreStoredAsCodableWritesThem() throws {
        let template = try Self.decoded(PodTemplateSpec.self, #"{"metadata": \#(Self.metadata), "spec": \#(Self.spec)}"#)
        try Self.expectCodableBytes(of: template)
        try Self.expectCodableBytes(of: [PodSpec(), PodSpec(containers: [])])
        try Self.expectCodableBytes(of: [ObjectMeta(), ObjectMeta(name: "a", labels: [:])])
        try Self.expectCodableBytes(of: Container(name: "pytorch"))
        try Self.expectCodableBytes(of: [PodTemplateSpec(), PodTemplateSpec(metadata: ObjectMeta(labels: ["a": "b"]))])
        let settings = ConfigMap(
            metadata: ObjectMeta(name: "settings"), data: ["z": "last", "a": "first \"quoted\"", "é": "", "B": "upper"])
        try Self.expectCodableBytes(of: settings)
        try Self.expectCodableBytes(of: [String: String]())
    }

    /// The tests above cover every field: one added to these types and not written fails here
    /// until the writer and the fixtures have it.
    @Test func theFixturesSetEveryField() throws {
        let spec = try Self.decoded(PodSpec.self, Self.spec)
        let container = try #require(spec.containers?.first)
        let metadata = try Self.decoded(ObjectMeta.self, Self.metadata)
        #expect(unsetFields(of: spec).isEmpty)
        #expect(unsetFields(of: container).isEmpty)
        #expect(unsetFields(of: try #require(container.ports?.first)).isEmpty)
        #expect(unsetFields(of: try #require(container.resources)).isEmpty)
        #expect(unsetFields(of: try #require(container.resources?.claims?.first)).isEmpty)
        #expect(unsetFields(of: try #require(container.volumeMounts?.first)).isEmpty)
        #expect(unsetFields(of: try #require(container.env?[0])) == ["valueFrom"])
        #expect(unsetFields(of: try #require(container.env?[1])) == ["value"])
        #expect(unsetFields(of: metadata).isEmpty)
        #expect(unsetFields(of: try #require(metadata.ownerReferences?.first)).isEmpty)
    }
}
