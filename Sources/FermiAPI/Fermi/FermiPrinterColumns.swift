// The tables of Fermi's own kinds, declared as a CRD's additionalPrinterColumns would be.

extension Instance {
    /// NAME TYPE PHASE GPUS ENDPOINT COST AGE; wide: NODE IMAGE CPU MEMORY.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Type", jsonPath: ".spec.type"),
            PrinterColumn("Phase", jsonPath: ".status.phase"),
            PrinterColumn("GPUs", jsonPath: ".spec.resources.gpu", type: .integer),
            // The way in people use most: Jupyter, else SSH, else the first port.
            PrinterColumn("Endpoint") { object, _ in
                let endpoints = object.value(at: "status.endpoints")
                if let way = endpoints?["jupyter"]?.stringValue ?? endpoints?["ssh"]?.stringValue { return way }
                guard case .array(let ports)? = endpoints?["ports"] else { return nil }
                return ports.first?["url"]?.stringValue
            },
            PrinterColumn("Cost", jsonPath: ".status.costSoFar"),
            .age,
            PrinterColumn("Node", jsonPath: ".status.nodeName", priority: 1),
            PrinterColumn("Image", jsonPath: ".spec.image", priority: 1),
            PrinterColumn("CPU", jsonPath: ".spec.resources.cpu", priority: 1),
            PrinterColumn("Memory", jsonPath: ".spec.resources.memory", priority: 1),
        ]
    }
}

extension Image {
    /// NAME REPOSITORY TAG CATEGORY FRAMEWORK SIZE PHASE AGE; wide: CUDA PYTHON CACHED.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Repository", jsonPath: ".spec.repository"),
            PrinterColumn("Tag", jsonPath: ".spec.tag"),
            PrinterColumn("Category", jsonPath: ".spec.category"),
            PrinterColumn("Framework") { object, _ in
                guard case .array(let frameworks)? = object.value(at: "spec.frameworks") else { return nil }
                return frameworks.compactMap { framework in
                    framework["name"]?.stringValue.map { name in framework["version"]?.stringValue.map { "\(name) \($0)" } ?? name }
                }.joined(separator: ", ")
            },
            PrinterColumn("Size", jsonPath: ".spec.size"),
            PrinterColumn("Phase", jsonPath: ".status.phase"),
            .age,
            PrinterColumn("CUDA", jsonPath: ".spec.cudaVersion", priority: 1),
            PrinterColumn("Python", jsonPath: ".spec.pythonVersion", priority: 1),
            PrinterColumn("Cached", jsonPath: ".status.cachedNodes", type: .integer, priority: 1),
        ]
    }
}

extension NodePool {
    /// NAME ZONE REPLICAS READY GPUS AGE; wide: GPU PRODUCT.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Zone", jsonPath: ".spec.zone"),
            PrinterColumn("Replicas", jsonPath: ".spec.replicas", type: .integer),
            PrinterColumn("Ready", jsonPath: ".status.readyNodes", type: .integer),
            PrinterColumn("GPUs", jsonPath: ".status.totalGPUs", type: .integer),
            .age,
            PrinterColumn("GPU Product", jsonPath: ".spec.shape.gpu.product", priority: 1),
        ]
    }
}

extension Zone {
    /// NAME REGION HEALTH NODES GPUS AGE.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Region", jsonPath: ".spec.region"),
            PrinterColumn("Health", jsonPath: ".status.health"),
            PrinterColumn("Nodes", jsonPath: ".status.nodes", type: .integer),
            PrinterColumn("GPUs", jsonPath: ".status.totalGPUs", type: .integer),
            .age,
        ]
    }
}

extension GitRepository {
    /// NAME URL SYNC HEALTH REVISION AGE, as Argo CD prints an Application.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("URL", jsonPath: ".spec.url"),
            PrinterColumn("Sync", jsonPath: ".status.sync"),
            PrinterColumn("Health", jsonPath: ".status.health"),
            PrinterColumn("Revision", jsonPath: ".status.lastAppliedRevision"),
            .age,
        ]
    }
}

extension Fault {
    /// NAME TARGET PHASE STARTED RECOVERED AGE, and the duration when wide.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Target", jsonPath: ".spec.target"),
            PrinterColumn("Phase", jsonPath: ".status.phase"),
            PrinterColumn("Started", jsonPath: ".status.startedAt", type: .date),
            PrinterColumn("Recovered", jsonPath: ".status.recoveredAt", type: .date),
            .age,
            PrinterColumn("Duration", jsonPath: ".spec.duration", priority: 1),
        ]
    }
}
