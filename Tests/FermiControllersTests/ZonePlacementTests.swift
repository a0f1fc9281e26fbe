import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

/// Where gangs go across zones and regions: spreads over named zones, one region unless told
/// otherwise, and placement again after a zone fails.
@Suite("Zone placement")
struct ZonePlacementTests {
    /// Two zones of two nodes in cn-beijing, and one of four in cn-shanghai.
    private func threeZones(_ cluster: SchedulerCluster) async throws {
        try await cluster.zone("cn-beijing-1")
        try await cluster.zone("cn-beijing-2")
        try await cluster.zone("cn-shanghai-1", region: "cn-shanghai")
        try await cluster.pool("bj1", replicas: 2, zone: "cn-beijing-1")
        try await cluster.pool("bj2", replicas: 2, zone: "cn-beijing-2")
        try await cluster.pool("sh1", replicas: 4, zone: "cn-shanghai-1")
        try await cluster.queue("default")
    }

    @Test func aSpreadGangGetsItsShareInEachNamedZone() async throws {
        try await SchedulerCluster.run { cluster in
            try await threeZones(cluster)
            try await cluster.gang(
                "spread", size: 4, gpus: 8, annotations: [PlacementAnnotations.zones: "cn-beijing-1=2,cn-shanghai-1=2"])
            try await cluster.advance(.seconds(60))
            let zones = try await cluster.zones(of: (0..<4).map { "spread-\($0)" })
            #expect(zones.values.filter { $0 == "cn-beijing-1" }.count == 2)
            #expect(zones.values.filter { $0 == "cn-shanghai-1" }.count == 2)
        }
    }

    @Test func aZoneThatCannotTakeItsShareHoldsTheGangAndIsNamed() async throws {
        try await SchedulerCluster.run { cluster in
            try await threeZones(cluster)
            try await cluster.gang("spread", size: 4, gpus: 8, annotations: [PlacementAnnotations.zones: "cn-beijing-1=3,cn-beijing-2=1"])
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound((0..<4).map { "spread-\($0)" }).values.allSatisfy { !$0 })
            #expect(
                try await cluster.whyPending("spread") == "gang 4/4 not placeable: zone cn-beijing-1 fits 2 of the 3 pods its spread asks for")
        }
    }

    @Test func aGangStaysInOneRegionUnlessItMayCross() async throws {
        try await SchedulerCluster.run { cluster in
            try await threeZones(cluster)
            // Six whole nodes: more than cn-beijing (4) and cn-shanghai (4) hold alone.
            try await cluster.gang("stays", size: 6, gpus: 8)
            try await cluster.gang("crosses", size: 6, gpus: 8, annotations: [PlacementAnnotations.crossRegion: "true"])
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound((0..<6).map { "stays-\($0)" }).values.allSatisfy { !$0 })
            let zones = Set(try await cluster.zones(of: (0..<6).map { "crosses-\($0)" }).values.compactMap { $0 })
            #expect(zones.contains("cn-shanghai-1"))
            #expect(zones.contains { $0.hasPrefix("cn-beijing") })
        }
    }

    @Test func whenAZoneGoesDownItsWorkIsPlacedAgainElsewhere() async throws {
        try await SchedulerCluster.run { cluster in
            try await threeZones(cluster)
            try await cluster.gang("serve", size: 2, gpus: 8, annotations: [PlacementAnnotations.zones: "cn-beijing-1=1,cn-shanghai-1=1"])
            try await cluster.advance(.seconds(60))
            try await cluster.gang("train", size: 1, gpus: 8)
            try await cluster.advance(.seconds(60))
            let before = try await cluster.zones(of: ["serve-0", "serve-1", "train-0"])
            #expect(before == ["serve-0": "cn-beijing-1", "serve-1": "cn-shanghai-1", "train-0": "cn-beijing-1"])

            try await cluster.setHealth(of: "cn-beijing-1", to: ZoneHealth.down)
            try await cluster.advance(.seconds(60))
            let lost = try await [cluster.pod("serve-0").status?.reason, cluster.pod("train-0").status?.reason]
            #expect(lost == ["NodeLost", "NodeLost"])
            try await cluster.replaceFailedPods(of: "serve", gpus: 8)
            try await cluster.replaceFailedPods(of: "train", gpus: 8)
            try await cluster.advance(.seconds(60))
            // train goes to the tightest zone that is up; serve's share of the Down zone joins
            // its member in cn-shanghai-1.
            let after = try await cluster.zones(of: ["serve-0", "serve-1", "train-0"])
            #expect(after == ["serve-0": "cn-shanghai-1", "serve-1": "cn-shanghai-1", "train-0": "cn-beijing-2"])
            #expect(try await cluster.group("serve").status?.phase == "Running")
        }
    }

    @Test func aMalformedZoneSpreadIsRejectedWithItsField() {
        var metadata = ObjectMeta(name: "g", namespace: "default")
        metadata.annotations = [PlacementAnnotations.zones: "cn-beijing-1=two"]
        let errors = PodGroup(metadata: metadata).validate().map(\.description)
        #expect(
            errors == [
                "metadata.annotations[placement.fermi.dev/zones]: Invalid value: \"cn-beijing-1=two\": "
                    + "must be ZONE=COUNT pairs separated by commas, each count at least 1"
            ])
    }
}
