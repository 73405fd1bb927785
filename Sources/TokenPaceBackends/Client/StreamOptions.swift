import Foundation

/// Per-pane limits and inputs of a live stream.
public struct StreamOptions: Sendable {
    /// Longest wait from sending the request to the first byte of the body. Generous by default:
    /// a long prompt on a CPU can take minutes to prefill, and that wait is what is being measured.
    public var firstByteTimeout: Duration
    /// Longest silence once the body has started (SSE comments and keep-alives count as activity).
    public var idleTimeout: Duration
    /// Where API keys named by the spec are looked up.
    public var environment: [String: String]
    /// Keeps what was sent and every read with its time, so the stream can be saved as a trace.
    public var capture: LiveCapture?

    public init(
        firstByteTimeout: Duration = .seconds(300), idleTimeout: Duration = .seconds(60),
        environment: [String: String] = ProcessInfo.processInfo.environment, capture: LiveCapture? = nil
    ) {
        self.firstByteTimeout = firstByteTimeout
        self.idleTimeout = idleTimeout
        self.environment = environment
        self.capture = capture
    }
}
