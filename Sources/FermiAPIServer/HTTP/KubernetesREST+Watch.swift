import FermiAPI
import Foundation

extension KubernetesREST {
    /// `?watch=true`: changes after `resourceVersion`, one JSON line each, as kubectl reads
    /// them: `{"type":"ADDED","object":{...}}`, filtered by name and by label and field
    /// selectors. Without a resourceVersion, or with `0`, the objects there are now come first
    /// as ADDED, as kube-apiserver sends them (`kubectl get NAME -w` watches from `0` and
    /// skips that first event, having printed the object already); with
    /// `sendInitialEvents=true` they come first too, ended by a BOOKMARK marked
    /// `k8s.io/initial-events-end`; with
    /// `allowWatchBookmarks=true`, a BOOKMARK carries the latest resourceVersion every
    /// `bookmarkInterval` while nothing else is sent. With `timeoutSeconds`, the stream ends
    /// cleanly after that long, as kube-apiserver ends it, and the client watches again from
    /// the last resourceVersion it saw. A compacted version ends the stream with an ERROR
    /// event carrying a 410 Status.
    func watch(_ target: Target, namespace: String?, query: [String: String], asTable: Bool) async throws -> Response {
        let resource = target.type.resource
        var timeout: Duration?
        if let text = query["timeoutSeconds"] {
            guard let seconds = Int(text), seconds >= 0 else {
                throw APIError.badRequest("timeoutSeconds must be a whole number of seconds, not \(text)")
            }
            timeout = seconds > 0 ? .seconds(seconds) : nil
        }
        let labels = try LabelSelectorQuery(parsing: query["labelSelector"] ?? "")
        let fields = try FieldSelectorQuery(parsing: query["fieldSelector"] ?? "", allowing: FieldSelectorQuery.supportedFields(of: resource))
        let bookmarks = query["allowWatchBookmarks"] == "true"
        var initial: [JSONValue] = []
        let start: String
        let initialEventsEnd = query["sendInitialEvents"] == "true"
        if let version = query["resourceVersion"], !version.isEmpty, version != "0", !initialEventsEnd {
            start = version
        } else {
            (initial, start) = try await server.objects(of: resource, namespace: namespace, labels: labels, fields: fields)
        }
        let events = try await server.objectEvents(of: resource, namespace: namespace, after: start)
        let now = server.currentTime()
        let type = target.type
        let name = target.name
        let interval = bookmarkInterval
        let encode: @Sendable (String, JSONValue) -> Data = { kind, object in
            let shown = asTable && kind != "BOOKMARK"
                ? ServerTable(type: type, now: now).table(of: [object], revision: object["metadata"]?["resourceVersion"]?.stringValue ?? "")
                : object
            return Data(JSONValue.compactJSONBytes(.object(["type": .string(kind), "object": shown])) + [UInt8(ascii: "\n")])
        }
        let bookmark: @Sendable (String, Bool) -> Data = { revision, initialEnd in
            var metadata: [String: JSONValue] = ["resourceVersion": .string(revision)]
            if initialEnd { metadata["annotations"] = .object(["k8s.io/initial-events-end": .string("true")]) }
            return encode("BOOKMARK", .object(["kind": .string(resource.kind), "apiVersion": .string(resource.apiVersion), "metadata": .object(metadata)]))
        }
        // The deadline is fixed now, as the request arrives, not when a task first runs.
        let ending = timeout.map(wait)
        let wait = wait
        let stream = AsyncThrowingStream<Data, any Error> { continuation in
            for object in initial where name == nil || object["metadata"]?["name"]?.stringValue == name {
                continuation.yield(encode("ADDED", object))
            }
            if initialEventsEnd { continuation.yield(bookmark(start, true)) }
            let latest = LatestRevision(start)
            let watching = Task {
                do {
                    for try await event in events {
                        let revision = event.object["metadata"]?["resourceVersion"]?.stringValue ?? ""
                        await latest.set(revision)
                        if let name, event.object["metadata"]?["name"]?.stringValue != name { continue }
                        let objectLabels = event.object["metadata"]?["labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
                        guard labels.matches(objectLabels), fields.matches(event.object) else { continue }
                        continuation.yield(encode(event.kind, event.object))
                    }
                    continuation.finish()
                } catch {
                    let (_, status) = KubernetesStatus.of(error)
                    continuation.yield(encode("ERROR", status))
                    continuation.finish()
                }
            }
            let marking = Task {
                guard bookmarks else { return }
                while !Task.isCancelled {
                    try await wait(interval)()
                    continuation.yield(bookmark(await latest.value, false))
                }
            }
            let timing = Task {
                guard let ending else { return }
                try await ending()
                continuation.finish()
            }
            continuation.onTermination = { _ in
                watching.cancel()
                marking.cancel()
                timing.cancel()
            }
        }
        return Response(code: 200, contentType: "application/json", body: Data(), stream: stream)
    }
}

/// The newest resourceVersion a watch has seen, for its bookmarks.
actor LatestRevision {
    private(set) var value: String

    init(_ value: String) { self.value = value }

    func set(_ revision: String) {
        if let new = Int64(revision), new > Int64(value) ?? 0 { value = revision }
    }
}
