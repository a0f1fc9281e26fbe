import FermiRuntime
import Foundation

/// The scheduler benchmark's figures, as a table and one line of JSON.
struct SchedulerReport {
    var nodes: Int
    var gangs: Int
    var runs: [SchedulerRun]
    /// Seconds of one cycle at each node count.
    var cycles: [(nodes: Int, seconds: Double)]
    /// The peer, run beside: the same workload with a cycle for every change (no schedule period).
    var perChangePeer: SchedulerRun?

    /// The run with the median rate of binding per second of scheduler time.
    var medianRun: SchedulerRun {
        runs.sorted { $0.podsPerSchedulerSecond < $1.podsPerSchedulerSecond }[runs.count / 2]
    }

    /// How much longer a cycle takes per doubling of nodes, at worst (1.0: flat; 2.0: linear).
    var worstGrowthPerDoubling: Double {
        zip(cycles, cycles.dropFirst()).map { smaller, larger in
            let doublings = log2(Double(larger.nodes) / Double(smaller.nodes))
            return pow(larger.seconds / smaller.seconds, 1 / doublings)
        }.max() ?? 1
    }

    func text() -> String {
        let run = medianRun
        let p50 = run.gangBind.count > 0 ? run.gangBind.percentile(0.5).inMilliseconds : 0
        let p99 = run.gangBind.count > 0 ? run.gangBind.percentile(0.99).inMilliseconds : 0
        var rows = [
            "scheduler: \(nodes) nodes, \(gangs) gangs, \(run.pods) pods (median of \(runs.count) runs)",
            String(format: "  pods bound        %8d of %d (%d gangs whole)", run.podsBound, run.pods, run.gangsBound),
            String(format: "  wall time         %8.2f s   submission to last binding", run.wallSeconds),
            String(format: "  scheduler time    %8.2f s   in %d cycles (decide, bind, report)", run.schedulerSeconds, run.cycles),
            String(
                format: "  pods per second of scheduler time  %8.0f   target >= 10,000: %@", run.podsPerSchedulerSecond,
                run.podsPerSchedulerSecond >= 10_000 ? "met" : "NOT met"),
            String(format: "  pods per second end to end         %8.0f   (API server, store and informers included)", run.podsPerSecond),
        ]
        if let peer = perChangePeer {
            rows.append(
                String(
                    format: "  peer: a cycle per change           %8.0f   pods per second of scheduler time (%.2f s in %d cycles)",
                    peer.podsPerSchedulerSecond, peer.schedulerSeconds, peer.cycles))
        }
        rows += [
            String(format: "  gang bind p50     %8.1f ms", p50),
            String(format: "  gang bind p99     %8.1f ms", p99),
            "  one cycle, by nodes:",
        ]
        for cycle in cycles { rows.append(String(format: "    %6d nodes   %8.1f ms", cycle.nodes, cycle.seconds * 1000)) }
        let growth = worstGrowthPerDoubling
        rows.append(
            String(format: "  growth per doubling of nodes  %.2fx   target <= 2x (linear): %@", growth, growth <= 2.05 ? "met" : "NOT met"))
        rows.append("")
        let cycleJSON = cycles.map { String(format: "{\"nodes\":%d,\"ms\":%.2f}", $0.nodes, $0.seconds * 1000) }.joined(separator: ",")
        let json = String(
            format: "{\"benchmark\":\"scheduler\",\"nodes\":%d,\"gangs\":%d,\"pods\":%d,\"pods_bound\":%d,\"wall_seconds\":%.3f,"
                + "\"scheduler_seconds\":%.3f,\"scheduler_cycles\":%d,\"pods_per_scheduler_second\":%.1f,\"pods_per_second\":%.1f,\"gang_bind_p50_ms\":%.2f,\"gang_bind_p99_ms\":%.2f,\"cycle_growth_per_doubling\":%.3f,\"cycle_ms_by_nodes\":[%@],\"peer_per_change_pods_per_scheduler_second\":%.1f}",
            nodes, gangs, run.pods, run.podsBound, run.wallSeconds, run.schedulerSeconds, run.cycles, run.podsPerSchedulerSecond,
            run.podsPerSecond, p50, p99, growth, cycleJSON, perChangePeer?.podsPerSchedulerSecond ?? 0)
        return rows.joined(separator: "\n") + "\n" + json
    }
}
