import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiSim
import Foundation

/// `fermi top nodes|zones|inferenceservices`: GPUs allocated and free, by node or by zone and
/// product; or each inference service's live traffic, latency, replicas and cost.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top", abstract: "Show GPUs allocated and free by node or zone, or inference services' live figures.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "nodes, zones or inferenceservices") var what: String

    static let serviceNames = ["inferenceservices", "inferenceservice", "isvc"]

    func validate() throws {
        guard ["nodes", "node", "no", "zones", "zone"].contains(what) || Self.serviceNames.contains(what) else {
            throw ValidationError("fermi top shows nodes, zones or inferenceservices, not \(what)")
        }
    }

    func run() async throws {
        let server = try await global.openAPI()
        if Self.serviceNames.contains(what) {
            let services = try await server.list(InferenceService.self).items
            let figures = try await server.list(ServingMetrics.self).items.reduce(into: [String: ServingMetricsStatus]()) {
                if let status = $1.status { $0["\($1.namespace)/\($1.name)"] = status }
            }
            let wanted = try await server.list(PodAutoscaler.self).items.reduce(into: [String: Int32]()) { total, autoscaler in
                guard let service = autoscaler.metadata.labels?["serving.kserve.io/inferenceservice"] else { return }
                total["\(autoscaler.namespace)/\(service)", default: 0] += autoscaler.status?.desiredScale ?? 0
            }
            print(TextColumns.render(ServingSummary.rows(services, figures: figures, wanted: wanted)), terminator: "")
            return
        }
        let nodes = try await server.list(Node.self).items
        let pods = try await server.list(Pod.self).items
        var rows: [[String]]
        if what.hasPrefix("zone") {
            rows = [["ZONE", "GPU PRODUCT", "GPUS ALLOCATED", "GPUS FREE", "GPUS TOTAL", "GPU%", "CPU ALLOCATED"]]
            for (zone, allocation) in GPUAllocation.byZone(nodes: nodes, pods: pods) {
                rows.append([
                    zone, allocation.product, Self.number(allocation.allocated), Self.number(allocation.free),
                    Self.number(allocation.total), Self.percent(allocation.allocated, of: allocation.total),
                    "\(Self.number(allocation.cpuAllocated))/\(Self.number(allocation.cpuTotal))",
                ])
            }
        } else {
            rows = [["NAME", "ZONE", "GPU PRODUCT", "GPUS", "GPU%", "CPU(cores)", "CPU%", "STATUS"]]
            for (node, allocation) in GPUAllocation.byNode(nodes: nodes, pods: pods) {
                rows.append([
                    node.name, node.metadata.labels?[SimNames.zoneLabel] ?? "<none>", allocation.product,
                    "\(Self.number(allocation.allocated))/\(Self.number(allocation.total))",
                    Self.percent(allocation.allocated, of: allocation.total),
                    "\(Self.number(allocation.cpuAllocated))/\(Self.number(allocation.cpuTotal))",
                    Self.percent(allocation.cpuAllocated, of: allocation.cpuTotal),
                    NodeConditions.isReady(node) ? "Ready" : "NotReady",
                ])
            }
        }
        print(TextColumns.render(rows), terminator: "")
    }

    static func number(_ value: Decimal) -> String {
        PodUsage.text(value, places: 2)
    }

    static func percent(_ part: Decimal, of whole: Decimal) -> String {
        guard whole > 0 else { return "-" }
        return "\(NSDecimalNumber(decimal: part * 100 / whole).intValue)%"
    }
}
