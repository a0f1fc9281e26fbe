import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi get KIND[,KIND] [NAME...] | KIND/NAME`: list objects as kubectl does.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "List objects, or show some by name.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "KIND[,KIND] [NAME...], or KIND/NAME...") var targets: [String]
    @Option(name: .shortAndLong, help: "The namespace (default: default).") var namespace: String?
    @Flag(name: [.customShort("A"), .long], help: "Objects in every namespace.") var allNamespaces = false
    @Option(name: [.customShort("l"), .long], help: "Only objects whose labels match (app=web,tier!=db).")
    var selector: String?
    @Option(help: "Only objects whose fields match (metadata.name=x, status.phase=Running).")
    var fieldSelector: String?
    @Option(name: .shortAndLong, help: "json, yaml or name (the default is a table).") var output: String?
    @Flag(name: .shortAndLong, help: "After listing, print each change as it happens.") var watch = false

    func run() async throws {
        let server = try await global.openAPI()
        let labels = try LabelSelectorQuery(parsing: selector ?? "")
        let fields = try FieldSelectorQuery(parsing: fieldSelector ?? "")
        var printedAny = false
        let requests = try Self.requests(targets)
        var lastRevision = "0"
        for request in requests {
            let resource = request.type.resource
            let query = ObjectQuery(
                resource: resource, names: request.names, namespace: namespace, allNamespaces: allNamespaces,
                labels: labels, fields: fields)
            let (objects, revision) = try await query.run(server)
            if let revision { lastRevision = revision }
            if objects.isEmpty, output == nil {
                continue
            }
            printedAny = true
            try print(objects, of: resource, showNamespace: resource.namespaced && allNamespaces)
        }
        if !printedAny, output == nil {
            let place = allNamespaces ? "" : " in \(namespace ?? "default") namespace"
            FileHandle.standardError.write(Data("No resources found\(place).\n".utf8))
        }
        if watch, let request = requests.first {
            // Whoever reads a watch reads it line by line, as it happens.
            fflush(nil)
            try await follow(request, in: server, after: lastRevision, labels: labels, fields: fields)
        }
    }

    /// `-w`: one line per change after the listing, until interrupted.
    private func follow(
        _ request: Request, in server: APIServer, after revision: String, labels: LabelSelectorQuery,
        fields: FieldSelectorQuery
    ) async throws {
        let resource = request.type.resource
        let scope = ObjectQuery(resource: resource, names: [], namespace: namespace, allNamespaces: allNamespaces).scope
        for try await event in try await server.objectEvents(of: resource, namespace: scope, after: revision) {
            let objectLabels = event.object["metadata"]?["labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            let name = event.object["metadata"]?["name"]?.stringValue ?? ""
            guard labels.matches(objectLabels), fields.matches(event.object),
                request.names.isEmpty || request.names.contains(name)
            else { continue }
            let row = try rows([event.object], showNamespace: resource.namespaced && allNamespaces)[1]
            Swift.print(TextColumns.render([row]), terminator: "")
            fflush(nil)
        }
    }

    private func print(_ objects: [JSONValue], of resource: APIResource, showNamespace: Bool) throws {
        switch output {
        case "json":
            let document: JSONValue =
                objects.count == 1
                ? objects[0]
                : .object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(objects),
                           "metadata": .object(["resourceVersion": .string("")])])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(document), as: UTF8.self))
        case "yaml":
            let document: JSONValue =
                objects.count == 1
                ? objects[0]
                : .object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(objects),
                           "metadata": .object(["resourceVersion": .string("")])])
            Swift.print(YAMLPrinter.render(document), terminator: "")
        case "name":
            for object in objects {
                Swift.print("\(resource.displayName)/\(object["metadata"]?["name"]?.stringValue ?? "")")
            }
        case nil:
            Swift.print(TextColumns.render(try rows(objects, showNamespace: showNamespace)), terminator: "")
        case let other?:
            throw ValidationError("unable to match a printer suitable for the output format \"\(other)\", allowed formats are: json,name,yaml")
        }
    }

    /// The table's header and a row per object: [NAMESPACE,] NAME, AGE.
    private func rows(_ objects: [JSONValue], showNamespace: Bool) throws -> [[String]] {
        let now = Date()
        var rows = [(showNamespace ? ["NAMESPACE"] : []) + ["NAME", "AGE"]]
        for object in objects {
            let metadata = object["metadata"]
            let created = metadata?["creationTimestamp"]?.stringValue.flatMap { try? Date($0, strategy: .iso8601) }
            rows.append(
                (showNamespace ? [metadata?["namespace"]?.stringValue ?? ""] : [])
                    + [metadata?["name"]?.stringValue ?? "", created.map { EventTable.age(since: $0, now: now) } ?? "<unknown>"])
        }
        return rows
    }

    /// One kind and the names asked for (none: all).
    struct Request {
        var type: any APIObject.Type
        var names: [String]
    }

    /// `KIND[,KIND] [NAME...]` or `KIND/NAME [KIND/NAME...]`.
    static func requests(_ targets: [String]) throws -> [Request] {
        guard let first = targets.first else {
            throw ValidationError("You must specify the type of resource to get.")
        }
        if first.contains("/") {
            return try targets.map { target in
                let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form") }
                return Request(type: try KindRegistry.served.type(named: parts[0]), names: [parts[1]])
            }
        }
        let names = Array(targets.dropFirst())
        return try first.split(separator: ",").map { kind in
            Request(type: try KindRegistry.served.type(named: String(kind)), names: names)
        }
    }
}
