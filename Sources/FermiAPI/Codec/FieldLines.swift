/// The line each field of a manifest document was written on, recorded as the parser meets
/// the fields: one entry per member or list item, naming its parent entry. Lines are only
/// looked up when something is wrong, so recording is an append and looking up is a walk.
public struct FieldLines: Sendable, Hashable {
    /// One member or item: where it sits under its parent, and its line.
    private struct Entry: Sendable, Hashable {
        /// The entry of the object or list holding this one; -1 for the document's root.
        var parent: Int32
        /// The member's name; nil for a list item.
        var member: String?
        /// The item's position in its list; 0 for a member.
        var position: Int32
        var line: Int32
    }

    /// Entries in the order the parser met them, so each parent comes before its children.
    private var entries: [Entry] = []

    /// No lines: every field is placed on its document's first line.
    public init() {}

    /// Records member `name` of the object at entry `parent` (-1 for the root), on `line`;
    /// returns the member's own entry, the parent of what it holds.
    mutating func addMember(_ name: String, of parent: Int, line: Int) -> Int {
        entries.append(Entry(parent: Int32(parent), member: name, position: 0, line: Int32(line)))
        return entries.count - 1
    }

    /// Records item `position` of the list at entry `parent` (-1 for the root), on `line`;
    /// returns the item's own entry.
    mutating func addItem(_ position: Int, of parent: Int, line: Int) -> Int {
        entries.append(Entry(parent: Int32(parent), member: nil, position: Int32(position), line: Int32(line)))
        return entries.count - 1
    }

    /// The line of member `name` of the object at entry `parent`, if it was recorded.
    func line(ofMember name: String, of parent: Int) -> Int? {
        entries.first { $0.parent == parent && $0.member == name }.map { Int($0.line) }
    }

    /// The line of the field at `path`, or of its nearest recorded ancestor; nil when not even
    /// the path's first step was recorded. A map's key is found as a member, as it was written.
    public func line(of path: FieldPath) -> Int? {
        var parent = -1
        var line: Int?
        for step in path.steps {
            // A child is always recorded after its parent.
            let children = entries.indices.dropFirst(parent + 1)
            let found = children.first { index in
                let entry = entries[index]
                guard entry.parent == parent else { return false }
                switch step {
                case .field(let name), .key(let name): return entry.member == name
                case .index(let position): return entry.member == nil && Int(entry.position) == position
                }
            }
            guard let found else { break }
            parent = found
            line = Int(entries[found].line)
        }
        return line
    }
}
