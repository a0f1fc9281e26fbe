import Foundation
import Synchronization

/// One output stream of a child, split into lines as its chunks arrive, with the tasks
/// waiting for more of them.
final class ArrivingLines: Sendable {
    private let state = Mutex(State())

    private struct State {
        var text = Data()
        var pending = Data()
        var lines: [String] = []
        var closed = false
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    var lines: [String] {
        state.withLock { $0.lines }
    }

    /// Everything that arrived, the last line too when it has no newline.
    var text: String {
        String(decoding: state.withLock { $0.text }, as: UTF8.self)
    }

    /// Returns once `count` lines have arrived, or the stream closed.
    func waitForLines(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.lines.count >= count || state.closed { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// The first line from the `after`th on that `matches`, once it arrives; nil when the
    /// stream closes first.
    func firstLine(after: Int, where matches: (String) -> Bool) async -> String? {
        var seen = after
        while true {
            await waitForLines(seen + 1)
            let lines = self.lines
            guard lines.count > seen else { return nil }
            if let line = lines[seen...].first(where: matches) { return line }
            seen = lines.count
        }
    }

    /// Takes a chunk of the stream; nil when it closed.
    func append(_ chunk: Data?) {
        let due = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if let chunk {
                state.text.append(chunk)
                state.pending.append(chunk)
                while let newline = state.pending.firstIndex(of: UInt8(ascii: "\n")) {
                    state.lines.append(String(decoding: state.pending[state.pending.startIndex..<newline], as: UTF8.self))
                    state.pending.removeSubrange(state.pending.startIndex...newline)
                }
            } else {
                state.closed = true
            }
            let lineCount = state.lines.count
            let closed = state.closed
            let due = state.waiters.filter { closed || lineCount >= $0.count }
            state.waiters.removeAll { closed || lineCount >= $0.count }
            return due.map(\.continuation)
        }
        for continuation in due { continuation.resume() }
    }
}
