import CoreMetrics
import Metrics

/// The API server's request metrics, named and labelled as kube-apiserver's:
/// `apiserver_request_total` by verb, group, resource, subresource and code,
/// `apiserver_request_duration_seconds` by verb, group, resource and subresource, and
/// `apiserver_longrunning_requests` for the watches open now.
struct APIRequestMetrics: Sendable {
    let factory: any MetricsFactory

    /// One answered request: what it asked (nil attributes: a path outside the resource API),
    /// the code it got and how long answering took. A watch counts when its stream starts.
    func record(_ request: RequestAttributes, code: Int, took: Duration) {
        let verb = Self.verb(request)
        let resource = request.resource
        let labels = [
            ("verb", verb), ("group", resource?.group ?? ""), ("resource", resource?.resource ?? ""),
            ("subresource", resource?.subresource ?? ""),
        ]
        Counter(label: "apiserver_request_total", dimensions: labels + [("code", String(code))], factory: factory).increment()
        // A watch lasts as long as its client wants: upstream leaves it out of the latency too.
        if verb != "WATCH" {
            CoreMetrics.Timer(label: "apiserver_request_duration_seconds", dimensions: labels, factory: factory).record(duration: took)
        }
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
