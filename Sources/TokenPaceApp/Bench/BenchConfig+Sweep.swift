import Foundation
import TokenPaceCore

extension BenchConfig {
    /// The sweep the options ask for: a list of concurrencies, request rates, depths, `--cache off`
    /// or an SLO each make one; `nil` for a plain bench.
    func sweepPlan(concurrencies: [Int], prompt: String, live: Bool) throws -> BenchSweep? {
        let cacheOn: Bool
        switch cache.lowercased() {
        case "on": cacheOn = true
        case "off": cacheOn = false
        default: throw ValueError("--cache \"\(cache)\": give on or off")
        }
        let rates = try requestRate.map(SweepInput.requestRates)
        let depths = try depth.map(SweepInput.depths)
        let slo = try slo.map(SLO.parse)
        guard concurrencies.count > 1 || rates != nil || depths != nil || slo != nil || !cacheOn else { return nil }
        if rates != nil, concurrency != nil {
            throw ValueError(
                "give --concurrency or --request-rate, not both (a rate sweep sends requests as they arrive)")
        }
        guard (1...10_000).contains(requests) else { throw ValueError("--requests must be 1 to 10000") }
        guard live else {
            throw ValueError(
                "a sweep (--concurrency list, --request-rate, --depth, --cache, --slo) needs a live --pane; simulated panes do not change with load"
            )
        }
        let loads: [BenchLevel.Load] =
            rates.map { $0.map { .requestRate($0, requests: requests) } } ?? concurrencies.map { .concurrency($0) }
        let document = depths.map { $0.contains { $0 > 0 } } == true || !cacheOn ? try Self.document(samplesDir) : ""
        return BenchSweep(
            loads: loads, depths: depths ?? (cacheOn ? nil : [0]), cache: cacheOn, slo: slo, seed: seed,
            prompt: prompt, document: document)
    }

    /// The shipped long documents (`Samples/docs/*.txt`), joined: a depth level's context.
    static func document(_ samplesDir: String?) throws -> String {
        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        guard let dir = catalog.directory else { throw ValueError("--depth: no Samples folder found") }
        let docs = (dir as NSString).appendingPathComponent("docs")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: docs)) ?? []).filter { $0.hasSuffix(".txt") }
            .sorted()
        let texts = names.compactMap {
            try? String(contentsOfFile: (docs as NSString).appendingPathComponent($0), encoding: .utf8)
        }
        guard !texts.isEmpty else { throw ValueError("--depth: no documents in \(docs) to take context from") }
        return texts.joined(separator: "\n\n")
    }
}

/// Progress lines on stderr: rewritten in place on a terminal, one per line otherwise.
public enum BenchProgressLine {
    public static func write(_ line: String) {
        let tty = isatty(2) == 1
        FileHandle.standardError.write(Data((tty ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    /// Ends an in-place line so what follows starts on its own line.
    public static func end() {
        if isatty(2) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
