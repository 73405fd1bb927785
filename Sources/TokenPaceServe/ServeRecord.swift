import TokenPaceCore

/// One served request, for the log and for anyone watching the server (tests).
public struct ServeRecord: Sendable, Equatable {
    public var client: String
    public var method: String
    public var path: String
    public var status: Int
    public var stream: Bool
    public var promptTokens: Int
    public var plannedTokens: Int
    public var sentTokens: Int
    /// False when the stream ended early: the client left, or the server was stopping.
    public var completed: Bool
    /// The stream ended early because the server was stopping, not because the client left.
    public var serverStopped = false
    public var ttft: Double?
    public var rate: Double?
    public var started: ContinuousClock.Instant
    public var ended: ContinuousClock.Instant
    /// A streamed reply's pacing by the server's own clock (nil for other requests).
    public var pace: PaceTally?
    /// Seconds from the server's start to this request's arrival: lines up requests sent together.
    public var arrived: Double?

    /// The request line written to stderr: who, what, and the pace it got.
    public var logLine: String {
        let seconds = (ended - started).seconds
        var parts = ["\(client) \(method) \(path) \(status)"]
        if plannedTokens > 0 || path.contains("chat") {
            parts.append(stream ? "stream" : "whole")
            parts.append("rate \(Format.tokensPerSecond(rate))")
            parts.append("ttft \(ttft.map { Format.fixed($0, 3) + "s" } ?? Format.missing)")
            parts.append("prompt \(promptTokens) tok")
            parts.append(
                completed
                    ? "sent \(sentTokens) tok"
                    : "\(serverStopped ? "server stopped" : "client left") after \(sentTokens)/\(plannedTokens) tok")
        }
        parts.append("in \(Format.fixed(seconds, 3))s")
        if let pace {
            // Milliseconds with two decimals: the late figures are sub-millisecond on a quiet machine.
            func ms(_ s: Double?) -> String { s.map { "+" + Format.fixed($0 * 1000, 2) + " ms" } ?? Format.missing }
            parts.append(
                "pace: first token \(ms(pace.firstLate)), worst \(ms(pace.worstLate)), sent at "
                    + (pace.sentRate.map { Format.fixed($0, 2) + " tok/s" } ?? Format.missing))
        }
        if let arrived { parts.append("arrived \(Format.fixed(arrived, 6))s") }
        return parts.joined(separator: "  ")
    }
}
