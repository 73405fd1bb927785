import AsyncHTTPClient

extension LiveStream {
    /// Warms up `count` connections to this stream's server and leaves them idle in `client`'s
    /// pool, as a load generator does before it measures: a level's requests then go on open
    /// connections, and their TTFT holds no TCP connect and no first-request set-up.
    ///
    /// Each connection carries this very request cut to one token, all `count` at once, so each
    /// needs its own connection while the server works on it (a quick reply ends and hands its
    /// connection to the next warm-up request, so a server that answers faster than it accepts
    /// may leave fewer open). What they return is not kept; failures leave the level to open
    /// what it needs itself, as without a warm-up.
    public func openConnections(_ count: Int, client: HTTPClient) async {
        guard count > 0 else { return }
        var warmUp = self
        warmUp.spec.maxTokens = 1
        let request = warmUp
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    for await _ in request.events(client: client) {}
                }
            }
        }
    }
}
