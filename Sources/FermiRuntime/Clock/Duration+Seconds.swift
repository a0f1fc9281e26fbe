extension Duration {
    /// The duration as a number of seconds, for arithmetic with dates and rates, and printing.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// The duration as a number of milliseconds, for printing.
    public var inMilliseconds: Double { inSeconds * 1000 }
}
