import NIOCore
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// Decode-path throughput: a synthetic body in one protocol's real wire shape, cut into the 4 KiB
/// `ByteBuffer`s a socket delivers, fed to the decoder a live pane gets (`BackendKind.makeDecoder()`,
/// an `any StreamDecoder`) as `readableBytesView`, exactly as `LiveStream` feeds it.
struct DecodeBench: Sendable {
    var name: String
    var kind: BackendKind
    /// The whole body for `events` token events.
    var body: @Sendable (Int) -> String

    static func make(_ name: String, _ kind: BackendKind, body: @escaping @Sendable (Int) -> String) -> DecodeBench {
        DecodeBench(name: name, kind: kind, body: body)
    }

    /// The body as socket reads, built before the clock starts.
    static func pieces(_ text: String, size: Int = 4096) -> [ByteBuffer] {
        let bytes = Array(text.utf8)
        return stride(from: 0, to: bytes.count, by: size).map {
            ByteBuffer(bytes: bytes[$0..<min(bytes.count, $0 + size)])
        }
    }

    /// Token events decoded from the pieces.
    func run(_ pieces: [ByteBuffer]) -> Int {
        var decoder = kind.makeDecoder()
        var tokens = 0
        for buffer in pieces {
            for e in decoder.feed(buffer.readableBytesView, at: 0) { if case .token = e { tokens += 1 } }
        }
        for e in decoder.finish(at: 0) { if case .token = e { tokens += 1 } }
        return tokens
    }

    static func piece(_ i: Int) -> String { " w\(i % 97)" }

    static let all: [DecodeBench] = [
        // The figure the issue names: a minimal OpenAI chunk.
        make("openai", .openai) { n in
            var s = ""
            s.reserveCapacity(n * 140)
            for i in 0..<n {
                s +=
                    "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\(piece(i))\"},\"finish_reason\":null}]}\n\n"
            }
            return s + "data: [DONE]\n\n"
        },
        // OpenAI chunks as llama-server writes them (ids, model, fingerprint), usage and timings at the end.
        make("openai (llama-server shape)", .openai) { n in
            var s = ""
            s.reserveCapacity(n * 260)
            for i in 0..<n {
                s +=
                    "data: {\"choices\":[{\"finish_reason\":null,\"index\":0,\"delta\":{\"content\":\"\(piece(i))\"}}],\"created\":1795924975,\"id\":\"chatcmpl-fMeg5SpGuR5YUy04RGhFbvF5Qx9VKXXA\",\"model\":\"SmolLM2-135M-Instruct.Q4_1.gguf\",\"system_fingerprint\":\"b0-unknown\",\"object\":\"chat.completion.chunk\"}\n\n"
            }
            s +=
                "data: {\"choices\":[{\"finish_reason\":\"length\",\"index\":0,\"delta\":{}}],\"object\":\"chat.completion.chunk\"}\n\n"
            s +=
                "data: {\"choices\":[],\"usage\":{\"completion_tokens\":\(n),\"prompt_tokens\":53,\"total_tokens\":\(n + 53),\"prompt_tokens_details\":{\"cached_tokens\":0}},\"timings\":{\"cache_n\":0,\"prompt_n\":53,\"prompt_ms\":232.908,\"predicted_n\":\(n),\"predicted_ms\":1818.003,\"predicted_per_second\":109.46}}\n\n"
            return s + "data: [DONE]\n\n"
        },
        make("anthropic", .anthropic) { n in
            var s =
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":30,\"output_tokens\":0}}}\n\n"
            s +=
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            s.reserveCapacity(n * 130)
            for i in 0..<n {
                s +=
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\(piece(i))\"}}\n\n"
            }
            s += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            s +=
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":\(n)}}\n\n"
            return s + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
        },
        make("ollama", .ollama) { n in
            var s = ""
            s.reserveCapacity(n * 120)
            for i in 0..<n {
                s +=
                    "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:00.000000Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\(piece(i))\"},\"done\":false}\n"
            }
            return s
                + "{\"model\":\"llama3.2\",\"created_at\":\"2025-01-01T00:00:01Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4353619900,\"load_duration\":63915300,\"prompt_eval_count\":10,\"prompt_eval_duration\":246847000,\"eval_count\":\(n),\"eval_duration\":4032296000}\n"
        },
        make("llamacpp (native /completion)", .llamacpp) { n in
            var s = ""
            s.reserveCapacity(n * 130)
            for i in 0..<n {
                s +=
                    "data: {\"index\":0,\"content\":\"\(piece(i))\",\"tokens\":[\(i % 5000)],\"stop\":false,\"id_slot\":-1,\"tokens_predicted\":\(i + 1),\"tokens_evaluated\":11}\n\n"
            }
            return s
                + "data: {\"index\":0,\"content\":\"\",\"tokens\":[],\"id_slot\":2,\"stop\":true,\"model\":\"m\",\"tokens_predicted\":\(n),\"tokens_evaluated\":11,\"stop_type\":\"limit\",\"timings\":{\"cache_n\":0,\"prompt_n\":11,\"prompt_ms\":48.576,\"predicted_n\":\(n),\"predicted_ms\":656.946,\"predicted_per_second\":120.25}}\n\n"
        },
    ]

    /// Median events/s over `runs` runs of `events` events each.
    func measure(events: Int, runs: Int, verbose: Bool) -> Double {
        let bytes = Self.pieces(body(events))
        let clock = ContinuousClock()
        var rates: [Double] = []
        for r in 1...runs {
            let start = clock.now
            let tokens = run(bytes)
            let d = clock.now - start
            precondition(tokens == events, "\(name): decoded \(tokens) tokens of \(events)")
            let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            rates.append(Double(tokens) / seconds)
            if verbose {
                print(
                    "  \(name) run \(r): \(events) events in \(Format.fixed(seconds, 3)) s = \(Int(rates.last!)) events/s"
                )
            }
        }
        rates.sort()
        return rates[rates.count / 2]
    }
}
