extension Model {
    /// Nothing to fill in: versions are the registry's to write.
    public mutating func setDefaults() {}

    /// NAME LATEST SOURCE AGE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Latest", jsonPath: ".status.latestVersion", type: .integer),
            PrinterColumn("Source", jsonPath: ".status.versions[-1:].sourceJob"),
            PrinterColumn("URI", jsonPath: ".status.versions[-1:].storageUri", priority: 1),
            .age,
        ]
    }
}
