extension Revision {
    /// Its pod defaulted as every pod is; a timeout of 300 s as Knative's.
    public mutating func setDefaults() {
        spec.pod.setDefaults()
        if spec.timeoutSeconds == nil { spec.timeoutSeconds = 300 }
    }

    /// NAME CONFIG NAME GENERATION READY REASON ACTUAL REPLICAS DESIRED REPLICAS, as
    /// Knative's CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Config Name", jsonPath: ".metadata.labels['serving\\.knative\\.dev/configuration']"),
            PrinterColumn("Generation", jsonPath: ".metadata.labels['serving\\.knative\\.dev/configurationGeneration']"),
            PrinterColumn("Ready", jsonPath: #".status.conditions[?(@.type=='Ready')].status"#),
            PrinterColumn("Reason", jsonPath: #".status.conditions[?(@.type=='Ready')].reason"#),
            PrinterColumn("Actual Replicas", jsonPath: ".status.actualReplicas", type: .integer),
            PrinterColumn("Desired Replicas", jsonPath: ".status.desiredReplicas", type: .integer),
        ]
    }
}
