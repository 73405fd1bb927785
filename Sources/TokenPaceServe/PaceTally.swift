/// How a stream kept to its plan by the server's own clock: when each write of tokens was handed to
/// the connection against when the plan had its first token due. This is the server's pacing, free
/// of connection set-up and of how fast the client reads.
public struct PaceTally: Sendable, Equatable {
    /// Seconds the first token was written after its planned time; nil before any token.
    public private(set) var firstLate: Double?
    /// The most any write was late against its earliest token's planned time.
    public private(set) var worstLate: Double?
    private var firstWritten: Double?
    private var lastWritten: Double?
    private var tokens = 0

    public init() {}

    /// One write that held `count` tokens, the first of them due `due` seconds after the request
    /// arrived, handed over `written` seconds after it arrived.
    public mutating func wrote(count: Int, due: Double, at written: Double) {
        guard count > 0 else { return }
        let late = max(0, written - due)
        if firstLate == nil {
            firstLate = late
            firstWritten = written
        }
        worstLate = max(worstLate ?? late, late)
        lastWritten = written
        tokens += count
    }

    /// The decode rate as the server sent it, by the client's definition: (n − 1) ÷ (t_last − t_first),
    /// with the tokens of one write sharing its time; nil for fewer than two tokens or one write.
    public var sentRate: Double? {
        guard tokens > 1, let first = firstWritten, let last = lastWritten, last > first else { return nil }
        return Double(tokens - 1) / (last - first)
    }
}
