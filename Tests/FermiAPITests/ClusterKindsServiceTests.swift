import FermiAPI
import Foundation
import Testing

/// Service and Event: decoding, upstream's rules and defaults.
@Suite("Cluster kinds: Service, Event")
struct ClusterKindsServiceTests {
    /// A service with `ports` and defaults applied, as the API server validates it.
    static func defaulted(_ spec: ServiceSpec, name: String = "web") -> Service {
        var service = Service(metadata: ObjectMeta(name: name), spec: spec)
        service.setDefaults()
        return service
    }

    // MARK: Service

    @Test func serviceDecodesAndDefaultsAsUpstream() throws {
        var service = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: llama-serving
              namespace: inference
            spec:
              selector: {app: llama}
              ports:
              - name: http
                port: 80
                targetPort: http-api
                appProtocol: http
              - name: metrics
                port: 9090
            """, as: Service.self)
        #expect(service.spec.ports?.first?.targetPort == .string("http-api"))
        service.setDefaults()
        #expect(service.spec.type == "ClusterIP")
        #expect(service.spec.sessionAffinity == "None")
        #expect(service.spec.internalTrafficPolicy == "Cluster")
        #expect(service.spec.externalTrafficPolicy == nil)
        #expect(service.spec.ports?.map(\.protocol) == ["TCP", "TCP"])
        #expect(service.spec.ports?[1].targetPort == .int(9090))
        #expect(service.validate().isEmpty)
        #expect(try ClusterKindsFixture.roundTrip(service) == service)
    }

    @Test func loadBalancerDefaultsAndStatusRoundTrip() throws {
        var service = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: gateway}
            spec:
              type: LoadBalancer
              sessionAffinity: ClientIP
              loadBalancerSourceRanges: [10.0.0.0/8]
              loadBalancerClass: example.com/lb
              ipFamilyPolicy: PreferDualStack
              ipFamilies: [IPv4, IPv6]
              ports: [{port: 443, targetPort: 8443, nodePort: 30443}]
            status:
              loadBalancer:
                ingress: [{ip: 203.0.113.10, ports: [{port: 443, protocol: TCP}]}]
              conditions:
              - {type: LoadBalancerReady, status: "True", reason: Provisioned, message: ok, lastTransitionTime: "2024-05-01T10:00:00Z"}
            """, as: Service.self)
        service.setDefaults()
        #expect(service.spec.externalTrafficPolicy == "Cluster")
        #expect(service.spec.allocateLoadBalancerNodePorts == true)
        #expect(service.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == 10800)
        #expect(service.status?.loadBalancer?.ingress?.first?.ipMode == "VIP")
        #expect(service.validate().isEmpty)
        #expect(try ClusterKindsFixture.roundTrip(service) == service)
    }

    @Test func serviceNameIsADNS1035Label() {
        let service = Self.defaulted(ServiceSpec(ports: [ServicePort(port: 80)]), name: "1web")
        #expect(
            ClusterKindsFixture.messages(service) == [
                "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
            ])
    }

    @Test func portsAreRequiredUnlessHeadlessOrExternalName() {
        #expect(ClusterKindsFixture.messages(Self.defaulted(ServiceSpec())) == ["spec.ports: Required value"])
        #expect(Self.defaulted(ServiceSpec(clusterIP: "None")).validate().isEmpty)
        #expect(
            Self.defaulted(ServiceSpec(type: "ExternalName", externalName: "db.example.com.")).validate()
                .isEmpty)
    }

    @Test func portNumbersAreBetween1And65535() {
        let service = Self.defaulted(ServiceSpec(ports: [ServicePort(port: 70000, targetPort: .int(0))]))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            ])
    }

    @Test func portNamesAreRequiredWithSeveralPortsAndUnique() {
        let service = Self.defaulted(
            ServiceSpec(ports: [
                ServicePort(name: "http", port: 80), ServicePort(port: 81), ServicePort(name: "http", port: 82),
            ]))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.ports[1].name: Required value",
                "spec.ports[2].name: Duplicate value: \"http\"",
            ])
    }

    @Test func portProtocolIsKnown() {
        let service = Self.defaulted(ServiceSpec(ports: [ServicePort(protocol: "HTTP", port: 80)]))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""
            ])
    }

    @Test func targetPortNameIsAnIANAServiceName() {
        let service = Self.defaulted(
            ServiceSpec(ports: [ServicePort(port: 80, targetPort: .string("Http--api-server"))]))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.ports[0].targetPort: Invalid value: \"Http--api-server\": must be no more than 15 characters",
                "spec.ports[0].targetPort: Invalid value: \"Http--api-server\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "spec.ports[0].targetPort: Invalid value: \"Http--api-server\": must not contain consecutive hyphens",
            ])
    }

    @Test func serviceTypeIsKnown() {
        let service = Self.defaulted(ServiceSpec(ports: [ServicePort(port: 80)], type: "Ingress"))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.type: Unsupported value: \"Ingress\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
            ])
    }

    @Test func clusterIPServicesHaveNoNodePorts() {
        let service = Self.defaulted(ServiceSpec(ports: [ServicePort(port: 80, nodePort: 30080)]))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"
            ])
    }

    @Test func protocolAndPortPairsAreUnique() {
        let service = Self.defaulted(
            ServiceSpec(ports: [ServicePort(name: "a", port: 80), ServicePort(name: "b", port: 80)]))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"
            ])
    }

    @Test func clusterIPIsAnIPAndExternalIPsAreNotSpecial() {
        var spec = ServiceSpec(ports: [ServicePort(port: 80)], clusterIP: "10.96.0.300")
        spec.externalIPs = ["127.0.0.1"]
        #expect(
            ClusterKindsFixture.messages(Self.defaulted(spec)) == [
                "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
                "spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            ])
    }

    @Test func sessionAffinityIsKnownAndItsTimeoutBounded() {
        var spec = ServiceSpec(ports: [ServicePort(port: 80)])
        spec.sessionAffinity = "Cookie"
        #expect(
            ClusterKindsFixture.messages(Self.defaulted(spec)) == [
                "spec.sessionAffinity: Unsupported value: \"Cookie\": supported values: \"ClientIP\", \"None\""
            ])
        spec.sessionAffinity = "ClientIP"
        spec.sessionAffinityConfig = SessionAffinityConfig(clientIP: ClientIPConfig(timeoutSeconds: 0))
        #expect(
            ClusterKindsFixture.messages(Self.defaulted(spec)) == [
                "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"
            ])
    }

    @Test func externalNameServicesNeedAName() {
        let service = Self.defaulted(ServiceSpec(type: "ExternalName", clusterIP: "10.0.0.1"))
        #expect(
            ClusterKindsFixture.messages(service) == [
                "spec.clusterIPs: Forbidden: may not be set for ExternalName services",
                "spec.externalName: Required value",
            ])
    }

    @Test func loadBalancerFieldsNeedTypeLoadBalancer() {
        var spec = ServiceSpec(ports: [ServicePort(port: 80)])
        spec.loadBalancerSourceRanges = ["10.0.0.0/8"]
        spec.externalTrafficPolicy = "Local"
        #expect(
            ClusterKindsFixture.messages(Self.defaulted(spec)) == [
                "spec.loadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
                "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services",
            ])
    }

    // MARK: Event

    static let scheduledEvent = """
        apiVersion: v1
        kind: Event
        metadata:
          name: trainer-0.17c9a3f2b1e4d5a6
          namespace: vision
        involvedObject:
          apiVersion: v1
          kind: Pod
          name: trainer-0
          namespace: vision
          uid: 6f1c2d3e-0000-4000-8000-000000000001
          resourceVersion: "4182"
          fieldPath: spec.containers{pytorch}
        reason: Scheduled
        message: Successfully assigned vision/trainer-0 to gpu-a100-0
        source: {component: default-scheduler}
        firstTimestamp: "2024-05-01T10:00:00Z"
        lastTimestamp: "2024-05-01T10:05:00Z"
        count: 3
        type: Normal
        reportingComponent: default-scheduler
        reportingInstance: default-scheduler-gpu-a100-0
        """

    @Test func eventDecodesAndRoundTrips() throws {
        var event = try ClusterKindsFixture.decode(Self.scheduledEvent, as: Event.self)
        #expect(event.involvedObject?.name == "trainer-0")
        #expect(event.count == 3)
        #expect(event.source?.component == "default-scheduler")
        #expect(event.validate().isEmpty)
        event.setDefaults()
        #expect(try ClusterKindsFixture.roundTrip(event) == event)
    }

    @Test func newStyleEventCarriesMicroTimeAndSeries() throws {
        let event = try ClusterKindsFixture.decode(
            """
            apiVersion: v1
            kind: Event
            metadata: {name: trainer-0.preempt, namespace: vision}
            involvedObject: {kind: Pod, name: trainer-0, namespace: vision}
            related: {kind: Pod, name: notebook-3, namespace: vision}
            eventTime: "2024-05-01T10:00:00.123456Z"
            series: {count: 2, lastObservedTime: "2024-05-01T10:01:00.000001Z"}
            action: Preempting
            reason: Preempted
            type: Warning
            reportingComponent: fermi.dev/scheduler
            reportingInstance: fermi-scheduler-0
            """, as: Event.self)
        #expect(event.eventTime?.description == "2024-05-01T10:00:00.123456Z")
        #expect(event.series?.lastObservedTime?.microsecondsSince1970 == 1_714_557_660_000_001)
        #expect(event.validate().isEmpty)
        #expect(try ClusterKindsFixture.roundTrip(event) == event)
    }

    @Test func oldStyleEventNamespaceMatchesItsObject() throws {
        var event = try ClusterKindsFixture.decode(Self.scheduledEvent, as: Event.self)
        event.metadata.namespace = "other"
        #expect(
            ClusterKindsFixture.messages(event) == [
                "involvedObject.namespace: Invalid value: \"vision\": does not match event.namespace"
            ])
    }

    @Test func newStyleEventSaysWhoReportedWhat() throws {
        var event = Event(
            metadata: ObjectMeta(name: "e", namespace: "default"), reason: String(repeating: "x", count: 129))
        event.eventTime = MicroTimestamp(microsecondsSince1970: 1)
        #expect(
            ClusterKindsFixture.messages(event) == [
                "reportingComponent: Required value",
                "reportingComponent: Invalid value: \"\": name part must be non-empty",
                "reportingInstance: Required value",
                "action: Required value",
                "reason: Invalid value: \"\": can have at most 128 characters",
            ])
    }
}
