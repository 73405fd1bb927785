import Foundation
import TokenPaceCore

/// OpenAI Chat Completions streaming (`data: {chunk}` ... `data: [DONE]`), as spoken by OpenAI,
/// llama.cpp, vLLM, SGLang, LM Studio, OpenRouter, Groq and Ollama's `/v1`.
///
/// Role-only and empty deltas are not tokens; `reasoning_content` and `reasoning` are both
/// reasoning; `tool_calls` fragments become tool-call tokens; the usage chunk may have
/// `choices: []`, `null` or none; llama.cpp's `timings` become `.serverTimings`.
public struct OpenAIChatDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var finishReason: String?
    private var done = false

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>, at t: Double) -> [BackendEvent] {
        var out: [BackendEvent] = []
        for event in sse.feed(bytes) where !done {
            out += handle(event, at: t)
        }
        return out
    }

    public mutating func finish(at t: Double) -> [BackendEvent] {
        guard !done else { return [] }
        done = true
        return [.failed(.incompleteStream(expected: "data: [DONE]"))]
    }

    private mutating func handle(_ event: SSEEvent, at t: Double) -> [BackendEvent] {
        if event.type == "error" {
            done = true
            let body = ServerErrorBody.message(in: event.data) ?? "unknown error"
            return [.failed(.streamError(message: body, type: nil))]
        }
        if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
            done = true
            return [.finished(reason: finishReason)]
        }
        let chunk: Chunk
        switch Decoding.decode(Chunk.self, event.data) {
        case .success(let c): chunk = c
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let error = chunk.error {
            done = true
            return [.failed(.streamError(message: error.message, type: error.type))]
        }
        var out: [BackendEvent] = []
        for choice in chunk.choices ?? [] {
            if let delta = choice.delta {
                let reasoning = [delta.reasoningContent, delta.reasoning].compactMap { $0 }.first { !$0.isEmpty }
                out += [
                    Decoding.token(reasoning, .reasoning, t),
                    Decoding.token(delta.content, .answer, t),
                    Decoding.token(delta.refusal, .answer, t),
                ].compactMap { $0 }
                for call in delta.toolCalls ?? [] {
                    let text = (call.function?.name ?? "") + (call.function?.arguments ?? "")
                    if let token = Decoding.token(text, .toolCall, t) { out.append(token) }
                }
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        if let usage = chunk.usage {
            out.append(
                .usage(
                    Usage(
                        promptTokens: usage.promptTokens ?? 0, completionTokens: usage.completionTokens ?? 0,
                        reasoningTokens: usage.completionTokensDetails?.reasoningTokens,
                        cachedTokens: usage.promptTokensDetails?.cachedTokens)))
        }
        if let timings = chunk.timings { out.append(.serverTimings(timings.serverTimings)) }
        return out
    }

    private struct Chunk: Decodable {
        var choices: [Choice]?
        var usage: ChunkUsage?
        var timings: LlamaTimings?
        var error: ServerErrorBody?
    }

    private struct Choice: Decodable {
        var delta: Delta?
        var finishReason: String?
    }

    private struct Delta: Decodable {
        var content: String?
        var reasoningContent: String?
        var reasoning: String?
        var refusal: String?
        var toolCalls: [ToolCall]?
    }

    private struct ToolCall: Decodable {
        struct Function: Decodable {
            var name: String?
            var arguments: String?
        }
        var function: Function?
    }

    private struct ChunkUsage: Decodable {
        struct CompletionDetails: Decodable { var reasoningTokens: Int? }
        struct PromptDetails: Decodable { var cachedTokens: Int? }
        var promptTokens: Int?
        var completionTokens: Int?
        var completionTokensDetails: CompletionDetails?
        var promptTokensDetails: PromptDetails?
    }
}
