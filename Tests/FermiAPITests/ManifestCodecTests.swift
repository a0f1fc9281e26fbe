import FermiAPI
import Foundation
import Testing

/// Manifests parse with every field's line, decode into their kinds, and every problem names
/// the file, the line and the field.
@Suite("Manifest codec")
struct ManifestCodecTests {
    let queues = """
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata:
          name: research
        spec:
          weight: 4
          capability:
            cpu: 64
            nvidia.com/gpu: "16"
        ---
        # a second queue
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata:
          name: production
          labels:
            tier: "1"
        spec:
          reclaimable: false
          weightt: 8
        ---
        """

    @Test func splitsDocumentsAndRemembersLines() throws {
        let documents = try ManifestParser.parse(queues, source: "queues.yaml")
        #expect(documents.count == 2)
        #expect(documents[1].index == 1)
        #expect(documents[0].line(of: FieldPath("spec", "weight")) == 6)
        #expect(documents[1].line(of: FieldPath("spec", "weightt")) == 20)
        // A map's key is placed on its own line, as a field is.
        #expect(documents[1].line(of: FieldPath("metadata", "labels").key("tier")) == 17)
        #expect(documents[1].line(of: FieldPath("metadata", "labels").key("missing")) == 16)
        #expect(documents[0].value["spec"]?["capability"]?["cpu"] == .integer(64))
        #expect(documents[1].value["metadata"]?["labels"]?["tier"] == .string("1"))
        #expect(documents[1].value["spec"]?["reclaimable"] == .bool(false))
    }

    @Test func plainScalarsAreTypedAsKubernetesYAMLReaderTypesThem() throws {
        let text = """
            decimal: 42
            negative: -7
            signed: +3
            zero: 0
            octal: 0755
            hex: 0x1F
            separated: 1_000
            tooBig: 99999999999999999999
            fraction: 1.5
            quantity: 16Gi
            millis: 500m
            tag: 2.4-cu124
            quoted: "42"
            yes: true
            nothing: ~
            empty: null
            w1: yes
            w2: On
            w3: No
            w4: OFF
            w5: y
            w6: True
            w7: NULL
            w8: nan
            w9: Infinity
            w10: e5
            w11: finetune-0
            w12: OnFailure
            """
        let value = try #require(ManifestParser.parse(text, source: "s.yaml").first).value
        let expected: [String: JSONValue] = [
            "decimal": .integer(42), "negative": .integer(-7), "signed": .integer(3), "zero": .integer(0),
            "octal": .integer(0o755), "hex": .integer(31), "separated": .integer(1000), "tooBig": .number(1e20),
            "fraction": .number(1.5), "quantity": .string("16Gi"), "millis": .string("500m"),
            "tag": .string("2.4-cu124"), "quoted": .string("42"), "yes": .bool(true), "nothing": .null, "empty": .null,
            "w1": .bool(true), "w2": .bool(true), "w3": .bool(false), "w4": .bool(false), "w5": .string("y"),
            "w6": .bool(true), "w7": .null, "w8": .string("nan"), "w9": .string("Infinity"), "w10": .string("e5"),
            "w11": .string("finetune-0"), "w12": .string("OnFailure"),
        ]
        for (key, wanted) in expected { #expect(value[key] == wanted, "\(key)") }
    }

    @Test func listItemsAnchorsTagsAndEmptyDocumentsAreReadAsKubernetesReadsThem() throws {
        let text = """
            ---
            ---
            kind: ConfigMap
            data: &shared
              explicit: !!str 42
              block: |
                true
            items:
            - first
            - name: second
              image: x
            ---
            """
        let documents = try ManifestParser.parse(text, source: "c.yaml")
        #expect(documents.count == 1)
        #expect(documents[0].index == 1)
        #expect(documents[0].line == 3)
        #expect(documents[0].value["data"]?["explicit"] == .string("42"))
        #expect(documents[0].value["data"]?["block"] == .string("true\n"))
        #expect(documents[0].line(of: FieldPath("items").index(1).child("image")) == 11)
        #expect(documents[0].line(of: FieldPath("items").index(1)) == 10)
        #expect(documents[0].line(of: FieldPath("items").index(2)) == 8)
    }

    @Test func whatJSONCannotHoldIsAnErrorOnItsLine() {
        let cases = [
            ("metadata:\n  name: a\n  labels: {}\n  name: b\n", #"line 4: mapping key "name" already defined at line 2"#),
            ("base: &b {a: 1}\ncopy: *b\n", "line 2: YAML aliases are not supported"),
            ("? [a, b]\n: c\n", "line 1: a mapping key must be a scalar"),
        ]
        for (text, detail) in cases {
            #expect(throws: ManifestError.malformedYAML(source: "x.yaml", detail: detail)) {
                try ManifestParser.parse(text, source: "x.yaml")
            }
        }
    }

    @Test func decodesKindsAndWarnsOfUnknownFieldsWithTheirLines() throws {
        let documents = try ManifestParser.parse(queues, source: "queues.yaml")
        let decoder = ManifestDecoder()
        let first = try decoder.decode(documents[0])
        let queue = try #require(first.object as? Queue)
        #expect(queue.spec.capability?["cpu"] == Quantity("64"))
        #expect(first.unknownFields.isEmpty)
        let second = try decoder.decode(documents[1])
        #expect(second.unknownFieldWarnings() == [#"queues.yaml:20: unknown field "spec.weightt""#])
    }

    @Test func unknownFieldsDeepInListsAndMapsAreNamedInOrderAndNullsAreNot() throws {
        let text = """
            apiVersion: kubeflow.org/v1
            kind: PyTorchJob
            metadata:
              name: job
              labelz: {a: b}
            spec:
              pytorchReplicaSpecs:
                Worker:
                  replicas: 2
                  extra: null
                  template: {spec: {containers: [{name: pytorch, image: x}]}}
                Master:
                  replicas: 1
                  template:
                    spec:
                      containers:
                      - name: pytorch
                        image: x
                        imagePullPolicyy: Always
                      - name: sidecar
                        image: y
                        resources: {limits: {cpu: "1"}, limitz: {cpu: "2"}}
            """
        let decoded = try ManifestDecoder().decode(try #require(ManifestParser.parse(text, source: "job.yaml").first))
        #expect(decoded.unknownFieldWarnings() == [
            #"job.yaml:5: unknown field "metadata.labelz""#,
            #"job.yaml:19: unknown field "spec.pytorchReplicaSpecs.Master.template.spec.containers[0].imagePullPolicyy""#,
            #"job.yaml:22: unknown field "spec.pytorchReplicaSpecs.Master.template.spec.containers[1].resources.limitz""#,
        ])
    }

    @Test func malformedYAMLReportsTheParsersLineAndColumn() {
        #expect {
            try ManifestParser.parse("kind: Queue\nmetadata:\n  name: [a, b\n", source: "bad.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("bad.yaml: error converting YAML to JSON: line ")
                && text.contains("column")
        }
    }

    @Test func aWrongTypeNamesTheLineFieldAndValue() throws {
        let documents = try ManifestParser.parse(
            "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n  name: q\nspec:\n  weight: heavy\n",
            source: "q.yaml")
        #expect(throws: ManifestError.wrongType(
            location: "q.yaml:6", field: "spec.weight", detail: "\"heavy\": expected an integer")
        ) {
            try ManifestDecoder().decode(documents[0])
        }
    }

    @Test func aWrongTypeInAMapOrListOfScalarsNamesItsKeyOrIndex() throws {
        let pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels:
                team: [a]
            spec:
              containers:
              - name: main
                image: busybox
                args: ["run", 3]
                resources:
                  limits:
                    cpu: lots

            """
        let documents = try ManifestParser.parse(pod, source: "pod.yaml")
        #expect {
            try ManifestDecoder().decode(documents[0])
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("pod.yaml:6: metadata.labels.team:")
        }
        let fixedLabels = try ManifestParser.parse(pod.replacingOccurrences(of: "team: [a]", with: "team: a"), source: "pod.yaml")
        #expect {
            try ManifestDecoder().decode(fixedLabels[0])
        } throws: { error in
            "\(error)".hasPrefix("pod.yaml:11: spec.containers[0].args[1]:")
        }
        let fixedArgs = try ManifestParser.parse(
            pod.replacingOccurrences(of: "team: [a]", with: "team: a").replacingOccurrences(of: ", 3]", with: "]"),
            source: "pod.yaml")
        #expect {
            try ManifestDecoder().decode(fixedArgs[0])
        } throws: { error in
            "\(error)".hasPrefix("pod.yaml:14: spec.containers[0].resources.limits.cpu:")
        }
    }

    @Test func anUnservedKindIsNamed() throws {
        let documents = try ManifestParser.parse(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n", source: "ds.yaml")
        #expect {
            try ManifestDecoder().decode(documents[0])
        } throws: { error in
            "\(error)" == #"ds.yaml:1: no matches for kind "DaemonSet" in version "apps/v1""#
        }
    }

    @Test func validationErrorsArePlacedOnTheirLines() throws {
        let text = """
            apiVersion: scheduling.volcano.sh/v1beta1
            kind: Queue
            metadata:
              name: q
            spec:
              weight: -1
            """
        let decoded = try ManifestDecoder().decode(try ManifestParser.parse(text, source: "q.yaml")[0])
        #expect(
            decoded.validationErrors().map(\.description) == [
                "q.yaml:6: spec.weight: Invalid value: -1: queue weight must be a positive integer"
            ])
    }

    @Test func missingApiVersionAndKindAreReported() throws {
        let documents = try ManifestParser.parse("metadata:\n  name: x\n", source: "x.yaml")
        #expect {
            try ManifestDecoder().decode(documents[0])
        } throws: { error in
            "\(error)" == "x.yaml:1: error validating data: [apiVersion not set, kind not set]"
        }
    }
}

/// Fields left out of a manifest read as Go's zero values: empty structs, not errors.
@Suite("Manifest codec: absent fields")
struct AbsentFieldTests {
    @Test func aQueueWithoutSpecHasAnEmptySpec() throws {
        let documents = try ManifestParser.parse(
            "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n  name: q\n", source: "q.yaml")
        let decoded = try ManifestDecoder().decode(documents[0])
        let queue = try #require(decoded.object as? Queue)
        #expect(queue.spec == QueueSpec())
        #expect(decoded.unknownFields.isEmpty)
    }

    @Test func aMissingScalarIsRequired() throws {
        let documents = try ManifestParser.parse(
            "apiVersion: test.fermi.dev/v1\nkind: Gauge\nmetadata:\n  name: g\nspec:\n  unit: bar\n", source: "g.yaml")
        #expect(throws: ManifestError.invalid(location: "g.yaml:5", error: .required(FieldPath("spec", "reading")))) {
            try ManifestDecoder(registry: KindRegistry([Gauge.self])).decode(documents[0])
        }
    }
}

/// A kind with a required number, for testing required fields.
struct Gauge: APIObject {
    static let resource = APIResource(
        group: "test.fermi.dev", version: "v1", kind: "Gauge", plural: "gauges", namespaced: true)
    var apiVersion = Gauge.resource.apiVersion
    var kind = Gauge.resource.kind
    var metadata: ObjectMeta
    var spec: GaugeSpec

    struct GaugeSpec: Codable, Hashable, Sendable {
        var reading: Int
        var unit: String?
    }

    func validate() -> [FieldError] { [] }
    mutating func setDefaults() {}
}
