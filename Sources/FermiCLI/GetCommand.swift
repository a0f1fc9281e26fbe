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
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?
    @Flag(name: [.customShort("A"), .long], help: "Objects in every namespace.") var allNamespaces = false
    @Option(name: [.customShort("l"), .long], help: "Only objects whose labels match (app=web,tier!=db).")
    var selector: String?
    @Option(help: "Only objects whose fields match (metadata.name=x, status.phase=Running).")
    var fieldSelector: String?
    @Option(name: .shortAndLong, help: "wide, json, yaml, name, jsonpath=TEMPLATE or custom-columns=HEADER:PATH,... (the default is a table).")
    var output: String?
    @Option(help: "Sort the list by the value at a JSONPath (.metadata.name, {.status.phase}).") var sortBy: String?
    @Flag(help: "Print tables without their header.") var noHeaders = false
    @Flag(name: .shortAndLong, help: "After listing, print each change as it happens.") var watch = false

    func run() async throws {
        let server = try await global.openAPI()
        let format = try OutputFormat(output)
        let sortPath = try sortBy.map(OutputFormat.parse)
        let labels = try LabelSelectorQuery(parsing: selector ?? "")
        let fields = try FieldSelectorQuery(parsing: fieldSelector ?? "")
        let requests = try Self.requests(targets)
        let namespace = try global.namespace(self.namespace)
        let queries = requests.map { request in
            ObjectQuery(
                resource: request.type.resource, names: request.names, namespace: namespace,
                allNamespaces: allNamespaces, labels: labels, fields: fields)
        }
        let now = server.currentTime()
        var lastRevision = "0"
        if case .table(let wide) = format {
            // Each row is made as its object is read, and the object let go: a table of
            // 100,000 pods holds rows, not parsed pods.
            var tables: [(header: [String], rows: [[String]])] = []
            for (request, query) in zip(requests, queries) {
                let table = table(of: request.type, wide: wide, prefixed: requests.count > 1, now: now)
                var (rows, revision) = try await query.run(server) { object in
                    (sortKey: sortPath?.values(in: object).first, row: table.row(of: object))
                }
                if let revision { lastRevision = revision }
                if sortPath != nil { rows.sort { JSONValueOrder.compare($0.sortKey, $1.sortKey) < 0 } }
                tables.append((table.header, rows.map(\.row)))
            }
            printTables(tables.filter { !$0.rows.isEmpty })
            if tables.allSatisfy({ $0.rows.isEmpty }) {
                let place = allNamespaces ? "" : " in \(namespace) namespace"
                FileHandle.standardError.write(Data("No resources found\(place).\n".utf8))
            }
        } else {
            var listing: [(type: any APIObject.Type, objects: [JSONValue])] = []
            for (request, query) in zip(requests, queries) {
                var (objects, revision) = try await query.run(server) { $0 }
                if let revision { lastRevision = revision }
                if let sortPath {
                    objects = objects.map { ($0, sortPath.values(in: $0).first) }
                        .sorted { JSONValueOrder.compare($0.1, $1.1) < 0 }.map(\.0)
                }
                listing.append((request.type, objects))
            }
            let byName = requests.count == 1 && requests[0].names.count == 1
            try print(listing, format: format, single: byName, now: now)
            ReclaimedAtExit.keep(listing.map(\.objects))
        }
        if watch, let request = requests.first {
            // Whoever reads a watch reads it line by line, as it happens.
            fflush(nil)
            try await follow(request, in: server, namespace: namespace, after: lastRevision, format: format, labels: labels, fields: fields)
        }
    }

    /// The table `get` prints for objects of `type`; `prefixed` puts `kind/` before names, as
    /// kubectl does when several kinds share one listing.
    private func table(of type: any APIObject.Type, wide: Bool, prefixed: Bool, now: Date) -> ObjectTable {
        let resource = type.resource
        return ObjectTable(
            columns: type.printerColumns, wide: wide, showNamespace: resource.namespaced && allNamespaces,
            kindPrefix: prefixed ? "\(resource.displayName)/" : "", now: now)
    }

    /// Tables one after another, a blank line between them; headers unless `--no-headers`.
    private func printTables(_ tables: [(header: [String], rows: [[String]])], headers: Bool = true) {
        for (index, table) in tables.enumerated() {
            if index > 0 { Swift.print() }
            Swift.print(TextColumns.render(headers && !noHeaders ? [table.header] + table.rows : table.rows), terminator: "")
        }
    }

    /// `-w`: one line per change after the listing, until interrupted.
    private func follow(
        _ request: Request, in server: any ObjectAPI, namespace: String, after revision: String, format: OutputFormat,
        labels: LabelSelectorQuery,
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
            if case .table(let wide) = format {
                let table = table(of: request.type, wide: wide, prefixed: false, now: server.currentTime())
                printTables([(table.header, [table.row(of: event.object)])], headers: false)
            } else {
                try print([(request.type, [event.object])], format: format, single: true, headers: false, now: server.currentTime())
            }
            fflush(nil)
        }
    }

    /// The objects of each kind in a format that prints objects (not `get`'s table); `single`
    /// prints one object by itself rather than as a List, as kubectl does when one object is
    /// asked for by name.
    private func print(
        _ listing: [(type: any APIObject.Type, objects: [JSONValue])], format: OutputFormat, single: Bool,
        headers: Bool = true, now: Date
    ) throws {
        // As kubectl, without --show-managed-fields: managedFields are for the server.
        let all = listing.flatMap(\.objects).map(ManagedFields.hidden(in:))
        let document: JSONValue =
            single && all.count == 1
            ? all[0]
            : .object(["apiVersion": .string("v1"), "kind": .string("List"), "items": .array(all),
                       "metadata": .object(["resourceVersion": .string("")])])
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Swift.print(String(decoding: try encoder.encode(document), as: UTF8.self))
        case .yaml:
            Swift.print(YAMLPrinter.render(document), terminator: "")
        case .jsonPath(let path):
            Swift.print(path.render(document))
        case .name:
            for (type, objects) in listing {
                for object in objects {
                    Swift.print("\(type.resource.displayName)/\(object["metadata"]?["name"]?.stringValue ?? "")")
                }
            }
        case .table:
            preconditionFailure("tables are printed as their rows are made, by printTables")
        case .customColumns(let columns):
            var rows = [columns.map(\.header)]
            for object in all { rows.append(columns.map { $0.value(of: object, now: now) }) }
            if !headers || noHeaders { rows.removeFirst() }
            Swift.print(TextColumns.render(rows), terminator: "")
        }
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
        return try first.split(separator: ",").flatMap { kind -> [Request] in
            // A category (`all`) stands for its kinds, unless a kind has that name.
            let registry = KindRegistry.served
            let category = registry.types(inCategory: String(kind))
            if !category.isEmpty, (try? registry.type(named: String(kind))) == nil {
                return category.map { Request(type: $0, names: names) }
            }
            return [Request(type: try registry.type(named: String(kind)), names: names)]
        }
    }
}
