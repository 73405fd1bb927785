import ArgumentParser
import TokenPaceApp
import TokenPaceCore

/// `bench`'s sweep options (docs/bench.md, "Sweeps").
struct BenchSweepOptions: ParsableArguments {
    @Option(help: "Requests/s per live pane at seeded Poisson times; a list (0.5,2) sweeps.") var requestRate: String?
    @Option(help: "Requests per run at each --request-rate.") var requests = 16
    @Option(help: "Tokens of a shipped document before the prompt; a list (0,2k,16k) sweeps.") var depth: String?
    @Option(help: "on: a depth's requests share their context (cacheable); off: unique.") var cache = "on"
    @Option(help: "Goodput objective, e.g. ttft=500ms,itl=50ms,e2e=10s (itl: a request's ITL p90).") var slo: String?
    @Option(help: "Also write the race chart alone to this SVG file.") var svg: String?
    func apply(to c: inout BenchConfig) {
        (c.requestRate, c.requests, c.depth, c.cache, c.slo) = (requestRate, requests, depth, cache, slo)
    }
}

/// `tokenpace bench compare a.json b.json…`: saved reports side by side (docs/bench.md, "Compare").
struct BenchCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Saved `bench --format json` reports against the first: medians, difference, beyond spread?")
    @Argument(help: "Reports written by `tokenpace bench --format json`.") var files: [String]
    @Option(help: "Seed of the bootstrap.") var seed: UInt64 = 1
    @Flag(help: "Draw the overlaid race chart with ASCII only.") var ascii = false

    func run() throws {
        do { print(try BenchCompareRun.text(files: files, seed: seed, ascii: ascii)) } catch let e as ValueError {
            BenchCommand.fail("compare: \(e)")
        }
    }
}
