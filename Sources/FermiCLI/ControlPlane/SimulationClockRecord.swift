import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Where simulated time is kept between runs of `fermi up`: the ConfigMap
/// `fermi-system/simulation-clock`, so a restarted control plane carries on at the simulated
/// time it had reached rather than at the wall clock's.
struct SimulationClockRecord {
    static let namespace = "fermi-system"
    static let name = "simulation-clock"
    static let key = "now"

    let server: any ObjectAPI

    /// The simulated time last saved, if any.
    func load() async throws -> EpochInstant? {
        let record = try? await server.get(ConfigMap.self, namespace: Self.namespace, name: Self.name)
        guard let text = record?.data?[Self.key], let seconds = Int64(text) else { return nil }
        return EpochInstant(sinceEpoch: .seconds(seconds))
    }

    /// Saves `instant` (to the second).
    func save(_ instant: EpochInstant) async throws {
        let seconds = String(instant.sinceEpoch.components.seconds)
        if !(try await server.namespaceExists(Self.namespace)) {
            do {
                _ = try await server.create(Namespace(metadata: ObjectMeta(name: Self.namespace)))
            } catch APIError.alreadyExists {}
        }
        if var record = try? await server.get(ConfigMap.self, namespace: Self.namespace, name: Self.name) {
            guard record.data?[Self.key] != seconds else { return }
            record.data = [Self.key: seconds]
            _ = try await server.update(record)
        } else {
            _ = try await server.create(
                ConfigMap(metadata: ObjectMeta(name: Self.name, namespace: Self.namespace), data: [Self.key: seconds]))
        }
    }
}
