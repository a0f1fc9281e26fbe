import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi describe KIND [NAME...]`: each object's fields and the Events about it.
struct DescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe", abstract: "Show objects in detail, ending with their Events.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "KIND [NAME...], or KIND/NAME") var targets: [String]
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?
    @Flag(name: [.customShort("A"), .long], help: "Describe objects in every namespace.")
    var allNamespaces = false
    @Option(name: [.customShort("l"), .long], help: "Only objects whose labels match.")
    var selector: String?

    func run() async throws {
        let server = try await global.openAPI()
        let (type, names) = try Self.parseTargets(targets)
        let query = ObjectQuery(
            resource: type.resource, names: names, namespace: try global.namespace(namespace), allNamespaces: allNamespaces,
            labels: try LabelSelectorQuery(parsing: selector ?? ""))
        let objects = try await query.run(server) { $0 }.items
        let now = server.currentTime()
        var descriptions: [String] = []
        for object in objects {
            let sections = type == InferenceService.self ? try await Self.serving(of: object, in: server) : []
            let events = try await Self.events(about: object, in: server)
            descriptions.append(ObjectDescription.render(object, sections: sections, events: events, now: now))
        }
        print(descriptions.joined(separator: "\n\n\n"), terminator: "")
    }

    /// `KIND NAME...` or `KIND/NAME`.
    static func parseTargets(_ targets: [String]) throws -> (any APIObject.Type, [String]) {
        guard let first = targets.first else {
            throw ValidationError("You must specify the type of resource to describe.")
        }
        if first.contains("/") {
            let parts = first.split(separator: "/", maxSplits: 1).map(String.init)
            return (try KindRegistry.served.type(named: parts[0]), [parts[1]] + targets.dropFirst())
        }
        return (try KindRegistry.served.type(named: first), Array(targets.dropFirst()))
    }

    /// An inference service's live figures, once its traffic has been measured.
    private static func serving(of object: JSONValue, in server: any ObjectAPI) async throws -> [String] {
        let namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        guard let figures = try? await server.get(ServingMetrics.self, namespace: namespace, name: name).status else { return [] }
        return [ServingSummary.section(figures)]
    }

    /// The core Events about `object`, found as kubectl describe finds them: those naming it
    /// (a field selector the server answers from) in its namespace, or in any namespace for a
    /// cluster-scoped object, then only those that are about this very object.
    private static func events(about object: JSONValue, in server: any ObjectAPI) async throws -> [JSONValue] {
        guard let eventType = try? KindRegistry.served.type(named: "events") else { return [] }
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let fields = try FieldSelectorQuery(
            parsing: "involvedObject.name=\(name)", allowing: FieldSelectorQuery.supportedFields(of: eventType.resource))
        let listed = try await server.objects(
            of: eventType.resource, namespace: object["metadata"]?["namespace"]?.stringValue, labels: LabelSelectorQuery(),
            fields: fields)
        return listed.items.filter { concerns($0, object) }
    }

    /// Whether `event` is about `object`: the same uid, or the same kind, namespace and name.
    private static func concerns(_ event: JSONValue, _ object: JSONValue) -> Bool {
        guard let involved = event["involvedObject"] else { return false }
        if let uid = involved["uid"]?.stringValue, !uid.isEmpty {
            return uid == object["metadata"]?["uid"]?.stringValue
        }
        return involved["kind"] == object["kind"] && involved["name"] == object["metadata"]?["name"]
            && (involved["namespace"]?.stringValue ?? "") == (object["metadata"]?["namespace"]?.stringValue ?? "")
    }
}
