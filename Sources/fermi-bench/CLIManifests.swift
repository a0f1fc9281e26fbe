import Foundation

/// What the CLI benchmark applies and reads: manifests shaped as people write them (a
/// PyTorchJob, the ConfigMap it reads, a worker Pod), different for every index.
enum CLIManifests {
    /// The YAML of object `index`: a PyTorchJob, a ConfigMap or a Pod, in turn.
    static func yaml(_ index: Int) -> String {
        switch index % 3 {
        case 0:
            """
            apiVersion: kubeflow.org/v1
            kind: PyTorchJob
            metadata:
              name: finetune-\(index)
              labels: {team: team-\(index % 7), kueue.x-k8s.io/queue-name: research}
            spec:
              runPolicy: {cleanPodPolicy: None, backoffLimit: 3}
              pytorchReplicaSpecs:
                Master:
                  replicas: 1
                  restartPolicy: OnFailure
                  template:
                    spec:
                      containers:
                      - name: pytorch
                        image: registry.example.com/llm/finetune:2.4-cu124
                        command: [torchrun, finetune.py, --epochs, "\(index % 10 + 1)"]
                        resources:
                          limits: {nvidia.com/gpu: "8", cpu: "96", memory: 1Ti}
                Worker:
                  replicas: \(index % 8 + 1)
                  restartPolicy: OnFailure
                  template:
                    spec:
                      containers:
                      - name: pytorch
                        image: registry.example.com/llm/finetune:2.4-cu124
                        command: [torchrun, finetune.py, --epochs, "\(index % 10 + 1)"]
                        resources:
                          limits: {nvidia.com/gpu: "8", cpu: "96", memory: 1Ti}

            """
        case 1:
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings-\(index)
              labels: {team: team-\(index % 7), app: trainer}
            data:
              learning_rate: "0.000\(index % 9 + 1)"
              batch_size: "\(index % 512 + 1)"

            """
        default:
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: worker-\(index)
              labels: {app: trainer, rank: "\(index % 64)"}
            spec:
              containers:
              - name: pytorch
                image: registry.example.com/llm/train:3.1
                command: [torchrun, train.py]
                env: [{name: RANK, value: "\(index % 64)"}]
                resources:
                  limits: {nvidia.com/gpu: "8", cpu: "96", memory: 1Ti}
              tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]

            """
        }
    }

    /// Writes `count` objects into `folder`, `perFile` documents to a file.
    static func writeFolder(_ folder: URL, count: Int, perFile: Int = 100) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for start in stride(from: 0, to: count, by: perFile) {
            let documents = (start..<min(start + perFile, count)).map(yaml)
            let name = String(format: "objects-%06d.yaml", start)
            try Data(documents.joined(separator: "---\n").utf8).write(to: folder.appendingPathComponent(name))
        }
    }

    /// The stored JSON of PyTorchJob `index` in `namespace`, as `fermi apply` would store it.
    static func pytorchJobJSON(_ index: Int, namespace: String) -> Data {
        let container = """
            {"name":"pytorch","image":"registry.example.com/llm/finetune:2.4-cu124",\
            "command":["torchrun","finetune.py"],"resources":{"limits":{"nvidia.com/gpu":"8"}}}
            """
        let text = """
            {"apiVersion":"kubeflow.org/v1","kind":"PyTorchJob","metadata":{"name":"finetune-\(index)",\
            "namespace":"\(namespace)","uid":"00000000-0000-4000-8000-\(String(format: "%012d", index))",\
            "creationTimestamp":"2026-11-01T00:00:00Z","generation":1},"spec":{"runPolicy":{"cleanPodPolicy":"None"},\
            "pytorchReplicaSpecs":{"Master":{"replicas":1,"restartPolicy":"OnFailure","template":{"spec":\
            {"containers":[\(container)]}}},"Worker":{"replicas":\(index % 8 + 1),"restartPolicy":"OnFailure",\
            "template":{"spec":{"containers":[\(container)]}}}}},"status":{"conditions":[{"type":"Created",\
            "status":"True","reason":"PyTorchJobCreated"}]}}
            """
        return Data(text.utf8)
    }
}
