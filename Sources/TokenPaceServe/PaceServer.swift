import Hummingbird
import NIOCore
import TokenPaceCore

/// `tokenpace serve`: an OpenAI- and Ollama-compatible server that answers at a chosen pace, so
/// an app can be tried at 10, 21 or 60 tok/s with a real client library.
public struct PaceServer: Sendable {
    public var options: ServeOptions
    /// Called once per finished request (the log line is written already).
    public var onRecord: @Sendable (ServeRecord) -> Void

    public init(options: ServeOptions, onRecord: @escaping @Sendable (ServeRecord) -> Void = { _ in }) {
        self.options = options
        self.onRecord = onRecord
    }

    static func warmUp(_ options: ServeOptions) {
        let request = ChatRequest(
            model: nil, prompt: "Warm up the prompt counter, please.", stream: true, includeUsage: true, maxTokens: nil,
            think: nil)
        let plan = StreamPlan.make(options: options, request: request, reasoning: true)
        let wire = OpenAIWire(id: "warm-up", created: 0, model: options.model)
        _ = plan.tokens.prefix(8).map(wire.tokenChunk)
        _ = OllamaWire(model: options.model, createdAt: "").finalLine(plan)
    }

    /// Serves until the task is cancelled (or SIGINT/SIGTERM when `handleSignals`); `onRunning`
    /// gets the bound port (useful with port 0).
    public func run(handleSignals: Bool = false, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        let responder = PaceResponder(options: options, onRecord: onRecord)
        // The first request would otherwise pay for first use (the prompt counter's tables, the
        // schedule, the wire encoders) inside its TTFT.
        Self.warmUp(options)
        var app = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "tokenpace"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        // Requests are logged by the responder, one line each; the framework's own lines (start-up
        // on stdout, cancelled channels at shutdown) would only add noise.
        app.logger.logLevel = .critical
        if handleSignals {
            try await app.runService()
        } else {
            try await app.runService(gracefulShutdownSignals: [])
        }
    }
}
