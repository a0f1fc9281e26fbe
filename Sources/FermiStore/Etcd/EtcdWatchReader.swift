import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Reads the gateway's watch stream, one JSON message per line, and hands out its events one
/// at a time. It pulls from the HTTP body only when its events are used up, so a slow watcher
/// slows the connection instead of filling memory.
actor EtcdWatchReader {
    private let lines: HTTPBodyLines
    private var events: [WatchEvent] = []
    private var nextIndex = 0
    private let after: Int64

    init(body: HTTPClientResponse.Body, after revision: Int64) {
        self.lines = HTTPBodyLines(body)
        self.after = revision
    }

    /// The next event, or nil when the watching task is cancelled.
    func next() async throws -> WatchEvent? {
        while nextIndex == events.count {
            if Task.isCancelled { return nil }
            guard let line = try await nextLine() else {
                if Task.isCancelled { return nil }
                throw StoreError.unavailable(reason: "etcd closed the watch stream")
            }
            events = try decode(line)
            nextIndex = 0
        }
        defer { nextIndex += 1 }
        return events[nextIndex]
    }

    private func nextLine() async throws -> ByteBuffer? {
        do {
            return try await lines.next()
        } catch {
            throw StoreError.unavailable(reason: "etcd watch stream failed: \(error)")
        }
    }

    private func decode(_ line: ByteBuffer) throws -> [WatchEvent] {
        let message: EtcdWatchMessage
        do {
            message = try JSONDecoder().decode(EtcdWatchMessage.self, from: line)
        } catch {
            throw StoreError.unavailable(reason: "etcd sent an unreadable watch message: \(error)")
        }
        if let error = message.error {
            throw EtcdStore.error(message: error.message ?? "", fallback: "etcd watch: \(error.message ?? "failed")")
        }
        guard let result = message.result else { return [] }
        if let compacted = result.compactRevision?.value, compacted > 0 {
            throw StoreError.gone(revision: after)
        }
        if result.canceled == true {
            throw StoreError.unavailable(reason: "etcd canceled the watch: \(result.cancelReason ?? "no reason given")")
        }
        var events = (result.events ?? []).map { event in
            let current = event.kv.keyValue
            let previous = event.prevKv?.keyValue
            if event.type == "DELETE" {
                return WatchEvent(
                    kind: .deleted, key: current.key, revision: current.modRevision, current: nil,
                    previous: previous)
            }
            return WatchEvent(
                kind: current.createRevision == current.modRevision ? .created : .updated,
                key: current.key, revision: current.modRevision, current: current,
                previous: current.createRevision == current.modRevision ? nil : previous)
        }
        // etcd sends a revision's events in one response (the watch asks for no fragments).
        for index in events.indices.dropLast() where events[index + 1].revision == events[index].revision {
            events[index].endsRevision = false
        }
        return events
    }
}
