import TokenPaceCore

@testable import TokenPaceServe

/// Runs a server on a free loopback port for one test and hands out its finished requests.
struct ServeHarness {
    let port: Int
    let records: AsyncStream<ServeRecord>

    static func with(
        _ options: ServeOptions, _ body: (ServeHarness) async throws -> Void
    ) async throws {
        var options = options
        options.port = 0
        let (records, recordSink) = AsyncStream.makeStream(of: ServeRecord.self)
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = PaceServer(options: options) { recordSink.yield($0) }
        let task = Task { try await server.run(onRunning: { portSink.yield($0) }) }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { return }
        do {
            try await body(ServeHarness(port: port, records: records))
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
        task.cancel()
        _ = try? await task.value
    }

    /// The next `n` finished requests, in the order they finished.
    func next(_ n: Int) async -> [ServeRecord] {
        var out: [ServeRecord] = []
        for await r in records {
            out.append(r)
            if out.count == n { break }
        }
        return out
    }

    static let tokens: [Token] = [
        Token("Let", kind: .reasoning), Token(" me", kind: .reasoning), Token(" think.", kind: .reasoning),
        Token("Hello"), Token(","), Token(" wörld"), Token(" 🚀"), Token("\n\nDone."),
    ]

    /// The server's options; reasoning is off unless asked for, as in `tokenpace serve`.
    static func options(
        rate: Double = 2000, ttft: Double = 0, tokens: [Token] = ServeHarness.tokens, reasoning: Bool = false
    ) -> ServeOptions {
        ServeOptions(
            model: "pace-test", tokens: tokens,
            pacing: .profile(Profile(rate: rate, firstToken: .fixed(ttft)), seed: 1),
            reasoning: reasoning)
    }
}

/// Data payloads of an SSE body (the server writes LF-separated events with one data line).
func sseData(_ body: String) -> [String] {
    body.components(separatedBy: "\n\n").compactMap { event in
        event.hasPrefix("data: ") ? String(event.dropFirst(6)) : nil
    }
}
