import Testing

@testable import TokenPaceServe

@Suite struct PaceTallyTests {
    @Test func firstWorstAndSentRateFromWriteTimes() {
        var tally = PaceTally()
        #expect(tally.firstLate == nil && tally.worstLate == nil && tally.sentRate == nil)
        tally.wrote(count: 1, due: 0.200, at: 0.2005)
        // Two tokens due at 0.22 and 0.24 go out together, 30 ms after the first was due.
        tally.wrote(count: 2, due: 0.220, at: 0.250)
        tally.wrote(count: 1, due: 0.260, at: 0.261)
        #expect(abs(tally.firstLate! - 0.0005) < 1e-12)
        #expect(abs(tally.worstLate! - 0.030) < 1e-12)
        // 4 tokens written from 0.2005 to 0.261: 3 gaps in 60.5 ms.
        #expect(abs(tally.sentRate! - 3 / 0.0605) < 1e-9)
    }

    @Test func aWriteBeforeItsTimeCountsAsOnTimeAndEmptyWritesAreNotTokens() {
        var tally = PaceTally()
        tally.wrote(count: 0, due: 0.1, at: 0.5)
        #expect(tally.firstLate == nil)
        tally.wrote(count: 3, due: 0.1, at: 0.099)
        #expect(tally.firstLate == 0 && tally.worstLate == 0)
        // Every token in one write: no time between first and last, no rate.
        #expect(tally.sentRate == nil)
    }

    @Test func logLineCarriesThePaceAndTheArrival() {
        let t = ContinuousClock.now
        var tally = PaceTally()
        tally.wrote(count: 1, due: 0.5, at: 0.50031)
        tally.wrote(count: 1, due: 0.55, at: 0.5512)
        var r = ServeRecord(
            client: "127.0.0.1:5000", method: "POST", path: "/v1/chat/completions", status: 200, stream: true,
            promptTokens: 12, plannedTokens: 2, sentTokens: 2, completed: true, ttft: 0.5, rate: 20, started: t,
            ended: t + .milliseconds(552))
        r.pace = tally
        r.arrived = 3.25
        #expect(
            r.logLine
                == "127.0.0.1:5000 POST /v1/chat/completions 200  stream  rate 20.0 tok/s  ttft 0.500s  prompt 12 tok  sent 2 tok  in 0.552s  pace: first token +0.31 ms, worst +1.20 ms, sent at 19.65 tok/s  arrived 3.250000s"
        )
    }
}
