import TokenPaceCore

/// Sends a plan's tokens at `arrival + times[i]`: each wait is to a point fixed from the
/// request's arrival, never a sum of sleeps, so late wake-ups do not add up. Tokens already due
/// when the writer wakes go out in one write.
struct PacedStream: Sendable {
    var plan: StreamPlan
    var arrival: ContinuousClock.Instant
    var opening: String
    var token: @Sendable (Token) -> String
    var closing: String

    func run(sent: Counter, write: (String) async throws -> Void) async throws {
        let times = plan.times
        var i = 0
        // The opening (role chunk) goes with the first token, as servers send it once decoding starts.
        var pending = opening
        while i < plan.tokens.count {
            // One shared timer wakes every stream due at once (see `Pacer`), with no leeway.
            try await Pacer.shared.sleep(until: arrival + .seconds(times[i]))
            let now = ContinuousClock.now
            var text = pending
            pending = ""
            // Chunks are encoded as they fall due, not all at arrival: a burst of work before the first
            // wait would hold up the requests that arrive just after this one.
            let first = i
            repeat {
                text += token(plan.tokens[i])
                i += 1
            } while i < plan.tokens.count && arrival + .seconds(times[i]) <= now
            try await write(text)
            sent.value = i
            sent.tally.wrote(count: i - first, due: times[first], at: (ContinuousClock.now - arrival).seconds)
        }
        try await write(pending + closing)
    }
}
