extension ObjectMeta {
    /// The resourceVersion as the number of the store write that made it (Fermi's stores number
    /// every write, so later writes have larger ones); nil when unset or not a number.
    public var revision: Int64? { resourceVersion.flatMap { Int64($0) } }
}
