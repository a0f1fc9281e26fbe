import FermiAPI
import Foundation

/// The API server's rules about what parts of an object a write may change, applied to any
/// kind through its JSON form: status belongs to the status subresource, system metadata to
/// the server, and generation counts changes to everything else.
enum ObjectRules {
    /// `new` with the status `old` has: a main-resource update does not change status.
    static func keepStatus<T: APIObject>(of old: T, in new: inout T) {
        guard T.resource.hasStatus else { return }
        if var typed = new as? any StatusHavingObject {
            typed.takeStatus(of: old)
            new = typed as! T
        } else {
            new = replacing("status", in: new, with: JSONValue.encoding(old)["status"])
        }
    }

    /// Removes status: on create it is the controllers' to write, not the user's.
    static func clearStatus<T: APIObject>(_ object: inout T) {
        if var typed = object as? any StatusHavingObject {
            typed.clearStatus()
            object = typed as! T
        } else {
            object = replacing("status", in: object, with: nil)
        }
    }

    /// Whether anything outside metadata and status differs: what moves generation. Compared
    /// as typed values (quantities by amount, as upstream's semantic equality compares them),
    /// without encoding either object.
    static func specDiffers<T: APIObject>(_ old: T, _ new: T) -> Bool {
        var old = old
        var new = new
        old.metadata = ObjectMeta()
        new.metadata = ObjectMeta()
        keepStatus(of: old, in: &new)
        return old != new
    }

    /// Copies what only the server sets (uid, creation time, generation, deletion time), and
    /// the field managers when the writer did not send them.
    static func carrySystemMetadata<T: APIObject>(from current: T, into next: inout T) {
        next.apiVersion = T.resource.apiVersion
        next.kind = T.resource.kind
        next.metadata.namespace = current.metadata.namespace
        next.metadata.uid = current.metadata.uid
        next.metadata.creationTimestamp = current.metadata.creationTimestamp
        next.metadata.generation = current.metadata.generation
        next.metadata.deletionTimestamp = current.metadata.deletionTimestamp
        next.metadata.resourceVersion = current.metadata.resourceVersion
        // A writer that leaves managedFields out keeps them, as upstream does.
        if next.metadata.managedFields == nil { next.metadata.managedFields = current.metadata.managedFields }
    }

    private static func replacing<T: APIObject>(_ member: String, in object: T, with value: JSONValue?)
        -> T
    {
        guard case .object(var members) = JSONValue.encoding(object), members[member] != value else { return object }
        members[member] = value
        return (try? JSONValueDecoder.decode(T.self, from: .object(members))) ?? object
    }
}
