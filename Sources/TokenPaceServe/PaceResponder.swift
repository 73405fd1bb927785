import Foundation
import Hummingbird
import NIOCore
import TokenPaceCore

/// Routes the few endpoints a chat client calls and paces every streamed reply on its own clock.
///
/// A plain responder rather than a router: unknown paths must answer 404 and known paths with
/// the wrong method 405, both with an OpenAI-style JSON error body clients can show.
struct PaceResponder: HTTPResponder {
    typealias Context = ServeContext

    let options: ServeOptions
    let onRecord: @Sendable (ServeRecord) -> Void
    /// When the server started: request lines give their arrival from here.
    var started = ContinuousClock.now

    enum Route: Equatable {
        case chat, models, model(String), ollamaChat, ollamaTags
    }

    static let routes: [String: (HTTPRequest.Method, Route)] = [
        "/v1/chat/completions": (.post, .chat), "/chat/completions": (.post, .chat), "/v1/models": (.get, .models),
        "/models": (.get, .models), "/api/chat": (.post, .ollamaChat), "/api/tags": (.get, .ollamaTags),
    ]

    /// `/v1/models/{id}` (and `/models/{id}`) besides the fixed routes.
    static func route(_ path: String) -> (HTTPRequest.Method, Route)? {
        if let fixed = routes[path] { return fixed }
        for prefix in ["/v1/models/", "/models/"] where path.hasPrefix(prefix) && path.count > prefix.count {
            let id = String(path.dropFirst(prefix.count))
            return (.get, .model(id.removingPercentEncoding ?? id))
        }
        return nil
    }

    func respond(to request: Request, context: ServeContext) async throws -> Response {
        let arrival = ContinuousClock.now
        var record = ServeRecord(
            client: context.client, method: request.method.rawValue, path: request.uri.path, status: 200, stream: false,
            promptTokens: 0, plannedTokens: 0, sentTokens: 0, completed: true, ttft: nil, rate: nil, started: arrival,
            ended: arrival)
        record.arrived = (arrival - started).seconds
        let path =
            request.uri.path.count > 1 && request.uri.path.hasSuffix("/")
            ? String(request.uri.path.dropLast()) : request.uri.path
        guard let (method, route) = Self.route(path) else {
            return finishError(
                &record, .notFound, "no route for \(request.method.rawValue) \(request.uri.path)", "not_found_error")
        }
        guard request.method == method || (method == .get && request.method == .head) else {
            var r = finishError(
                &record, .methodNotAllowed,
                "\(request.uri.path) takes \(method.rawValue), not \(request.method.rawValue)",
                "method_not_allowed")
            r.headers[.allow] = method.rawValue
            return r
        }
        switch route {
        case .models:
            return finishJSON(&record, OpenAIWire.models(options.model, created: Int(Date().timeIntervalSince1970)))
        case .model(let id):
            // Chat requests are answered whatever model they name, so every model exists.
            return finishJSON(&record, OpenAIWire.model(id, created: Int(Date().timeIntervalSince1970)))
        case .ollamaTags:
            let body = JSONValue.fields([
                ("models", .array([.fields([("name", .string(options.model)), ("model", .string(options.model))])]))
            ]).tight
            return finishJSON(&record, body)
        case .chat, .ollamaChat:
            var req = request
            let buffer: ByteBuffer
            do {
                buffer = try await req.collectBody(upTo: 64 << 20)
            } catch {
                return finishError(
                    &record, .contentTooLarge, "the request body is larger than 64 MB", "invalid_request_error")
            }
            let chat: ChatRequest
            do {
                chat = try ChatRequest.parse(String(buffer: buffer), ollama: route == .ollamaChat)
            } catch {
                return finishError(&record, .badRequest, error.description, "invalid_request_error")
            }
            if chat.loadOnly {
                // As Ollama: a chat without messages loads the model and is answered at once, whole.
                let wire = OllamaWire(model: chat.model ?? options.model, createdAt: Date().ISO8601Format())
                return finishJSON(&record, wire.loaded())
            }
            // Reasoning only when the server was started with it; Ollama's `think: false` still turns it off.
            let reasoning = options.reasoning && !(route == .ollamaChat && chat.think == false)
            let plan = StreamPlan.make(options: options, request: chat, reasoning: reasoning)
            record.stream = chat.stream
            record.promptTokens = plan.promptTokens
            record.plannedTokens = plan.completionTokens
            record.ttft = plan.ttft
            record.rate = plan.rate
            let model = chat.model ?? options.model
            if route == .chat {
                let wire = OpenAIWire(
                    id: "chatcmpl-tokenpace-" + String(UInt64.random(in: 0...UInt64.max), radix: 36),
                    created: Int(Date().timeIntervalSince1970), model: model)
                return openAI(plan: plan, chat: chat, wire: wire, arrival: arrival, record: record)
            }
            let wire = OllamaWire(model: model, createdAt: Date().ISO8601Format())
            return ollama(plan: plan, chat: chat, wire: wire, arrival: arrival, record: record)
        }
    }

    private func openAI(
        plan: StreamPlan, chat: ChatRequest, wire: OpenAIWire, arrival: ContinuousClock.Instant, record: ServeRecord
    )
        -> Response
    {
        guard chat.stream else {
            return whole(plan: plan, arrival: arrival, record: record, contentType: "application/json") {
                wire.completion(plan)
            }
        }
        let stream = PacedStream(
            plan: plan, arrival: arrival, opening: wire.roleChunk(), token: wire.tokenChunk,
            closing: wire.finishChunk(plan.finishReason) + (chat.includeUsage ? wire.usageChunk(plan) : "")
                + OpenAIWire.done)
        return streamed(stream, record: record, contentType: "text/event-stream")
    }

    private func ollama(
        plan: StreamPlan, chat: ChatRequest, wire: OllamaWire, arrival: ContinuousClock.Instant, record: ServeRecord
    )
        -> Response
    {
        guard chat.stream else {
            return whole(plan: plan, arrival: arrival, record: record, contentType: "application/json") {
                wire.whole(plan)
            }
        }
        let stream = PacedStream(
            plan: plan, arrival: arrival, opening: "", token: wire.tokenLine, closing: wire.finalLine(plan))
        return streamed(stream, record: record, contentType: "application/x-ndjson")
    }

    /// A non-streaming reply still takes as long as the stream would: it is sent at the last
    /// token's time.
    private func whole(
        plan: StreamPlan, arrival: ContinuousClock.Instant, record: ServeRecord, contentType: String,
        body: @escaping @Sendable () -> String
    ) -> Response {
        let onRecord = self.onRecord
        let log = options.log
        return Response(
            status: .ok, headers: [.contentType: contentType],
            body: ResponseBody { writer in
                var record = record
                try await Task.sleep(until: arrival + .seconds(plan.e2e), tolerance: .zero, clock: .continuous)
                try await writer.write(ByteBuffer(string: body()))
                try await writer.finish(nil)
                record.sentTokens = plan.completionTokens
                record.ended = .now
                log(record.logLine)
                onRecord(record)
            })
    }

    private func streamed(_ stream: PacedStream, record: ServeRecord, contentType: String) -> Response {
        let onRecord = self.onRecord
        let log = options.log
        return Response(
            status: .ok, headers: [.contentType: contentType, .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                var record = record
                let sent = Counter()
                do {
                    try await stream.run(sent: sent) { text in try await writer.write(ByteBuffer(string: text)) }
                    try await writer.finish(nil)
                } catch {
                    // The client went away (or the server is stopping): end this stream only.
                    record.completed = false
                    record.serverStopped = Task.isCancelled
                }
                record.sentTokens = sent.value
                record.pace = sent.tally
                record.ended = .now
                log(record.logLine)
                onRecord(record)
                if !record.completed { throw CancellationError() }
            })
    }

    private func finishJSON(_ record: inout ServeRecord, _ body: String) -> Response {
        record.ended = .now
        options.log(record.logLine)
        onRecord(record)
        return Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    private func finishError(
        _ record: inout ServeRecord, _ status: HTTPResponse.Status, _ message: String, _ type: String
    )
        -> Response
    {
        record.status = status.code
        record.ended = .now
        options.log(record.logLine + "  (\(message))")
        onRecord(record)
        let body = JSONValue.fields([
            (
                "error",
                .fields([
                    ("message", .string(message)), ("type", .string(type)), ("code", .number(Double(status.code))),
                ])
            )
        ]).tight
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Tokens sent so far and how late they went; read after the stream ends, from the same task.
final class Counter: @unchecked Sendable {
    var value = 0
    var tally = PaceTally()
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
