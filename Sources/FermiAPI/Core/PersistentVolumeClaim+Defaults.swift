extension PersistentVolumeClaim {
    /// Upstream's defaults: a Filesystem volume, and a new claim is Pending.
    public mutating func setDefaults() {
        if spec.volumeMode == nil { spec.volumeMode = PersistentVolumeMode.filesystem }
        if (status?.phase ?? "").isEmpty {
            status = status ?? PersistentVolumeClaimStatus()
            status?.phase = PersistentVolumeClaimPhase.pending
        }
    }
}
