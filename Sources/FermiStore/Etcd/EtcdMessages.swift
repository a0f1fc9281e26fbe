import Foundation

// The JSON shapes of etcd v3's gRPC gateway (etcd 3.4): int64 fields travel as strings, bytes
// as base64, and fields at their default value are left out.

/// An int64 as the gateway writes it: a JSON string, or a number.
struct EtcdInt64: Codable, Sendable, Hashable {
    var value: Int64

    init(_ value: Int64) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = number
        } else {
            let text = try container.decode(String.self)
            guard let number = Int64(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an int64: \(text)")
            }
            value = number
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(String(value))
    }
}

struct EtcdHeader: Decodable, Sendable {
    var revision: EtcdInt64?
}

struct EtcdKeyValue: Decodable, Sendable {
    var key: Data
    var createRevision: EtcdInt64?
    var modRevision: EtcdInt64?
    var version: EtcdInt64?
    var value: Data?

    enum CodingKeys: String, CodingKey {
        case key, value, version
        case createRevision = "create_revision"
        case modRevision = "mod_revision"
    }

    var keyValue: KeyValue {
        KeyValue(
            key: String(decoding: key, as: UTF8.self), value: value ?? Data(),
            createRevision: createRevision?.value ?? 0, modRevision: modRevision?.value ?? 0,
            version: version?.value ?? 0)
    }
}

struct EtcdRangeRequest: Encodable, Sendable {
    var key: Data
    var rangeEnd: Data?
    var limit: EtcdInt64?
    var revision: EtcdInt64?
    var countOnly: Bool?

    enum CodingKeys: String, CodingKey {
        case key, limit, revision
        case rangeEnd = "range_end"
        case countOnly = "count_only"
    }
}

struct EtcdRangeResponse: Decodable, Sendable {
    var header: EtcdHeader?
    var kvs: [EtcdKeyValue]?
    var more: Bool?
}

struct EtcdCompare: Encodable, Sendable {
    enum Target: String, Encodable { case create = "CREATE", mod = "MOD" }
    enum Result: String, Encodable { case equal = "EQUAL", greater = "GREATER" }

    var target: Target
    var result: Result
    var key: Data
    var createRevision: EtcdInt64?
    var modRevision: EtcdInt64?

    enum CodingKeys: String, CodingKey {
        case target, result, key
        case createRevision = "create_revision"
        case modRevision = "mod_revision"
    }
}

struct EtcdRequestOp: Encodable, Sendable {
    struct Put: Encodable, Sendable {
        var key: Data
        var value: Data
        var prevKv = true
        enum CodingKeys: String, CodingKey {
            case key, value
            case prevKv = "prev_kv"
        }
    }
    struct Delete: Encodable, Sendable {
        var key: Data
        var prevKv = true
        enum CodingKeys: String, CodingKey {
            case key
            case prevKv = "prev_kv"
        }
    }
    struct Range: Encodable, Sendable {
        var key: Data
    }

    var put: Put?
    var delete: Delete?
    var range: Range?

    enum CodingKeys: String, CodingKey {
        case put = "request_put"
        case delete = "request_delete_range"
        case range = "request_range"
    }
}

struct EtcdTxnRequest: Encodable, Sendable {
    var compare: [EtcdCompare]
    var success: [EtcdRequestOp]
    var failure: [EtcdRequestOp]
}

struct EtcdTxnResponse: Decodable, Sendable {
    struct ResponseOp: Decodable, Sendable {
        struct Put: Decodable, Sendable {
            var prevKv: EtcdKeyValue?
            enum CodingKeys: String, CodingKey { case prevKv = "prev_kv" }
        }
        struct Delete: Decodable, Sendable {
            var prevKvs: [EtcdKeyValue]?
            enum CodingKeys: String, CodingKey { case prevKvs = "prev_kvs" }
        }
        var put: Put?
        var delete: Delete?
        var range: EtcdRangeResponse?

        enum CodingKeys: String, CodingKey {
            case put = "response_put"
            case delete = "response_delete_range"
            case range = "response_range"
        }
    }

    var header: EtcdHeader?
    var succeeded: Bool?
    var responses: [ResponseOp]?
}

struct EtcdCompactionRequest: Encodable, Sendable {
    var revision: EtcdInt64
    var physical: Bool
}

struct EtcdWatchCreateRequest: Encodable, Sendable {
    struct Create: Encodable, Sendable {
        var key: Data
        var rangeEnd: Data?
        var startRevision: EtcdInt64
        var prevKv = true
        enum CodingKeys: String, CodingKey {
            case key
            case rangeEnd = "range_end"
            case startRevision = "start_revision"
            case prevKv = "prev_kv"
        }
    }
    var createRequest: Create
    enum CodingKeys: String, CodingKey { case createRequest = "create_request" }
}

/// One line of the gateway's watch stream: a result, or an error.
struct EtcdWatchMessage: Decodable, Sendable {
    struct Result: Decodable, Sendable {
        struct Event: Decodable, Sendable {
            var type: String?
            var kv: EtcdKeyValue
            var prevKv: EtcdKeyValue?
            enum CodingKeys: String, CodingKey {
                case type, kv
                case prevKv = "prev_kv"
            }
        }
        var header: EtcdHeader?
        var created: Bool?
        var canceled: Bool?
        var compactRevision: EtcdInt64?
        var cancelReason: String?
        var events: [Event]?

        enum CodingKeys: String, CodingKey {
            case header, created, canceled, events
            case compactRevision = "compact_revision"
            case cancelReason = "cancel_reason"
        }
    }
    var result: Result?
    var error: EtcdErrorBody?
}

/// The gateway's error body, e.g. `{"error": "...", "code": 11, "message": "..."}`.
struct EtcdErrorBody: Decodable, Sendable {
    var message: String?
    var code: Int?
}
