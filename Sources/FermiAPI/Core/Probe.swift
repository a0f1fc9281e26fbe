/// A health check of a container (`v1.Probe`): one handler (exec, httpGet, tcpSocket or grpc)
/// and when and how often to run it.
public struct Probe: Codable, Hashable, Sendable {
    /// Runs a command in the container; exit status 0 is success.
    public var exec: ExecAction?
    /// Sends an HTTP GET; a status from 200 to 399 is success.
    public var httpGet: HTTPGetAction?
    /// Opens a TCP connection; connecting is success.
    public var tcpSocket: TCPSocketAction?
    /// Calls the gRPC health checking protocol.
    public var grpc: GRPCAction?
    /// Seconds after the container starts before the first probe.
    public var initialDelaySeconds: Int32?
    /// Seconds after which a probe times out; 1 by default.
    public var timeoutSeconds: Int32?
    /// Seconds between probes; 10 by default.
    public var periodSeconds: Int32?
    /// Successes in a row, after a failure, to count as healthy; 1 by default (and for
    /// liveness and startup probes, always).
    public var successThreshold: Int32?
    /// Failures in a row to count as unhealthy; 3 by default.
    public var failureThreshold: Int32?
    /// Grace period for a kill that this probe causes, over the pod's.
    public var terminationGracePeriodSeconds: Int64?

    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil, initialDelaySeconds: Int32? = nil, timeoutSeconds: Int32? = nil,
        periodSeconds: Int32? = nil, successThreshold: Int32? = nil, failureThreshold: Int32? = nil,
        terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// A command run in a container.
public struct ExecAction: Codable, Hashable, Sendable {
    /// The command and its arguments; not run in a shell.
    public var command: [String]?

    public init(command: [String]? = nil) {
        self.command = command
    }
}

/// An HTTP GET request to a container.
public struct HTTPGetAction: Codable, Hashable, Sendable {
    /// The request path; `/` by default.
    public var path: String?
    /// A port number or the name of a container port.
    public var port: IntOrString?
    /// The host to connect to; the pod's IP by default.
    public var host: String?
    /// HTTP (the default) or HTTPS.
    public var scheme: String?
    /// Extra request headers.
    public var httpHeaders: [HTTPHeader]?

    public init(
        path: String? = nil, port: IntOrString? = nil, host: String? = nil, scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }
}

/// A header of an HTTP request.
public struct HTTPHeader: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?

    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// A TCP connection to a container.
public struct TCPSocketAction: Codable, Hashable, Sendable {
    /// A port number or the name of a container port.
    public var port: IntOrString?
    /// The host to connect to; the pod's IP by default.
    public var host: String?

    public init(port: IntOrString? = nil, host: String? = nil) {
        self.port = port
        self.host = host
    }
}

/// A gRPC health check of a container.
public struct GRPCAction: Codable, Hashable, Sendable {
    /// The port number; 1–65535.
    public var port: Int32?
    /// The service name sent in the health check request; empty by default.
    public var service: String?

    public init(port: Int32? = nil, service: String? = nil) {
        self.port = port
        self.service = service
    }
}

/// Actions a container runs right after it starts and right before it stops.
public struct Lifecycle: Codable, Hashable, Sendable {
    /// Run right after the container is created.
    public var postStart: LifecycleHandler?
    /// Run right before the container is stopped.
    public var preStop: LifecycleHandler?

    public init(postStart: LifecycleHandler? = nil, preStop: LifecycleHandler? = nil) {
        self.postStart = postStart
        self.preStop = preStop
    }
}

/// One lifecycle action: exactly one of exec, httpGet, tcpSocket (deprecated) or sleep.
public struct LifecycleHandler: Codable, Hashable, Sendable {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    /// Deprecated; kept for compatibility.
    public var tcpSocket: TCPSocketAction?
    public var sleep: SleepAction?

    public init(
        exec: ExecAction? = nil, httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil,
        sleep: SleepAction? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.sleep = sleep
    }
}

/// A pause of some seconds.
public struct SleepAction: Codable, Hashable, Sendable {
    public var seconds: Int64?

    public init(seconds: Int64? = nil) {
        self.seconds = seconds
    }
}

/// The schemes an HTTP probe may use.
public enum URIScheme {
    public static let http = "HTTP"
    public static let https = "HTTPS"
    public static let all = [http, https]
}

extension Probe {
    /// Upstream's probe defaults: timeout 1 s, period 10 s, success threshold 1, failure
    /// threshold 3, and an HTTP check's path `/` and scheme HTTP.
    public mutating func setDefaults() {
        if timeoutSeconds == nil || timeoutSeconds == 0 { timeoutSeconds = 1 }
        if periodSeconds == nil || periodSeconds == 0 { periodSeconds = 10 }
        if successThreshold == nil || successThreshold == 0 { successThreshold = 1 }
        if failureThreshold == nil || failureThreshold == 0 { failureThreshold = 3 }
        httpGet?.setDefaults()
        if grpc != nil, grpc?.service == nil { grpc?.service = "" }
    }
}

extension HTTPGetAction {
    /// Upstream's defaults: path `/`, scheme HTTP.
    public mutating func setDefaults() {
        if (path ?? "").isEmpty { path = "/" }
        if (scheme ?? "").isEmpty { scheme = URIScheme.http }
    }
}

extension Lifecycle {
    /// The HTTP defaults of each handler.
    public mutating func setDefaults() {
        postStart?.httpGet?.setDefaults()
        preStop?.httpGet?.setDefaults()
    }
}
