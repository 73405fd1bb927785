import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore

/// TTFT overhead: the same streaming request, sent alternately by tokenpace's live path and by
/// `RawClient`, to the same server.
///
/// tokenpace's side is what `tokenpace bench` and a live pane measure: `LiveStream` over the
/// shared `HTTPClient`, reduced by `BenchRecorder` (`BenchLive.collect`), TTFT = the first
/// token's arrival time from the instant the request is handed over. The raw side times from
/// just before `send` to the read that brought the first line carrying a token. Pairs run in
/// ABBA order so drift and order effects cancel; each pair's difference is tokenpace − raw.
struct TTFTBench {
    var spec: BackendSpec
    var prompt: String
    var runs: Int
    var warmup: Int
    var limitMs: Double

    func run() async throws {
        let request = try spec.request(messages: [.user(prompt)])
        let raw = try RawClient(url: request.url, method: request.method, headers: request.headers, body: request.body)
        let stream = LiveStream(spec: spec, prompt: prompt)
        let client = HTTPClient.makeForLiveBackends()
        do {
            try await measure(stream, raw, client: client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func measure(_ stream: LiveStream, _ raw: RawClient, client: HTTPClient) async throws {
        print("TTFT: \(spec)")
        print("prompt: \(prompt.debugDescription); \(runs) pairs after \(warmup) warm-up pairs, ABBA order")
        var tp: [Double] = []
        var rw: [Double] = []
        var failures: [String] = []
        var connects: [Double] = []
        // Pair i runs tokenpace first when i is even, raw first when odd (ABBA...). A pair with a
        // failed request is dropped and run again in the same order, so the orders stay balanced.
        var i = 0
        while tp.count < runs {
            guard failures.count <= runs else { throw RawClient.Failure(description: "too many failed requests") }
            let tokenpaceFirst = i % 2 == 0
            let a: Result<Double, Error>
            let b: Result<Double, Error>
            if tokenpaceFirst {
                a = await attempt { try await tokenpace(stream, client: client) }
                b = Result { try rawTTFT(raw, connects: &connects) }
            } else {
                b = Result { try rawTTFT(raw, connects: &connects) }
                a = await attempt { try await tokenpace(stream, client: client) }
            }
            guard case .success(let x) = a, case .success(let y) = b else {
                for case .failure(let e) in [a, b] { failures.append("\(e)") }
                print(
                    "  pair dropped (\(tokenpaceFirst ? "tokenpace" : "raw") first), run again: \(failures.last ?? "")")
                continue
            }
            i += 1
            guard i > warmup else { continue }
            tp.append(x)
            rw.append(y)
            print("  pair \(tp.count): tokenpace \(ms(x)) ms, raw \(ms(y)) ms, diff \(ms(x - y)) ms")
        }
        let diffs = zip(tp, rw).map { $0 - $1 }
        let medianDiff = percentile(diffs, 0.5)
        print("tokenpace TTFT: median \(ms(percentile(tp, 0.5))) ms, p90 \(ms(percentile(tp, 0.9))) ms")
        print(
            "raw socket TTFT: median \(ms(percentile(rw, 0.5))) ms, p90 \(ms(percentile(rw, 0.9))) ms "
                + "(its connect, before the clock starts: median \(ms(percentile(connects, 0.5))) ms)")
        print(
            "paired difference (tokenpace − raw): median \(ms(medianDiff)) ms, p90 \(ms(percentile(diffs, 0.9))) ms, "
                + "min \(ms(diffs.min() ?? 0)) ms, max \(ms(diffs.max() ?? 0)) ms, n \(diffs.count)")
        if !failures.isEmpty { print("failed requests (their pairs dropped and run again): \(failures.count)") }
        let pass = medianDiff <= limitMs / 1000
        print(
            "\(pass ? "PASS" : "FAIL"): median paired difference \(ms(medianDiff)) ms \(pass ? "≤" : ">") \(Format.fixed(limitMs, 1)) ms"
        )
    }

    private func tokenpace(_ stream: LiveStream, client: HTTPClient) async throws -> Double {
        let result = await BenchLive.collect(
            stream, client: client, start: ContinuousClock.now, task: .chat,
            stallThreshold: StreamMetrics.defaultStallThreshold)
        if let failure = result.failure { throw RawClient.Failure(description: "tokenpace: \(failure)") }
        guard let ttft = result.metrics.ttft else { throw RawClient.Failure(description: "tokenpace: no token") }
        return ttft
    }

    private func rawTTFT(_ raw: RawClient, connects: inout [Double]) throws -> Double {
        let r = try raw.firstToken()
        connects.append(r.connect)
        guard let t = r.ttft else { throw RawClient.Failure(description: "raw: no token") }
        return t
    }

    private func attempt<T>(_ body: () async throws -> T) async -> Result<T, Error> {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    private func ms(_ seconds: Double) -> String { Format.fixed(seconds * 1000, 3) }

    /// Nearest-rank percentile; the median of an even count is the mean of the middle two.
    private func percentile(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        if p == 0.5 { return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        return s[min(s.count - 1, max(0, Int((p * Double(s.count)).rounded(.up)) - 1))]
    }
}
