import FermiAPI
import Foundation

/// The `Table` (meta.k8s.io/v1) kubectl asks for with `Accept: application/json;as=Table`:
/// the same columns as `fermi get`, so `kubectl get` prints what `fermi get` prints.
struct ServerTable: Sendable {
    let type: any APIObject.Type
    /// The time ages are counted to.
    let now: Date

    /// The table of `objects`, read at `revision`.
    func table(of objects: [JSONValue], revision: String) -> JSONValue {
        table(rows: objects.map(row(of:)), revision: revision)
    }

    /// The table of rows already made with `row(of:)`: a listing makes each row as its object
    /// is read, and keeps only the rows.
    func table(rows: [JSONValue], revision: String) -> JSONValue {
        var definitions: [JSONValue] = [
            .object([
                "name": .string("Name"), "type": .string("string"), "format": .string("name"), "priority": .integer(0),
                "description": .string("Name must be unique within a namespace."),
            ])
        ]
        for column in type.printerColumns {
            definitions.append(
                .object([
                    "name": .string(column.name), "type": .string(column.type == .integer ? "integer" : "string"), "format": .string(""),
                    "priority": .integer(Int64(column.priority)), "description": .string(column.name),
                ]))
        }
        return .object([
            "kind": .string("Table"), "apiVersion": .string("meta.k8s.io/v1"),
            "metadata": .object(["resourceVersion": .string(revision)]), "columnDefinitions": .array(definitions), "rows": .array(rows),
        ])
    }

    /// The row of `object`: its cells, and its metadata as a PartialObjectMetadata.
    func row(of object: JSONValue) -> JSONValue {
        var cells: [JSONValue] = [.string(object["metadata"]?["name"]?.stringValue ?? "")]
        for column in type.printerColumns {
            let text = column.value(of: object, now: now)
            cells.append(column.type == .integer ? (Int64(text).map { .integer($0) } ?? .string(text)) : .string(text))
        }
        let metadata = object["metadata"] ?? .object([:])
        return .object([
            "cells": .array(cells),
            "object": .object([
                "kind": .string("PartialObjectMetadata"), "apiVersion": .string("meta.k8s.io/v1"), "metadata": metadata,
            ]),
        ])
    }
}
