import FermiAPI
import Foundation
import Testing

@testable import FermiSim

@Suite("Pulls being recorded")
struct PullsBeingRecordedTests {
    private let noon = Timestamp(Date(timeIntervalSince1970: 1_767_268_800))
    private var earlier: Timestamp { Timestamp(noon.date.addingTimeInterval(-60)) }

    @Test func aPullAnotherWorkerIsWritingFromAsEarlyIsLeftToIt() {
        let pulls = PullsBeingRecorded()
        #expect(pulls.claim(["train:1", "serve:2"], on: "node-a", at: noon) == ["train:1", "serve:2"])
        // The same pull, or a later one, on that node is the first worker's to write.
        #expect(pulls.claim(["train:1"], on: "node-a", at: noon).isEmpty)
        #expect(pulls.claim(["train:1", "eval:3"], on: "node-a", at: Timestamp(noon.date.addingTimeInterval(5))) == ["eval:3"])
        // Another node's pull is its own.
        #expect(pulls.claim(["train:1"], on: "node-b", at: noon) == ["train:1"])
    }

    @Test func anEarlierPullIsWrittenEvenWhileALaterOneIs() {
        let pulls = PullsBeingRecorded()
        #expect(pulls.claim(["train:1"], on: "node-a", at: noon) == ["train:1"])
        #expect(pulls.claim(["train:1"], on: "node-a", at: earlier) == ["train:1"])
        // The later writer's release leaves the earlier one's claim standing.
        pulls.release(["train:1"], on: "node-a", at: noon)
        #expect(pulls.claim(["train:1"], on: "node-a", at: noon).isEmpty)
        pulls.release(["train:1"], on: "node-a", at: earlier)
        #expect(pulls.claim(["train:1"], on: "node-a", at: noon) == ["train:1"])
    }
}
