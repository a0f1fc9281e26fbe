extension ServingMetrics {
    /// Nothing to default: the simulator writes every figure.
    public mutating func setDefaults() {}

    /// NAME RPS P50 P99 ERRORS READY COST AGE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("RPS", jsonPath: ".status.rps"),
            PrinterColumn("P50", jsonPath: ".status.latencyP50"),
            PrinterColumn("P99", jsonPath: ".status.latencyP99"),
            PrinterColumn("Errors", jsonPath: ".status.errorRate"),
            PrinterColumn("Ready", jsonPath: ".status.readyReplicas", type: .integer),
            PrinterColumn("Cost", jsonPath: ".status.cost"),
            .age,
        ]
    }
}
