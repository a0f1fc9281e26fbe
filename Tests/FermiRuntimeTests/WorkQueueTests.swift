import FermiRuntime
import FermiRuntimeTestSupport
import Testing

/// The work queue's contract, as client-go's: dedup, one worker per key, backoff on the clock.
@Suite("Work queue")
struct WorkQueueTests {
    let clock = ManualClock()

    @Test func aKeyAddedTwiceBeforeProcessingIsProcessedOnce() async {
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a")
        queue.add("b")
        queue.add("a")
        #expect(queue.readyCount == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(queue.readyCount == 0)
        queue.done("a")
        queue.done("b")
        #expect(queue.isIdle)
    }

    @Test func aKeyIsNeverHandedToTwoWorkersAtOnce() async {
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a")
        #expect(await queue.next() == "a")
        // Added again while a worker holds it: it waits until that worker is done.
        queue.add("a")
        queue.add("b")
        #expect(await queue.next() == "b")
        #expect(queue.readyCount == 0)
        queue.done("a")
        #expect(queue.readyCount == 1)
        #expect(await queue.next() == "a")
    }

    @Test func aWaitingWorkerGetsTheNextKeyAdded() async {
        let queue = WorkQueue<String>(clock: clock)
        let worker = Task { await queue.next() }
        // Give the worker time to wait; the key goes to it whether it waits yet or not.
        await Task.yield()
        queue.add("x")
        #expect(await worker.value == "x")
    }

    @Test func failuresBackOffExponentiallyFromFiveMillisecondsOnTheClock() async {
        let queue = WorkQueue<String>(clock: clock)
        for expected in [5, 10, 20, 40] {
            queue.addRateLimited("a")
            #expect(queue.readyCount == 0)
            clock.advance(by: .milliseconds(expected - 1))
            #expect(queue.readyCount == 0, "still backing off after \(expected - 1) ms")
            clock.advance(by: .milliseconds(1))
            #expect(queue.readyCount == 1, "back after \(expected) ms")
            #expect(await queue.next() == "a")
            queue.done("a")
        }
        #expect(queue.failureCount(of: "a") == 4)
        queue.forget("a")
        queue.addRateLimited("a")
        clock.advance(by: .milliseconds(5))
        #expect(queue.readyCount == 1)
    }

    @Test func backoffStopsDoublingAtAThousandSeconds() {
        var backoff = ExponentialBackoff<String>()
        let delays = (0..<30).map { _ in backoff.nextDelay(for: "a") }
        #expect(delays[0] == .milliseconds(5))
        #expect(delays[17] == .milliseconds(655_360))
        #expect(delays[18] == .seconds(1000))
        #expect(delays[29] == .seconds(1000))
        #expect(backoff.nextDelay(for: "b") == .milliseconds(5))
    }

    @Test func aDelayedKeyKeepsItsEarliestDeadline() {
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a", after: .seconds(10))
        queue.add("a", after: .seconds(30))
        queue.add("a", after: .seconds(5))
        #expect(queue.delayedCount == 1)
        clock.advance(by: .seconds(5))
        #expect(queue.readyCount == 1)
        #expect(queue.delayedCount == 0)
        clock.advance(by: .seconds(60))
        #expect(queue.readyCount == 1)
    }

    @Test func shutDownReleasesWaitingWorkersAndIgnoresAdds() async {
        let queue = WorkQueue<String>(clock: clock)
        let worker = Task { await queue.next() }
        await Task.yield()
        queue.shutDown()
        #expect(await worker.value == nil)
        queue.add("a")
        #expect(await queue.next() == nil)
    }
}
