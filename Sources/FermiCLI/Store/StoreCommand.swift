import ArgumentParser
import FermiStore
import Foundation

/// `fermi store`: look at and change the raw key-value store beneath the API, as etcdctl does.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Read and write the raw key-value store (keys, revisions, watches, compaction).",
        subcommands: [
            StoreGet.self, StorePut.self, StoreDelete.self, StoreList.self, StoreWatch.self,
            StoreCompact.self, StoreRevision.self,
        ])
}

/// How a key and its value print: `KEY (rev R, created C, version V)` and the value beneath.
func describe(_ item: KeyValue) -> String {
    "\(item.key) (revision \(item.modRevision), created \(item.createRevision), version \(item.version))\n"
        + String(decoding: item.value, as: UTF8.self)
}
