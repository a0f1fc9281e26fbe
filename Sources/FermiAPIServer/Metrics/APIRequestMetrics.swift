import CoreMetrics
import Metrics
import Synchronization

/// The API server's request metrics, named and labelled as kube-apiserver's:
/// `apiserver_request_total` by verb, group, resource, subresource and code,
/// `apiserver_request_duration_seconds` by verb, group, resource and subresource, and
/// `apiserver_longrunning_requests` for the watches open now.
final class APIRequestMetrics: Sendable {
    let factory: any MetricsFactory
    /// The counter and timer of each set of labels met so far: the registry looks a metric up
    /// by name and labels under a lock, which costs a request more than counting it.
    private let made = Mutex<[MetricKey: (count: Counter, time: CoreMetrics.Timer?)]>([:])

    private struct MetricKey: Hashable {
        var verb: String
        var group: String
        var resource: String
        var subresource: String
        var code: Int
    }

    init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// One answered request: what it asked (nil attributes: a path outside the resource API),
    /// the code it got and how long answering took. A watch counts when its stream starts.
    func record(_ request: RequestAttributes, code: Int, took: Duration) {
        let verb = Self.verb(request)
        let resource = request.resource
        let key = MetricKey(
            verb: verb, group: resource?.group ?? "", resource: resource?.resource ?? "", subresource: resource?.subresource ?? "",
            code: code)
        let metrics = made.withLock { made in
            if let found = made[key] { return found }
            let labels = [("verb", key.verb), ("group", key.group), ("resource", key.resource), ("subresource", key.subresource)]
            // A watch lasts as long as its client wants: upstream leaves it out of the latency too.
            let metrics = (
                count: Counter(label: "apiserver_request_total", dimensions: labels + [("code", String(code))], factory: factory),
                time: key.verb == "WATCH"
                    ? nil : CoreMetrics.Timer(label: "apiserver_request_duration_seconds", dimensions: labels, factory: factory)
            )
            made[key] = metrics
            return metrics
        }
        metrics.count.increment()
        metrics.time?.record(duration: took)
    }

    /// The gauge of watches open now on `resource`: up when one starts, down when it ends.
    func openWatches(_ request: RequestAttributes) -> Meter {
        Meter(
            label: "apiserver_longrunning_requests",
            dimensions: [("verb", "WATCH"), ("group", request.resource?.group ?? ""), ("resource", request.resource?.resource ?? "")],
            factory: factory)
    }

    /// The verb as kube-apiserver's metrics spell it: upper case, with LIST and WATCH told
    /// apart from GET, and APPLY for a server-side apply.
    static func verb(_ request: RequestAttributes) -> String {
        switch request.verb {
        case "get": "GET"
        case "list": "LIST"
        case "watch": "WATCH"
        case "create": "POST"
        case "update": "PUT"
        case "patch": "PATCH"
        case "delete": "DELETE"
        case "deletecollection": "DELETECOLLECTION"
        default: request.verb.uppercased()
        }
    }
}
