import ArgumentParser
import Foundation

/// `fermi up`: the control plane and the simulated cluster, every controller in one process.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run every controller and the simulated cluster on the store.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var time: ControlPlaneOptions
    @OptionGroup var serving: ServingOptions

    func run() async throws {
        try await ControlPlaneRun(options: time, global: global, serving: serving, only: nil).run()
    }
}

/// `fermi controllers --only a,b`: some of the controllers, e.g. to split them across processes.
struct ControllersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controllers",
        abstract: "Run some of the controllers on the store (all by default).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var time: ControlPlaneOptions
    @OptionGroup var serving: ServingOptions
    @Option(help: "Comma-separated controller names (\(ControlPlane.controllerNames.joined(separator: ", "))).")
    var only: String?

    func run() async throws {
        let names = only.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
        try await ControlPlaneRun(options: time, global: global, serving: serving, only: names).run()
    }
}
