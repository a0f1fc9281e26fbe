import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiControllers
import Foundation

/// `fermi sync PATH|URL`: applies a Git repository's manifests once, as a GitRepository
/// would: through the same apply as `fermi apply`, what others use first; `--prune` deletes
/// what an earlier `fermi sync` of the same repository and path applied and it no longer
/// has (nothing else). A folder that is not a Git repository is synced as it stands.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Apply a Git repository's manifests once, pruning what it no longer has.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The repository: a local path, a file:// or an http(s):// Git URL.") var source: String
    @Option(help: "The folder inside the repository to apply.") var path: String?
    @Option(help: "A branch, tag or commit (the default branch when absent).") var ref: String?
    @Option(name: .shortAndLong, help: "The namespace for objects that name none.") var namespace: String?
    @Flag(help: "Delete what an earlier sync of this repository and path applied and it no longer has.") var prune = false
    @Flag(help: "Say what would change, change nothing.") var dryRun = false

    func run() async throws {
        let (revision, files) = try read()
        let server = try await global.openAPI()
        let sync = GitSync(server: server, source: "sync:\(source)#\(path ?? "")")
        let manifests = await sync.read(files, targetNamespace: namespace)
        guard manifests.errors.isEmpty else {
            for error in manifests.errors { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
            FileHandle.standardError.write(Data("error: revision \(revision) not applied; nothing changed\n".utf8))
            throw ExitCode.failure
        }
        let suffix = dryRun ? " (dry run)" : ""
        let (objects, others) = try await sync.claim(manifests.objects)
        for other in others {
            print("\(Self.name(other.entry, server: server)) left to \(other.owner), which applied it first")
        }
        for result in try await sync.apply(objects, dryRun: dryRun) {
            print("\(Self.name(result.entry, server: server)) \(result.outcome.rawValue)\(suffix)")
        }
        if prune {
            let before = try await inventory(in: server)
            for entry in try await sync.prune(before, keeping: objects.map(GitSync.entry(of:)), dryRun: dryRun) {
                print("\(Self.name(entry, server: server)) pruned\(suffix)")
            }
        }
        print("synced revision \(revision)\(suffix)")
    }

    /// The revision and its manifest files: from Git when the source is a repository, else
    /// the folder as it stands.
    private func read() throws -> (revision: String, files: [(source: String, text: String)]) {
        var isDirectory: ObjCBool = false
        let local = FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) && isDirectory.boolValue
        if local, (try? GitCheckout.git(["-C", source, "rev-parse", "--git-dir"])) == nil {
            let folder = (source as NSString).appendingPathComponent(path ?? "")
            let files = try ManifestFolder.files(in: folder, recursive: true).map { file in
                (String(file.dropFirst(source.count).drop { $0 == "/" }), try String(contentsOfFile: file, encoding: .utf8))
            }
            return ("(working folder)", files)
        }
        let checkout = GitCheckout(url: local ? URL(fileURLWithPath: source).path : source, cacheRoot: GitRepositoryController.defaultCacheRoot)
        let revision = try checkout.fetch(named: ref)
        return (revision, try checkout.manifests(at: revision, path: path))
    }

    /// What earlier syncs from this source applied, as their marks say.
    private func inventory(in server: any ObjectAPI) async throws -> [InventoryEntry] {
        var entries: [InventoryEntry] = []
        for type in server.registry.kinds where !(type.resource.group.isEmpty && type.resource.kind == "Event") {
            for item in try await server.objects(of: type.resource).items
            where item["metadata"]?["annotations"]?[GitSync.sourceAnnotation]?.stringValue == "sync:\(source)#\(path ?? "")" {
                entries.append(
                    InventoryEntry(
                        apiVersion: type.resource.apiVersion, kind: type.resource.kind,
                        namespace: type.resource.namespaced ? item["metadata"]?["namespace"]?.stringValue : nil,
                        name: item["metadata"]?["name"]?.stringValue))
            }
        }
        return entries
    }

    static func name(_ entry: InventoryEntry, server: any ObjectAPI) -> String {
        let resource = (try? server.registry.type(apiVersion: entry.apiVersion ?? "", kind: entry.kind ?? ""))?.resource
        return "\(resource?.displayName ?? entry.kind?.lowercased() ?? "")/\(entry.name ?? "")"
    }
}
