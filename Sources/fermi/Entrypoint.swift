import ArgumentParser
import FermiCLI

@main
struct Entrypoint {
    static func main() async {
        await FermiCommand.main()
    }
}
