import ArgumentParser
import FermiAPI
import FermiAPIServer
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
                for file in try ManifestFolder.files(in: path, recursive: recursive) {
                    files.append((file, try String(contentsOfFile: file, encoding: .utf8)))
                }
            } else {
                files.append((path, try String(contentsOfFile: path, encoding: .utf8)))
            }
        }
        return files
    }
}
