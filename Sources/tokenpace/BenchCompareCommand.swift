import ArgumentParser
import TokenPaceApp
import TokenPaceCore

/// `tokenpace bench compare a.json b.json…`: saved reports side by side (docs/bench.md, "Compare").
struct BenchCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare saved `bench --format json` reports with the first one.",
        discussion: "Medians, difference, and whether it beats run-to-run spread (seeded bootstrap 95% interval).")
    @Argument(help: "Reports written by `tokenpace bench --format json`.") var files: [String]
    @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 1
    @Flag(help: "Draw the overlaid race chart with ASCII only.") var ascii = false

    func run() throws {
        do { print(try BenchCompareRun.text(files: files, seed: seed, ascii: ascii)) } catch let error as ValueError {
            BenchCommand.fail("compare: " + error.description)
        }
    }
}
