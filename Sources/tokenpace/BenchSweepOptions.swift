import ArgumentParser
import TokenPaceApp

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
