extension Queue {
    /// Volcano's defaults: weight 1, reclaimable, and a new queue is Open.
    public mutating func setDefaults() {
        if spec.weight == nil { spec.weight = 1 }
        if spec.reclaimable == nil { spec.reclaimable = true }
    }

    /// WEIGHT STATE INQUEUE PENDING RUNNING GPUS AGE, as `vcctl queue list` lists queues, with
    /// the GPUs the queue's pods hold; wide: COMPLETED, CPU and MEMORY held.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("WEIGHT", jsonPath: ".spec.weight", type: .integer),
            PrinterColumn("STATE", jsonPath: ".status.state"),
            PrinterColumn("INQUEUE", jsonPath: ".status.inqueue", type: .integer),
            PrinterColumn("PENDING", jsonPath: ".status.pending", type: .integer),
            PrinterColumn("RUNNING", jsonPath: ".status.running", type: .integer),
            PrinterColumn("GPUS", jsonPath: ".status.allocated.nvidia\\.com/gpu"),
            .age,
            PrinterColumn("COMPLETED", jsonPath: ".status.completed", type: .integer, priority: 1),
            PrinterColumn("CPU", jsonPath: ".status.allocated.cpu", priority: 1),
            PrinterColumn("MEMORY", jsonPath: ".status.allocated.memory", priority: 1),
        ]
    }
}
