import FermiAPI
import Foundation

/// The `Table` (meta.k8s.io/v1) kubectl asks for with `Accept: application/json;as=Table`:
/// the same columns as `fermi get`, so `kubectl get` prints what `fermi get` prints.
enum ServerTable {
    static func table(of objects: [JSONValue], type: any APIObject.Type, revision: String, now: Date) -> JSONValue {
        let columns = type.printerColumns
        var definitions: [JSONValue] = [
            .object([
                "name": .string("Name"), "type": .string("string"), "format": .string("name"), "priority": .integer(0),
                "description": .string("Name must be unique within a namespace."),
            ])
        ]
        for column in columns {
            definitions.append(
                .object([
                    "name": .string(column.name), "type": .string(column.type == .integer ? "integer" : "string"), "format": .string(""),
                    "priority": .integer(Int64(column.priority)), "description": .string(column.name),
                ]))
        }
        let rows = objects.map { object -> JSONValue in
            var cells: [JSONValue] = [.string(object["metadata"]?["name"]?.stringValue ?? "")]
            for column in columns {
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
        return .object([
            "kind": .string("Table"), "apiVersion": .string("meta.k8s.io/v1"),
            "metadata": .object(["resourceVersion": .string(revision)]), "columnDefinitions": .array(definitions), "rows": .array(rows),
        ])
    }
}
