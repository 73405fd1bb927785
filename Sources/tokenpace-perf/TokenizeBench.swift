// Tokenizing speed of the real tokenizers and the built-in estimate (tokenpace-perf tokenize).
//   tokenpace-perf tokenize [--gguf PATH] [--tiktoken PATH] [--tokenizer-json PATH] [--text FILE]
//                           [--bytes N] [--runs N] [--limit-ms MS]
// Files default to $TOKENPACE_SMOLLM2_GGUF and $TOKENPACE_CL100K (scripts/tokenizer-oracles.py --paths);
// the text to the multilingual tokenizer corpus (run from the package folder), else Samples/*.md,
// repeated up to --bytes (100 kB). Prints each file's load time (a GGUF: its vocabulary from the
// metadata) and the median time to count the text, PASS/FAIL at --limit-ms (50).
import Foundation
import TokenPaceCore

func runTokenizeBench(option: (String) -> String?) {
    let environment = ProcessInfo.processInfo.environment
    let size = option("--bytes").flatMap(Int.init) ?? 100_000
    let runs = max(1, option("--runs").flatMap(Int.init) ?? 5)
    let limit = option("--limit-ms").flatMap(Double.init) ?? 50
    let text: String
    do {
        text = try benchText(file: option("--text"), bytes: size)
    } catch {
        print("tokenize: \(error)")
        exit(1)
    }
    print("tokenize: \(text.utf8.count) bytes of text, median of \(runs) runs")
    var files: [(kind: String, path: String)] = []
    if let p = option("--gguf") ?? environment["TOKENPACE_SMOLLM2_GGUF"] { files.append(("GGUF", p)) }
    if let p = option("--tiktoken") ?? environment["TOKENPACE_CL100K"] { files.append(("tiktoken", p)) }
    if let p = option("--tokenizer-json") { files.append(("tokenizer.json", p)) }
    if files.isEmpty {
        print(
            "(no tokenizer files: pass --gguf/--tiktoken/--tokenizer-json or set TOKENPACE_SMOLLM2_GGUF, TOKENPACE_CL100K)"
        )
    }
    var failed = false
    let clock = ContinuousClock()
    var counters: [(label: String, counter: any TokenCounter)] = [("built-in estimate", BuiltinTokenCounter())]
    for (kind, path) in files {
        do {
            let start = clock.now
            let tokenizer = try TokenizerFile.load(path: path)
            let loaded = seconds(clock.now - start)
            print("\(kind) load: \(String(format: "%.1f", loaded * 1000)) ms  \(tokenizer.name)")
            counters.append((kind, tokenizer))
        } catch {
            print("\(kind): \(error)")
            failed = true
        }
    }
    for (label, counter) in counters {
        var times: [Double] = []
        var count = 0
        for _ in 0..<runs {
            let start = clock.now
            count = counter.count(text)
            times.append(seconds(clock.now - start))
        }
        times.sort()
        let median = times[times.count / 2] * 1000
        let real = label != "built-in estimate"
        let mark =
            real
            ? (median <= limit ? "  (target ≤ \(Int(limit)) ms: PASS)" : "  (target ≤ \(Int(limit)) ms: FAIL)") : ""
        if real && median > limit { failed = true }
        print(
            "\(label.padding(toLength: 18, withPad: " ", startingAt: 0)) \(count) tokens in \(String(format: "%.1f", median)) ms\(mark)"
        )
    }
    if failed { exit(1) }
}

/// `bytes` of text: the given file, else the tokenizer corpus or the samples, repeated and cut at a
/// character boundary.
func benchText(file: String?, bytes: Int) throws -> String {
    var base = ""
    if let file {
        base = try String(contentsOfFile: file, encoding: .utf8)
    } else if let data = FileManager.default.contents(
        atPath: "Tests/TokenPaceCoreTests/Fixtures/tokenizer-oracles.json"),
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let texts = json["texts"] as? [[String: Any]]
    {
        base = texts.compactMap { $0["text"] as? String }.joined(separator: "\n\n")
    } else {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "Samples")) ?? []
        for name in names.sorted() where name.hasSuffix(".md") {
            base += (try? String(contentsOfFile: "Samples/" + name, encoding: .utf8)) ?? ""
        }
    }
    guard !base.isEmpty else {
        throw CocoaError(
            .fileNoSuchFile,
            userInfo: [NSLocalizedDescriptionKey: "no text: run from the package folder or pass --text FILE"])
    }
    var text = ""
    while text.utf8.count < bytes { text += base }
    var out = ""
    for c in text {
        if out.utf8.count + c.utf8.count > bytes { break }
        out.append(c)
    }
    return out
}
