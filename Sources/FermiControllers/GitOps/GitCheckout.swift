import FermiAPI
import FermiRuntime
import Foundation

/// A Git repository fetched with the `git` command line into a cache folder of its own: the
/// commit a branch, tag or commit id names, and the manifest files under a path at that
/// commit (read from Git's objects, so nothing is checked out and a working tree never lies).
public struct GitCheckout: Sendable {
    /// The cache folder: one clone per repository URL.
    public let directory: URL
    public let url: String

    /// The checkout of `url` under `cacheRoot`.
    public init(url: String, cacheRoot: URL) {
        self.url = url
        directory = cacheRoot.appendingPathComponent(String(FNV1a.hash(url).prefix(16)))
    }

    /// Fetches the repository and returns the commit id `ref` names now.
    public func fetch(_ ref: GitReference?) throws -> String {
        try update()
        return try commit(of: ref)
    }

    /// Fetches the repository and returns the commit a revision name means: a commit id, a
    /// tag, or a branch, tried in that order (the default branch when nil).
    public func fetch(named name: String?) throws -> String {
        try update()
        guard let name, !name.isEmpty else { return try commit(of: nil) }
        let isHex = name.count >= 7 && name.allSatisfy(\.isHexDigit)
        let candidates = (isHex ? [GitReference(commit: name)] : []) + [GitReference(tag: name), GitReference(branch: name)]
        for candidate in candidates {
            if let commit = try? commit(of: candidate) { return commit }
        }
        throw GitError(command: "rev-parse", output: "no commit, tag or branch \(name) in \(url)")
    }

    /// Clones the repository into the cache the first time, then fetches every branch and tag.
    private func update() throws {
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".git").path) {
            try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: directory)
            try Self.git(["clone", "--quiet", "--no-checkout", url, directory.path])
        }
        try git(["fetch", "--quiet", "--force", "--tags", "origin", "+refs/heads/*:refs/remotes/origin/*"])
    }

    /// The commit `ref` names in the fetched repository: its commit, tag or branch, else the
    /// default branch.
    private func commit(of ref: GitReference?) throws -> String {
        if let commit = ref?.commit { return try resolve("\(commit)^{commit}") }
        if let tag = ref?.tag { return try resolve("refs/tags/\(tag)^{commit}") }
        if let branch = ref?.branch { return try resolve("refs/remotes/origin/\(branch)^{commit}") }
        for head in ["refs/remotes/origin/HEAD", "refs/remotes/origin/main", "refs/remotes/origin/master"] {
            if let commit = try? resolve("\(head)^{commit}") { return commit }
        }
        throw GitError(command: "rev-parse", output: "the repository has no default branch")
    }

    /// The manifest files (.yaml, .yml, .json) under `path` at `commit`, each named by its
    /// path in the repository, in name order.
    public func manifests(at commit: String, path: String?) throws -> [(source: String, text: String)] {
        let folder = (path ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var arguments = ["ls-tree", "-r", "--name-only", commit]
        if !folder.isEmpty { arguments += ["--", folder] }
        let names = try git(arguments).split(separator: "\n").map(String.init)
            .filter { name in [".yaml", ".yml", ".json"].contains(where: name.hasSuffix) }.sorted()
        return try names.map { name in (name, try git(["show", "\(commit):\(name)"])) }
    }

    private func resolve(_ revision: String) throws -> String {
        try git(["rev-parse", "--verify", "--quiet", revision]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    private func git(_ arguments: [String]) throws -> String {
        try Self.git(["-C", directory.path] + arguments)
    }

    /// Runs `git` and returns what it printed; a failure throws with what it said.
    @discardableResult
    public static func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitError(command: arguments.first { !$0.hasPrefix("-") && $0 != "-C" } ?? "git", output: String(decoding: said, as: UTF8.self))
        }
        return String(decoding: printed, as: UTF8.self)
    }
}

/// A `git` command that failed, with what it said.
public struct GitError: Error, CustomStringConvertible, Sendable {
    public var command: String
    public var output: String

    public var description: String {
        "git \(command) failed: \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
    }
}
