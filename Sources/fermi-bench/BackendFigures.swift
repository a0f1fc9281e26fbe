/// What the store benchmark measured on one backend.
struct BackendFigures {
    var singleCreatesPerSecond: Double
    var singleCreateLatencies: LatencySamples
    var batchedCreatesPerSecond: Double
    /// The median of three lists of every object, in pages.
    var listTime: Duration
    var watchLatencies: LatencySamples

    var singleCreateP50: Duration { singleCreateLatencies.percentile(0.5) }
    var singleCreateP99: Duration { singleCreateLatencies.percentile(0.99) }
    var watchLatencyP50: Duration { watchLatencies.percentile(0.5) }
    var watchLatencyP99: Duration { watchLatencies.percentile(0.99) }
}
