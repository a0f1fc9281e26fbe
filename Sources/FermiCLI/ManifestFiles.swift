import ArgumentParser
import FermiAPI
import Foundation

/// The manifest files named by `-f`: files, folders (their .yaml, .yml and .json files in
/// name order, and with `-R` their subfolders'), or `-` for standard input.
enum ManifestFiles {
    /// The text of every manifest file, with the name to report it by.
    static func read(_ paths: [String], recursive: Bool) throws -> [(source: String, text: String)] {
        var files: [(String, String)] = []
        for path in paths {
            if path == "-" {
                let input = FileHandle.standardInput.readDataToEndOfFile()
                files.append(("-", String(decoding: input, as: UTF8.self)))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("the path \"\(path)\" does not exist")
            }
            if isDirectory.boolValue {
                for file in try manifests(in: path, recursive: recursive) {
                    files.append((file, try String(contentsOfFile: file, encoding: .utf8)))
                }
            } else {
                files.append((path, try String(contentsOfFile: path, encoding: .utf8)))
            }
        }
        return files
    }

    private static func manifests(in directory: String, recursive: Bool) throws -> [String] {
        var found: [String] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let path = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if recursive { found += try manifests(in: path, recursive: true) }
            } else if [".yaml", ".yml", ".json"].contains(where: entry.hasSuffix) {
                found.append(path)
            }
        }
        return found
    }
}
