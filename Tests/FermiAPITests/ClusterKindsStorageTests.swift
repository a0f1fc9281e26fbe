import FermiAPI
import Foundation
import Testing

/// PersistentVolumeClaim, ConfigMap and Secret: decoding, upstream's rules and defaults.
@Suite("Cluster kinds: PersistentVolumeClaim, ConfigMap, Secret")
struct ClusterKindsStorageTests {
    // MARK: PersistentVolumeClaim

    @Test func claimDecodesAndDefaultsAsUpstream() throws {
        var claim = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata:
              name: imagenet
              namespace: vision
            spec:
              accessModes: [ReadWriteMany]
              storageClassName: fast-nfs
              resources:
                requests: {storage: 2Ti}
                limits: {storage: 4Ti}
              selector:
                matchLabels: {dataset: imagenet}
              dataSource: {kind: PersistentVolumeClaim, name: imagenet-seed}
              dataSourceRef: {kind: PersistentVolumeClaim, name: imagenet-seed}
              volumeAttributesClassName: gold
            status:
              phase: Bound
              accessModes: [ReadWriteMany]
              capacity: {storage: 2Ti}
              conditions:
              - {type: Resizing, status: "True", lastProbeTime: "2024-05-01T10:00:00Z"}
            """, as: PersistentVolumeClaim.self)
        #expect(claim.spec.resources?.requests?["storage"] == Quantity("2048Gi"))
        #expect(claim.status?.conditions?.first?.lastProbeTime != nil)
        #expect(claim.validate().isEmpty)
        claim.setDefaults()
        #expect(claim.spec.volumeMode == "Filesystem")
        #expect(claim.status?.phase == "Bound")
        #expect(try ClusterKindsFixture.roundTrip(claim) == claim)
        var fresh = PersistentVolumeClaim(metadata: ObjectMeta(name: "new"))
        fresh.setDefaults()
        #expect(fresh.status?.phase == "Pending")
    }

    @Test func claimNeedsAnAccessModeAndAStorageRequest() {
        let claim = PersistentVolumeClaim(metadata: ObjectMeta(name: "c"))
        #expect(
            ClusterKindsFixture.messages(claim) == [
                "spec.accessModes: Required value: at least 1 access mode is required",
                "spec.resources[storage]: Required value",
            ])
    }

    @Test func claimAccessModesAreKnown() {
        let claim = PersistentVolumeClaim(
            metadata: ObjectMeta(name: "c"),
            spec: PersistentVolumeClaimSpec(
                accessModes: ["ReadWriteAlways"],
                resources: VolumeResourceRequirements(requests: ["storage": "1Gi"])))
        #expect(
            ClusterKindsFixture.messages(claim) == [
                "spec.accessModes: Unsupported value: \"ReadWriteAlways\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""
            ])
    }

    @Test func readWriteOncePodStandsAlone() {
        let claim = PersistentVolumeClaim(
            metadata: ObjectMeta(name: "c"),
            spec: PersistentVolumeClaimSpec(
                accessModes: ["ReadWriteOncePod", "ReadWriteOnce"],
                resources: VolumeResourceRequirements(requests: ["storage": "1Gi"])))
        #expect(
            ClusterKindsFixture.messages(claim) == [
                "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes"
            ])
    }

    @Test func claimStorageRequestIsPositive() {
        let claim = PersistentVolumeClaim(
            metadata: ObjectMeta(name: "c"),
            spec: PersistentVolumeClaimSpec(
                accessModes: ["ReadWriteOnce"],
                resources: VolumeResourceRequirements(requests: ["storage": "0"])))
        #expect(
            ClusterKindsFixture.messages(claim) == [
                "spec.resources[storage]: Invalid value: \"0\": must be greater than zero"
            ])
    }

    @Test func claimVolumeModeAndDataSourceAreChecked() {
        var spec = PersistentVolumeClaimSpec(
            accessModes: ["ReadWriteOnce"],
            resources: VolumeResourceRequirements(requests: ["storage": "1Gi"]),
            volumeMode: "Raw")
        spec.dataSource = TypedLocalObjectReference(kind: "VolumeSnapshot", name: "snap")
        spec.dataSourceRef = TypedObjectReference(
            apiGroup: "snapshot.storage.k8s.io", kind: "VolumeSnapshot", name: "snap")
        let claim = PersistentVolumeClaim(metadata: ObjectMeta(name: "c"), spec: spec)
        #expect(
            ClusterKindsFixture.messages(claim) == [
                "spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\"",
                "spec.dataSource: Invalid value: \"VolumeSnapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup",
                "spec: Invalid value: spec.dataSource: must match dataSourceRef",
            ])
    }

    // MARK: ConfigMap

    @Test func configMapDecodesAndRoundTrips() throws {
        var configMap = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: trainer-config
              namespace: vision
            data:
              epochs: "90"
              train.yaml: |
                lr: 0.1
                batch_size: 256
            binaryData:
              vocab.bin: AAECAw==
            immutable: true
            """, as: ConfigMap.self)
        #expect(configMap.data?["train.yaml"] == "lr: 0.1\nbatch_size: 256\n")
        #expect(configMap.immutable == true)
        #expect(configMap.validate().isEmpty)
        configMap.setDefaults()
        #expect(try ClusterKindsFixture.roundTrip(configMap) == configMap)
    }

    @Test func configKeysAreAlphanumericsDashUnderscoreDot() {
        let configMap = ConfigMap(metadata: ObjectMeta(name: "c"), data: ["a/b": "x", "..x": "y"])
        #expect(
            ClusterKindsFixture.messages(configMap) == [
                "data[..x]: Invalid value: \"..x\": must not start with '..'",
                "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            ])
    }

    @Test func configKeyMayNotBeInBothDataAndBinaryData() {
        let configMap = ConfigMap(
            metadata: ObjectMeta(name: "c"), data: ["k": "x"], binaryData: ["k": "eA=="])
        #expect(
            ClusterKindsFixture.messages(configMap) == [
                "data[k]: Invalid value: \"k\": duplicate of key present in binaryData"
            ])
    }

    @Test func configMapHoldsAtMostOneMebibyte() {
        let configMap = ConfigMap(
            metadata: ObjectMeta(name: "c"),
            data: ["a": String(repeating: "x", count: 600_000), "b": String(repeating: "y", count: 600_000)])
        #expect(
            ClusterKindsFixture.messages(configMap) == [
                "data: Too long: may not be more than 1048576 bytes"
            ])
    }

    // MARK: Secret

    @Test func secretDecodesAndDefaultsToOpaque() throws {
        var secret = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: Secret
            metadata:
              name: hf-token
              namespace: vision
            data:
              token: aGZfYWJjMTIz
            stringData:
              user: trainer
            """, as: Secret.self)
        #expect(secret.type == nil)
        #expect(secret.validate().isEmpty)
        secret.setDefaults()
        #expect(secret.type == "Opaque")
        #expect(try ClusterKindsFixture.roundTrip(secret) == secret)
    }

    @Test func secretKeysFollowTheConfigKeyRules() {
        let secret = Secret(metadata: ObjectMeta(name: "s"), stringData: ["bad key": "x"])
        #expect(
            ClusterKindsFixture.messages(secret) == [
                "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
            ])
    }

    @Test func secretDataIsBase64() {
        let secret = Secret(metadata: ObjectMeta(name: "s"), data: ["token": "not base64!"])
        #expect(
            ClusterKindsFixture.messages(secret) == [
                "data[token]: Invalid value: \"<secret contents redacted>\": illegal base64 data"
            ])
    }

    @Test func secretHoldsAtMostOneMebibyte() {
        let secret = Secret(
            metadata: ObjectMeta(name: "s"),
            stringData: ["big": String(repeating: "x", count: 1024 * 1024 + 1)])
        #expect(
            ClusterKindsFixture.messages(secret) == [
                "data: Too long: may not be more than 1048576 bytes"
            ])
    }

    @Test func typedSecretsCarryTheirKeys() {
        let tls = Secret(
            metadata: ObjectMeta(name: "s"), data: ["tls.crt": "Y2VydA=="], type: SecretType.tls)
        #expect(ClusterKindsFixture.messages(tls) == ["data[tls.key]: Required value"])
        let basic = Secret(metadata: ObjectMeta(name: "s"), type: SecretType.basicAuth)
        #expect(
            ClusterKindsFixture.messages(basic) == [
                "data[username]: Required value", "data[password]: Required value",
            ])
        let token = Secret(metadata: ObjectMeta(name: "s"), type: SecretType.serviceAccountToken)
        #expect(
            ClusterKindsFixture.messages(token) == [
                "metadata.annotations[kubernetes.io/service-account.name]: Required value"
            ])
        let docker = Secret(
            metadata: ObjectMeta(name: "s"), stringData: [".dockerconfigjson": "{\"auths\": {}}"],
            type: SecretType.dockerConfigJSON)
        #expect(docker.validate().isEmpty)
    }
}
