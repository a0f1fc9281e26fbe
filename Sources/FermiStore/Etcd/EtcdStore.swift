import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The scale-out store: etcd v3 through its JSON gateway, so that Fermi rests on a real
/// distributed engine. Compare-and-swap is an etcd transaction on the key's revisions, a batch
/// is one transaction (one revision), and a watch is the gateway's streaming watch.
///
/// The etcd server must allow transactions as large as the largest batch (`--max-txn-ops`).
public final class EtcdStore: Store {
    /// The client URL of the etcd server, e.g. `http://127.0.0.1:2379`.
    public let endpoint: String
    private let requestTimeout: TimeAmount

    /// One client for the process: watches each hold a connection for as long as they run, so
    /// the pool is sized for many, and it lives as long as the process.
    private static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(
            connectionPool: .init(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 1024)))

    public init(endpoint: String, requestTimeout: Duration = .seconds(30)) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.requestTimeout = .nanoseconds(
            requestTimeout.components.seconds * 1_000_000_000
                + requestTimeout.components.attoseconds / 1_000_000_000)
    }

    public func currentRevision() async throws -> Int64 {
        let response: EtcdRangeResponse = try await call(
            "/v3/kv/range",
            EtcdRangeRequest(key: Data([0]), limit: EtcdInt64(1), countOnly: true))
        return response.header?.revision?.value ?? 0
    }

    public func get(_ key: String) async throws -> KeyValue {
        let response: EtcdRangeResponse = try await call(
            "/v3/kv/range", EtcdRangeRequest(key: Data(key.utf8)))
        guard let found = response.kvs?.first else { throw StoreError.notFound(key: key) }
        return found.keyValue
    }

    public func list(_ request: ListRequest) async throws -> ListPage {
        let start = try request.resolvedStart()
        let range = KeyRange(prefix: request.prefix)
        // etcd reads "after a key" as "from the key followed by a zero byte".
        let from = start.after.map { Data($0.utf8) + [0] } ?? range.etcdKey
        let response: EtcdRangeResponse = try await reading(at: start.revision) {
            try await call(
                "/v3/kv/range",
                EtcdRangeRequest(
                    key: from, rangeEnd: range.etcdRangeEnd,
                    limit: request.limit.map { EtcdInt64(Int64($0)) },
                    revision: start.revision.map { EtcdInt64($0) }))
        }
        let revision = start.revision ?? response.header?.revision?.value ?? 0
        let items = (response.kvs ?? []).map(\.keyValue)
        return ListPage(
            items: items, revision: revision,
            continueToken: request.nextToken(
                revision: revision, lastKey: items.last?.key, hasMore: response.more ?? false))
    }

    public func commit(_ writes: [StoreWrite]) async throws -> CommitResult {
        try WriteRules.checkBatch(writes)
        if writes.isEmpty { return CommitResult(revision: try await currentRevision(), results: []) }
        let response: EtcdTxnResponse = try await call("/v3/kv/txn", Self.transaction(for: writes))
        guard response.succeeded == true else {
            throw Self.failure(of: writes, current: response.responses ?? [])
        }
        let revision = response.header?.revision?.value ?? 0
        let outcomes = response.responses ?? []
        guard outcomes.count == writes.count else {
            throw StoreError.unavailable(reason: "etcd answered a transaction of \(writes.count) writes with \(outcomes.count) results")
        }
        let results = zip(writes, outcomes).map { write, outcome -> KeyValue in
            switch write {
            case .create(let key, let value), .update(let key, let value, _):
                let previous = outcome.put?.prevKv?.keyValue
                return KeyValue(
                    key: key, value: value, createRevision: previous?.createRevision ?? revision,
                    modRevision: revision, version: (previous?.version ?? 0) + 1)
            case .delete(let key, _):
                return outcome.delete?.prevKvs?.first?.keyValue
                    ?? KeyValue(key: key, value: Data(), createRevision: 0, modRevision: 0, version: 0)
            }
        }
        return CommitResult(revision: revision, results: results)
    }

    public func watch(prefix: String, after revision: Int64) async throws -> WatchStream {
        // The gateway would report a compacted start revision only inside the stream; read at
        // the revision first so that the caller gets `gone` from this call, as from the others.
        let range = KeyRange(prefix: prefix)
        do {
            let _: EtcdRangeResponse = try await reading(at: revision) {
                try await call(
                    "/v3/kv/range",
                    EtcdRangeRequest(
                        key: range.etcdKey, rangeEnd: range.etcdRangeEnd,
                        limit: EtcdInt64(1), revision: EtcdInt64(revision), countOnly: true))
            }
        } catch StoreError.futureRevision {
            // Watching from a future revision is allowed: its changes arrive when they happen.
        }
        var request = HTTPClientRequest(url: endpoint + "/v3/watch")
        request.method = .POST
        request.body = .bytes(
            ByteBuffer(
                data: try JSONEncoder().encode(
                    EtcdWatchCreateRequest(
                        createRequest: .init(
                            key: range.etcdKey, rangeEnd: range.etcdRangeEnd,
                            startRevision: EtcdInt64(revision + 1))))))
        let response: HTTPClientResponse
        do {
            response = try await Self.client.execute(request, timeout: .hours(24 * 365))
        } catch {
            throw StoreError.unavailable(reason: "etcd \(endpoint): \(error)")
        }
        guard response.status == .ok else {
            let body = try? await response.body.collect(upTo: 1 << 20)
            throw Self.error(status: response.status.code, body: body)
        }
        let reader = EtcdWatchReader(body: response.body, after: revision)
        return WatchStream(unfolding: { try await reader.next() })
    }

    public func compact(to revision: Int64) async throws {
        let current = try await currentRevision()
        if revision > current {
            throw StoreError.futureRevision(revision: revision, currentRevision: current)
        }
        let _: EtcdRangeResponse = try await reading(at: revision) {
            try await call(
                "/v3/kv/compaction",
                EtcdCompactionRequest(revision: EtcdInt64(revision), physical: true))
        }
    }

    // MARK: - Transactions

    /// One etcd transaction: compare every key's revisions, then write them all; on failure,
    /// read every key so that the failed condition can be named.
    private static func transaction(for writes: [StoreWrite]) -> EtcdTxnRequest {
        var compares: [EtcdCompare] = []
        var operations: [EtcdRequestOp] = []
        for write in writes {
            let key = Data(write.key.utf8)
            switch write {
            case .create(_, let value):
                compares.append(.init(target: .create, result: .equal, key: key, createRevision: EtcdInt64(0)))
                operations.append(.init(put: .init(key: key, value: value)))
            case .update(_, let value, let expected):
                compares.append(condition(key: key, expectedRevision: expected))
                operations.append(.init(put: .init(key: key, value: value)))
            case .delete(_, let expected):
                compares.append(condition(key: key, expectedRevision: expected))
                operations.append(.init(delete: .init(key: key)))
            }
        }
        let reads = writes.map { EtcdRequestOp(range: .init(key: Data($0.key.utf8))) }
        return EtcdTxnRequest(compare: compares, success: operations, failure: reads)
    }

    /// The key exists and, when a revision is expected, was last written at it.
    private static func condition(key: Data, expectedRevision: Int64?) -> EtcdCompare {
        if let expectedRevision {
            // No key has mod_revision 0, so a missing key fails this compare too.
            return EtcdCompare(target: .mod, result: .equal, key: key, modRevision: EtcdInt64(expectedRevision))
        }
        return EtcdCompare(target: .create, result: .greater, key: key, createRevision: EtcdInt64(0))
    }

    /// The error of a failed transaction, decided by the same rules as the other backends from
    /// the keys' values read in the failure branch.
    private static func failure(of writes: [StoreWrite], current: [EtcdTxnResponse.ResponseOp])
        -> any Error
    {
        for (write, read) in zip(writes, current) {
            let value = read.range?.kvs?.first?.keyValue
            do {
                _ = try WriteRules.apply(write, to: value, at: 0)
            } catch {
                return error
            }
        }
        return StoreError.unavailable(reason: "etcd rejected a transaction whose conditions hold")
    }

    // MARK: - HTTP

    /// Runs a call that reads at `revision`, naming that revision in the errors that concern
    /// it (the gateway's messages don't).
    private func reading<T>(at revision: Int64?, _ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch StoreError.gone {
            throw StoreError.gone(revision: revision ?? 0)
        } catch StoreError.futureRevision {
            throw StoreError.futureRevision(
                revision: revision ?? 0, currentRevision: try await currentRevision())
        }
    }

    private func call<Request: Encodable, Response: Decodable>(_ path: String, _ body: Request)
        async throws -> Response
    {
        var request = HTTPClientRequest(url: endpoint + path)
        request.method = .POST
        let bytes: ByteBuffer
        let response: HTTPClientResponse
        do {
            request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(body)))
            response = try await Self.client.execute(request, timeout: requestTimeout)
            bytes = try await response.body.collect(upTo: 1 << 30)
        } catch {
            throw StoreError.unavailable(reason: "etcd \(endpoint)\(path): \(error)")
        }
        guard response.status == .ok else {
            throw Self.error(status: response.status.code, body: bytes)
        }
        do {
            return try JSONDecoder().decode(Response.self, from: bytes)
        } catch {
            throw StoreError.unavailable(reason: "etcd \(endpoint)\(path) answered unreadably: \(error)")
        }
    }

    /// Maps the gateway's error bodies onto the store's errors.
    static func error(status: UInt, body: ByteBuffer?) -> StoreError {
        let decoded = body.flatMap { try? JSONDecoder().decode(EtcdErrorBody.self, from: $0) }
        let message = decoded?.message ?? body.map { String(buffer: $0) } ?? ""
        return error(message: message, fallback: "HTTP \(status): \(message)")
    }

    static func error(message: String, fallback: String) -> StoreError {
        if message.contains("required revision has been compacted") {
            return .gone(revision: 0)
        }
        if message.contains("required revision is a future revision") {
            return .futureRevision(revision: 0, currentRevision: 0)
        }
        return .unavailable(reason: fallback)
    }
}
