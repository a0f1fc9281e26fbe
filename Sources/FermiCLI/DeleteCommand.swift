import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi delete`: delete objects named in manifests, by kind and name, or all of a kind.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete objects by manifest (-f), by kind and names, or a whole kind (--all).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "KIND NAME..., or KIND/NAME...") var targets: [String] = []
    @Option(name: .shortAndLong, help: "Delete the objects these manifests describe.")
    var filename: [String] = []
    @Flag(name: [.customShort("R"), .long], help: "Read folders recursively.") var recursive = false
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?
    @Flag(help: "Delete every object of the kind in the namespace.") var all = false
    @Flag(inversion: .prefixedNo, help: "Wait until objects held by finalizers are gone.")
    var wait = true
    @Flag(help: "Treat objects that are not found as deleted.") var ignoreNotFound = false
    @Option(help: "background (dependents deleted after), foreground (dependents first) or orphan (dependents kept).")
    var cascade: Cascade = .background

    func run() async throws {
        let server = try await global.openAPI()
        var failed = false
        for target in try await resolveTargets(server) {
            do {
                try await Self.delete(
                    target.type, target.namespace, target.name, in: server, policy: cascade.policy, wait: wait)
                print("\(target.type.resource.displayName) \"\(target.name)\" deleted")
            } catch APIError.notFound(let resource, let name) where !ignoreNotFound {
                FileHandle.standardError.write(Data("Error from server (NotFound): \(resource) \"\(name)\" not found\n".utf8))
                failed = true
            } catch APIError.notFound {
                continue
            }
        }
        if failed { throw ExitCode.failure }
    }

    private struct Target {
        var type: any APIObject.Type
        var namespace: String
        var name: String
    }

    private func resolveTargets(_ server: any ObjectAPI) async throws -> [Target] {
        let defaultNamespace = try global.namespace(namespace)
        if !filename.isEmpty {
            let plan = try await ApplyPlan.reading(filename, recursive: recursive)
            return plan.objectsInApplyOrder.reversed().map { object in
                Target(
                    type: Swift.type(of: object),
                    namespace: object.namespace.isEmpty ? defaultNamespace : object.namespace,
                    name: object.name)
            }
        }
        guard let first = targets.first else {
            throw ValidationError("You must provide one or more resources by argument or filename.")
        }
        if first.contains("/") {
            return try targets.map { target in
                let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
                return Target(
                    type: try KindRegistry.served.type(named: parts[0]), namespace: defaultNamespace,
                    name: parts[1])
            }
        }
        let type = try KindRegistry.served.type(named: first)
        if all {
            let names = try await server.objects(of: type.resource, namespace: type.resource.namespaced ? defaultNamespace : nil)
                .items.compactMap { $0["metadata"]?["name"]?.stringValue }
            return names.map { Target(type: type, namespace: defaultNamespace, name: $0) }
        }
        guard targets.count > 1 else {
            throw ValidationError("resource(s) were provided, but no name was specified")
        }
        return targets.dropFirst().map { Target(type: type, namespace: defaultNamespace, name: $0) }
    }

    private static func delete<T: APIObject>(
        _ type: T.Type, _ namespace: String, _ name: String, in server: any ObjectAPI, policy: PropagationPolicy,
        wait: Bool
    ) async throws {
        let last = try await server.delete(T.self, namespace: namespace, name: name, propagationPolicy: policy)
        guard wait, !(last.metadata.finalizers ?? []).isEmpty else { return }
        // Held by finalizers: follow the object until its controllers let it go.
        let events = try await server.watch(
            T.self, namespace: T.resource.namespaced ? namespace : nil,
            after: last.metadata.resourceVersion ?? "0")
        for try await event in events where event.kind == .deleted && event.object.name == name {
            return
        }
    }
}

/// `--cascade`: what happens to the deleted objects' dependents, as kubectl names it.
enum Cascade: String, ExpressibleByArgument {
    case background, foreground, orphan

    init?(argument: String) {
        switch argument {
        case "background", "true": self = .background
        case "foreground": self = .foreground
        case "orphan", "false": self = .orphan
        default: return nil
        }
    }

    var policy: PropagationPolicy {
        switch self {
        case .background: .background
        case .foreground: .foreground
        case .orphan: .orphan
        }
    }
}
