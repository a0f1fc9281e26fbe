import Foundation

/// The objects the store benchmark writes: about 1 KiB of JSON shaped like a scheduled training
/// pod, as Kubernetes stores it, different for every index.
///
/// Every value differs (names, uid, rank, node, IP, times), so that no backend gains from
/// repeated bytes, and the same index always gives the same document.
enum PodDocument {
    /// The prefix the pods of `namespace` are stored under, as Kubernetes stores them.
    static func prefix(namespace: String) -> String {
        "/registry/pods/\(namespace)/"
    }

    /// The key of pod `index` in `namespace`.
    static func key(_ index: Int, namespace: String) -> String {
        prefix(namespace: namespace) + name(index)
    }

    static func name(_ index: Int) -> String {
        "llama-pretrain-\(index / 64)-worker-\(index % 64)"
    }

    /// The JSON of pod `index` in `namespace`.
    static func json(_ index: Int, namespace: String) -> Data {
        var random = SplitMix64(seed: UInt64(index))
        let job = "llama-pretrain-\(index / 64)"
        let rank = index % 64
        let gpu = ["NVIDIA-H100-80GB-HBM3", "NVIDIA-A100-SXM4-80GB", "Ascend910B"][index % 3]
        let zone = ["zone-a", "zone-b", "zone-c"][(index / 64) % 3]
        let node = "gpu-\(zone)-\(String(random.next() % 4096, radix: 16))"
        let uid = uuidText(random.next(), random.next())
        let seconds = 1_700_000_000 + index * 7
        let created = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
        let started = Date(timeIntervalSince1970: TimeInterval(seconds + 40)).formatted(.iso8601)
        let text = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"\(name(index))","namespace":"\(namespace)",\
            "uid":"\(uid)","creationTimestamp":"\(created)",\
            "labels":{"training.kubeflow.org/job-name":"\(job)","training.kubeflow.org/replica-type":"worker",\
            "training.kubeflow.org/replica-index":"\(rank)"},"ownerReferences":[{"apiVersion":\
            "kubeflow.org/v1","kind":"PyTorchJob","name":"\(job)","controller":true}]},\
            "spec":{"schedulerName":"volcano","nodeName":"\(node)",\
            "nodeSelector":{"nvidia.com/gpu.product":"\(gpu)"},\
            "containers":[{"name":"pytorch","image":"registry.example.com/llm/llama-train:3.1-cu124",\
            "command":["torchrun","train.py"],"env":[\
            {"name":"MASTER_ADDR","value":"\(job)-master-0"},{"name":"RANK","value":"\(rank)"}],\
            "resources":{"limits":{"nvidia.com/gpu":"8",\
            "cpu":"96","memory":"1Ti"},"requests":{"nvidia.com/gpu":"8","cpu":"96","memory":"1Ti"}}}],\
            "tolerations":[{"key":"nvidia.com/gpu","operator":"Exists","effect":"NoSchedule"}]},\
            "status":{"phase":"Running","podIP":"10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256)",\
            "startTime":"\(started)"}}
            """
        return Data(text.utf8)
    }

    /// The mean size in bytes of the first `count` documents (a hundred of them sampled).
    static func averageSize(of count: Int) -> Int {
        let sizes = stride(from: 0, to: count, by: max(1, count / 100)).map { json($0, namespace: "default").count }
        return sizes.reduce(0, +) / max(1, sizes.count)
    }

    /// Two random words written the way Kubernetes writes uids (8-4-4-4-12 hex digits).
    private static func uuidText(_ high: UInt64, _ low: UInt64) -> String {
        let hex = [high, low].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
        var rest = Substring(hex)
        var groups: [Substring] = []
        for length in [8, 4, 4, 4, 12] {
            groups.append(rest.prefix(length))
            rest = rest.dropFirst(length)
        }
        return groups.joined(separator: "-")
    }
}
