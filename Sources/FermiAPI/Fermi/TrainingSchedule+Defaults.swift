extension TrainingSchedule {
    /// Allow, not suspended, 3 succeeded and 1 failed run kept, as CronJob's defaults.
    public mutating func setDefaults() {
        if spec.concurrencyPolicy == nil { spec.concurrencyPolicy = "Allow" }
        if spec.suspend == nil { spec.suspend = false }
        if spec.successfulJobsHistoryLimit == nil { spec.successfulJobsHistoryLimit = 3 }
        if spec.failedJobsHistoryLimit == nil { spec.failedJobsHistoryLimit = 1 }
    }

    /// NAME SCHEDULE SUSPEND ACTIVE LAST SCHEDULE AGE, as kubectl prints a CronJob.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Schedule", jsonPath: ".spec.schedule"),
            PrinterColumn("Suspend", jsonPath: ".spec.suspend", type: .boolean),
            PrinterColumn("Active") { object, _ in
                guard case .array(let active)? = object.value(at: "status.active") else { return "0" }
                return String(active.count)
            },
            PrinterColumn("Last Schedule", jsonPath: ".status.lastScheduleTime", type: .date),
            .age,
        ]
    }
}
