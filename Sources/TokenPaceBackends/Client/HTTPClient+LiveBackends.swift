import AsyncHTTPClient

extension HTTPClient.Configuration {
    /// Settings for live panes: fail at once and say why.
    ///
    /// AHC's default retries a failed connection until the connect timeout, so a refused
    /// connection or an unknown host would only show up as a timeout; panes want the real cause.
    ///
    /// Idle connections are closed after 2 s, before the servers do (llama.cpp's and uvicorn's
    /// keep-alive is 5 s): a request sent on a connection the server is closing at that moment
    /// would fail as a reset that is nobody's fault.
    ///
    /// Up to 1,024 connections to one host: AHC's default of 8 would queue a load sweep's streams
    /// in the client, where their wait would be read as the server's TTFT.
    public static var liveBackends: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 1024
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.idleTimeout = .seconds(2)
        configuration.timeout.connect = .seconds(10)
        return configuration
    }
}

extension HTTPClient {
    /// A client configured for live panes (`.liveBackends`); shut it down when done with it.
    public static func makeForLiveBackends() -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton, configuration: .liveBackends)
    }
}
