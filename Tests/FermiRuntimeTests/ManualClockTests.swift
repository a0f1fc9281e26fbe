import FermiRuntime
import FermiRuntimeTestSupport
import Synchronization
import Testing

/// The manual clock: timers fire in deadline order, each seeing its own time, only when the
/// clock is moved.
@Suite("Manual clock")
struct ManualClockTests {
    @Test func timersFireInDeadlineOrderWhenAdvancedPast() {
        let clock = ManualClock()
        let start = clock.now
        let fired = Mutex<[(String, Duration)]>([])
        for (name, delay) in [("c", 30), ("a", 10), ("b", 20), ("a2", 10)] {
            clock.schedule(after: .seconds(delay)) {
                fired.withLock { $0.append((name, start.duration(to: clock.now))) }
            }
        }
        clock.advance(by: .seconds(15))
        #expect(fired.withLock { $0.map(\.0) } == ["a", "a2"])
        clock.advance(by: .seconds(60))
        #expect(fired.withLock { $0.map(\.0) } == ["a", "a2", "b", "c"])
        #expect(fired.withLock { $0.map(\.1) } == [.seconds(10), .seconds(10), .seconds(20), .seconds(30)])
        #expect(start.duration(to: clock.now) == .seconds(75))
    }

    @Test func cancelledTimerNeverFiresAndIsNotPending() {
        let clock = ManualClock()
        let fired = Mutex(false)
        let handle = clock.schedule(after: .seconds(5)) { fired.withLock { $0 = true } }
        #expect(clock.pendingTimerCount == 1)
        handle.cancel()
        #expect(clock.nextDeadline == nil)
        clock.advance(by: .seconds(10))
        #expect(fired.withLock { $0 } == false)
    }

    @Test func advanceToNextDeadlineJumpsToTheEarliestTimer() {
        let clock = ManualClock()
        let start = clock.now
        clock.schedule(after: .seconds(300)) {}
        clock.schedule(after: .seconds(90)) {}
        #expect(clock.advanceToNextDeadline())
        #expect(start.duration(to: clock.now) == .seconds(90))
        #expect(clock.advanceToNextDeadline())
        #expect(start.duration(to: clock.now) == .seconds(300))
        #expect(clock.advanceToNextDeadline() == false)
    }

    @Test func sleepReturnsOnlyOnceTheClockReachesTheDeadline() async throws {
        let clock = ManualClock()
        let woke = Mutex(false)
        let sleeper = Task {
            try await clock.sleep(for: .seconds(60))
            woke.withLock { $0 = true }
        }
        while clock.pendingTimerCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(59))
        #expect(woke.withLock { $0 } == false)
        clock.advance(by: .seconds(1))
        try await sleeper.value
        #expect(woke.withLock { $0 })
    }

    @Test func cancellingASleeperEndsItsSleep() async {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.pendingTimerCount == 0 { await Task.yield() }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.nextDeadline == nil)
    }

    @Test func scaledClockRunsFasterThanWallTime() {
        let clock = ScaledClock(scale: 3600)
        let start = clock.now
        // However slowly this runs, an hour of clock time takes a real second.
        let realStart = ContinuousClock.now
        while ContinuousClock.now - realStart < .milliseconds(2) {}
        #expect(start.duration(to: clock.now) >= .seconds(7))
    }
}
