extension Fault {
    /// Nothing to default: a fault without a start time starts when it is created.
    public mutating func setDefaults() {}
}
