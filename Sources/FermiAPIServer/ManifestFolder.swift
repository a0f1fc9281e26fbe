import Foundation

/// The manifest files in a folder: its .yaml, .yml and .json files in name order, and with
/// `recursive` its subfolders' (as `fermi apply -R` and a Git repository's path read them).
public enum ManifestFolder {
    /// The paths of the manifest files in `directory`.
    public static func files(in directory: String, recursive: Bool) throws -> [String] {
        var found: [String] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let path = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if recursive { found += try files(in: path, recursive: true) }
            } else if [".yaml", ".yml", ".json"].contains(where: entry.hasSuffix) {
                found.append(path)
            }
        }
        return found
    }
}
