import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiSim
import Foundation

/// `fermi top nodes|zones`: GPUs allocated and free, by node or by zone and product.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top", abstract: "Show GPUs allocated and free, by node or by zone and product.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "nodes or zones") var what: String

    func validate() throws {
        guard ["nodes", "node", "no", "zones", "zone"].contains(what) else {
            throw ValidationError("fermi top shows nodes or zones, not \(what)")
        }
    }

    func run() async throws {
        let server = try await global.openAPI()
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
