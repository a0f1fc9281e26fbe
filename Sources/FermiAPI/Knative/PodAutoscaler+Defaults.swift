extension PodAutoscaler {
    /// Nothing to default: its settings are read with defaults where it is silent.
    public mutating func setDefaults() {}

    /// NAME DESIREDSCALE ACTUALSCALE READY REASON; wide: MODE and the observed figures.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("DesiredScale", jsonPath: ".status.desiredScale", type: .integer),
            PrinterColumn("ActualScale", jsonPath: ".status.actualScale", type: .integer),
            PrinterColumn("Ready", jsonPath: #".status.conditions[?(@.type=='Ready')].status"#),
            PrinterColumn("Reason", jsonPath: #".status.conditions[?(@.type=='Ready')].reason"#),
            PrinterColumn("Mode", jsonPath: ".status.mode", priority: 1),
            PrinterColumn("Stable", jsonPath: ".status.stableValue", priority: 1),
            PrinterColumn("Panic", jsonPath: ".status.panicValue", priority: 1),
        ]
    }
}
