import AsyncHTTPClient
import Testing

@testable import TokenPaceBackends

/// The live client's pool lets a 256-stream sweep reach one server at once instead of queueing
/// all but AHC's default 8 in the client (measured: TTFT grew by whole answers per 8 streams).
@Suite struct LiveBackendsConfigurationTests {
    @Test func oneHostTakesEveryStreamOfASweepAtOnce() {
        let pool = HTTPClient.Configuration.liveBackends.connectionPool
        #expect(pool.concurrentHTTP1ConnectionsPerHostSoftLimit >= 256 * 2)
        #expect(pool.retryConnectionEstablishment == false)
    }
}
