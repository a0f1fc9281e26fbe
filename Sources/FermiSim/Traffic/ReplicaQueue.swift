/// One serving replica as the load balancer and its queue proxy see it: `capacity` requests
/// worked on at once, the rest waiting their turn, and the requests outstanding (sent and
/// not yet answered) at any moment. Times are seconds on the simulation clock.
struct ReplicaQueue: Sendable {
    /// When each of its slots is next free.
    private var slotsFreeAt: [Double]
    /// When each outstanding request will be answered, earliest first.
    private var completions: [Double] = []
    /// Requests sent to it so far.
    var requests: Int64 = 0

    init(capacity: Int) {
        slotsFreeAt = Array(repeating: 0, count: max(1, capacity))
    }

    /// Requests sent and not yet answered at `time`.
    mutating func outstanding(at time: Double) -> Int {
        var answered = 0
        while answered < completions.count, completions[answered] <= time { answered += 1 }
        if answered > 0 { completions.removeFirst(answered) }
        return completions.count
    }

    /// Takes a request arriving at `arrival` that needs `work` seconds; returns its latency
    /// (waiting for a slot, then the work).
    mutating func take(arrival: Double, work: Double) -> Double {
        var slot = 0
        for index in slotsFreeAt.indices where slotsFreeAt[index] < slotsFreeAt[slot] { slot = index }
        let start = max(arrival, slotsFreeAt[slot])
        let done = start + work
        slotsFreeAt[slot] = done
        var low = 0
        var high = completions.count
        while low < high {
            let middle = (low + high) / 2
            if completions[middle] <= done { low = middle + 1 } else { high = middle }
        }
        completions.insert(done, at: low)
        requests += 1
        return done - arrival
    }

    /// Changes how many requests it works on at once (a new revision setting).
    mutating func resize(to capacity: Int) {
        let wanted = max(1, capacity)
        guard wanted != slotsFreeAt.count else { return }
        slotsFreeAt = wanted > slotsFreeAt.count
            ? slotsFreeAt + Array(repeating: 0, count: wanted - slotsFreeAt.count) : Array(slotsFreeAt.sorted().prefix(wanted))
    }
}
