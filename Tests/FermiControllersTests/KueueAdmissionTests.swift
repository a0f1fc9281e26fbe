import FermiAPI
import FermiControllers
import Testing

/// Kueue's admission as a pure function of queues and workloads: quotas, cohorts, borrowing
/// and lending limits, queueing strategies, preemption and the reasons given.
@Suite("Kueue admission")
struct KueueAdmissionTests {
    typealias F = KueueFixtures

    /// Two ClusterQueues in one cohort: `training` (64 GPUs, borrowing up to 16) and
    /// `research` (32 GPUs, lending as `researchLends` says).
    private func cohort(researchLends: Int64? = nil, trainingReclaims: String? = nil, researchReclaims: String? = nil)
        -> [ClusterQueue]
    {
        [
            F.clusterQueue(
                "training", cohort: "ai", quotas: [.init(flavor: "gpu-a100", nominal: 64, borrowingLimit: 16)],
                reclaimWithinCohort: trainingReclaims),
            F.clusterQueue(
                "research", cohort: "ai", quotas: [.init(flavor: "gpu-a100", nominal: 32, lendingLimit: researchLends)],
                reclaimWithinCohort: researchReclaims),
        ]
    }

    private let localQueues = [F.localQueue("train", clusterQueue: "training"), F.localQueue("explore", clusterQueue: "research")]

    @Test func aQueueBorrowsFromItsCohortUpToItsBorrowingLimit() {
        let decisions = F.run(
            clusterQueues: cohort(), localQueues: localQueues,
            workloads: [
                F.workload("big", gpus: 8, count: 8, queue: "train", created: 1),
                F.workload("borrows", gpus: 8, count: 2, queue: "train", created: 2),
                F.workload("over-limit", gpus: 8, queue: "train", created: 3),
            ])
        #expect(decisions.admissions[F.key("big")]?.assignment.borrows == false)
        #expect(decisions.admissions[F.key("borrows")]?.assignment.borrows == true)
        #expect(decisions.admissions[F.key("over-limit")] == nil)
        #expect(
            decisions.pending[F.key("over-limit")]?.message
                == "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 8 more needed")
    }

    @Test func aLendingLimitKeepsTheRestOfAQueuesQuotaForItself() {
        // research lends only 16 of its 32, so training (no limit of its own here) reaches 80.
        var queues = cohort(researchLends: 16)
        queues[0] = F.clusterQueue("training", cohort: "ai", quotas: [.init(flavor: "gpu-a100", nominal: 64)])
        let decisions = F.run(
            clusterQueues: queues, localQueues: localQueues,
            workloads: [
                F.workload("all-of-it", gpus: 8, count: 12, queue: "train", created: 1),
                F.workload("up-to-the-loan", gpus: 8, count: 10, queue: "train", created: 2),
                F.workload("research-own", gpus: 8, count: 2, queue: "explore", created: 3),
            ])
        #expect(decisions.admissions[F.key("all-of-it")] == nil)
        #expect(
            decisions.pending[F.key("all-of-it")]?.message
                == "couldn't assign flavors to pod set main: insufficient quota for nvidia.com/gpu in flavor gpu-a100, request > maximum capacity")
        #expect(decisions.admissions[F.key("up-to-the-loan")]?.assignment.borrows == true)
        // What research kept for itself is still there although training borrowed all it could.
        #expect(decisions.admissions[F.key("research-own")] != nil)
    }

    @Test func aQueueReclaimsWhatItLentOnlyWhenItsPolicySays() {
        let running = [
            F.workload("train-a", gpus: 8, count: 8, queue: "train", created: 1, admittedTo: ("training", "gpu-a100")),
            F.workload("train-b", gpus: 8, count: 2, queue: "train", created: 2, admittedTo: ("training", "gpu-a100")),
        ]
        let wanting = F.workload("research-job", gpus: 8, count: 4, queue: "explore", created: 3)
        let never = F.run(clusterQueues: cohort(), localQueues: localQueues, workloads: running + [wanting])
        #expect(never.evictions.isEmpty)
        #expect(
            never.pending[F.key("research-job")]?.message
                == "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 16 more needed")
        let any = F.run(clusterQueues: cohort(researchReclaims: "Any"), localQueues: localQueues, workloads: running + [wanting])
        // Only the borrowing queue's newest workload goes, and it is enough.
        #expect(
            any.evictions == [
                F.key("train-b"):
                    "Preempted to accommodate a workload (default/research-job) due to reclamation within the cohort"
            ])
        #expect(any.admissions[F.key("research-job")]?.assignment.borrows == false)
    }

    @Test func strictFIFOHoldsEverythingBehindAWaitingHeadAndBestEffortDoesNot() {
        let workloads = [
            F.workload("running", gpus: 8, queue: "q", created: 1, admittedTo: ("solo", "gpu-a100")),
            F.workload("head", gpus: 16, queue: "q", created: 2),
            F.workload("small", gpus: 8, queue: "q", created: 3),
        ]
        let local = [F.localQueue("q", clusterQueue: "solo")]
        let strict = F.run(
            clusterQueues: [F.clusterQueue("solo", quotas: [.init(flavor: "gpu-a100", nominal: 16)], strategy: "StrictFIFO")],
            localQueues: local, workloads: workloads)
        #expect(strict.admissions.isEmpty)
        #expect(strict.pending[F.key("small")]?.message == "waiting for default/head, ahead of it in StrictFIFO ClusterQueue solo")
        let bestEffort = F.run(
            clusterQueues: [F.clusterQueue("solo", quotas: [.init(flavor: "gpu-a100", nominal: 16)], strategy: "BestEffortFIFO")],
            localQueues: local, workloads: workloads)
        #expect(bestEffort.admissions.keys.map(\.name) == ["small"])
        #expect(
            bestEffort.pending[F.key("head")]?.message
                == "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 8 more needed")
    }

    @Test func withinItsQueueAHigherPriorityWorkloadPreemptsTheLowest() {
        let queue = F.clusterQueue("solo", quotas: [.init(flavor: "gpu-a100", nominal: 16)], withinClusterQueue: "LowerPriority")
        let decisions = F.run(
            clusterQueues: [queue], localQueues: [F.localQueue("q", clusterQueue: "solo")],
            workloads: [
                F.workload("mid", gpus: 8, queue: "q", priority: 50, created: 1, admittedTo: ("solo", "gpu-a100")),
                F.workload("low", gpus: 8, queue: "q", priority: 10, created: 2, admittedTo: ("solo", "gpu-a100")),
                F.workload("urgent", gpus: 8, queue: "q", priority: 100, created: 3),
                F.workload("peer", gpus: 8, queue: "q", priority: 10, created: 4),
            ])
        #expect(
            decisions.evictions == [
                F.key("low"): "Preempted to accommodate a workload (default/urgent) due to prioritization in the ClusterQueue"
            ])
        #expect(decisions.admissions.keys.map(\.name) == ["urgent"])
        #expect(decisions.pending[F.key("peer")] != nil)
    }

    @Test func flavorsAreTriedInOrderSkippingThoseThePodsCannotUse() {
        let queue = F.clusterQueue(
            "multi", quotas: [.init(flavor: "gpu-a100", nominal: 8), .init(flavor: "gpu-h100", nominal: 16)])
        let flavors = [
            F.flavor("gpu-a100", labels: ["nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB"]),
            F.flavor("gpu-h100", labels: ["nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"]),
        ]
        let decisions = F.run(
            clusterQueues: [queue], localQueues: [F.localQueue("q", clusterQueue: "multi")], flavors: flavors,
            workloads: [
                F.workload("first", gpus: 8, queue: "q", created: 1),
                F.workload("spills-over", gpus: 8, queue: "q", created: 2),
                F.workload("wants-a100", gpus: 8, queue: "q", created: 3, nodeSelector: ["nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB"]),
            ])
        #expect(decisions.admissions[F.key("first")]?.assignment.podSets.first?.flavors == [F.gpu: "gpu-a100"])
        #expect(decisions.admissions[F.key("spills-over")]?.assignment.podSets.first?.flavors == [F.gpu: "gpu-h100"])
        #expect(
            decisions.pending[F.key("wants-a100")]?.message
                == "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, "
                + "8 more needed; flavor gpu-h100 doesn't match node selector nvidia.com/gpu.product=NVIDIA-A100-SXM4-80GB")
    }

    @Test func aWorkloadThatCannotBeQueuedSaysWhy() {
        let queue = F.clusterQueue("solo", quotas: [.init(flavor: "gpu-a100", nominal: 16)])
        let decisions = F.run(
            clusterQueues: [queue], localQueues: [F.localQueue("q", clusterQueue: "solo"), F.localQueue("orphan", clusterQueue: "gone")],
            workloads: [
                F.workload("no-local-queue", gpus: 8, queue: "missing"),
                F.workload("no-cluster-queue", gpus: 8, queue: "orphan"),
                F.workload("asks-for-cpu", gpus: 8, queue: "q", extra: ["cpu": "8"]),
            ])
        #expect(decisions.pending[F.key("no-local-queue")]?.reason == "Inadmissible")
        #expect(decisions.pending[F.key("no-local-queue")]?.message == "LocalQueue missing doesn't exist")
        #expect(decisions.pending[F.key("no-cluster-queue")]?.message == "ClusterQueue gone doesn't exist")
        #expect(
            decisions.pending[F.key("asks-for-cpu")]?.message
                == "couldn't assign flavors to pod set main: resource cpu unavailable in ClusterQueue")
    }
}
