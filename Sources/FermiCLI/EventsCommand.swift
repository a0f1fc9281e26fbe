import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi events`: what happened, newest last, as `kubectl events` lists it.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "List events, oldest first; -w follows new ones.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?
    @Flag(name: [.customShort("A"), .long], help: "Events in every namespace.") var allNamespaces = false
    @Option(name: .customLong("for"), help: "Only events about this object (KIND/NAME).") var object: String?
    @Option(help: "Only events of this type (Normal, Warning).") var types: String?
    @Flag(name: .shortAndLong, help: "After listing, print each new or repeated event as it happens.") var watch = false

    func run() async throws {
        let server = try await global.openAPI()
        let scope = allNamespaces ? nil : try global.namespace(namespace)
        let about = try object.map(Self.target)
        let listed = try await server.list(Event.self, namespace: scope)
        let events = listed.items.filter { matches($0, about: about) }
            .sorted { Self.order($0) < Self.order($1) }
        let now = server.currentTime()
        if events.isEmpty && !watch {
            FileHandle.standardError.write(Data("No events found\(scope.map { " in \($0) namespace" } ?? "").\n".utf8))
            return
        }
        var header = ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]
        if allNamespaces { header.insert("NAMESPACE", at: 0) }
        print(TextColumns.render([header] + events.map { row($0, now: now) }), terminator: "")
        guard watch else { return }
        fflush(nil)
        for try await change in try await server.watch(Event.self, namespace: scope, after: listed.resourceVersion) {
            guard change.kind != .deleted, matches(change.object, about: about) else { continue }
            print(TextColumns.render([row(change.object, now: server.currentTime())]), terminator: "")
            fflush(nil)
        }
    }

    private func row(_ event: Event, now: Date) -> [String] {
        let involved = event.involvedObject
        var cells = [
            EventTable.age(since: Self.lastSeen(event).date, now: now), event.type ?? "", event.reason ?? "",
            "\((involved?.kind ?? "").lowercased())/\(involved?.name ?? "")", event.message ?? "",
        ]
        if allNamespaces { cells.insert(event.namespace, at: 0) }
        return cells
    }

    private func matches(_ event: Event, about: (kind: String, name: String)?) -> Bool {
        if let types, !types.split(separator: ",").contains(where: { $0 == event.type ?? "" }) { return false }
        guard let about else { return true }
        return event.involvedObject?.kind == about.kind && event.involvedObject?.name == about.name
    }

    /// Events by when they were last seen; those seen at the same time by the object they are
    /// about, then in the order they were written. Controllers working side by side may write
    /// the events of different objects in either order; each object's own come in order.
    private static func order(_ event: Event) -> (Timestamp, String, String, Int64) {
        let involved = event.involvedObject
        return (
            lastSeen(event), "\(involved?.kind ?? "")/\(involved?.namespace ?? "")/\(involved?.name ?? "")",
            event.namespace, event.metadata.revision ?? 0
        )
    }

    private static func lastSeen(_ event: Event) -> Timestamp {
        event.lastTimestamp ?? event.eventTime?.timestamp ?? event.metadata.creationTimestamp ?? Timestamp(secondsSince1970: 0)
    }

    /// `KIND/NAME` as the kind's name and the object's.
    static func target(_ text: String) throws -> (kind: String, name: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--for must be KIND/NAME, not \(text)") }
        return (try KindRegistry.served.type(named: parts[0]).resource.kind, parts[1])
    }
}
