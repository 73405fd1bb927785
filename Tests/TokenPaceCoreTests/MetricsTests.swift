import Testing
import TokenPaceCore

@Suite struct MetricsTests {
    @Test func ttftCountsReasoningTTFAWaitsForAnswer() {
        let tokens = [Token("a", kind: .reasoning), Token("b", kind: .reasoning), Token("c"), Token("d")]
        let m = StreamMetrics(tokens: tokens, times: [1, 1.1, 1.3, 1.4], task: .chat, finished: true)
        #expect(m.ttft == 1)
        #expect(m.ttfa == 1.3)
        #expect(m.useful == 1.3)
        #expect(m.e2e == 1.4)
        #expect(m.tokens == 4)
        #expect(abs(m.decodeRate! - 3 / 0.4) < 1e-9)
    }

    @Test func e2eOnlyWhenFinished() {
        let m = StreamMetrics(tokens: [Token("a")], times: [0.5], task: .chat, finished: false)
        #expect(m.e2e == nil)
        #expect(m.decodeRate == nil)
    }

    @Test func stallsAndPercentiles() {
        var times: [Double] = []
        var t = 0.0
        for i in 0..<100 {
            t += i == 50 ? 0.6 : 0.01
            times.append(t)
        }
        let m = StreamMetrics(tokens: Fixtures.tokens(100), times: times, task: .chat, finished: true)
        #expect(m.stallCount == 1)
        #expect(abs(m.longestStall - 0.6) < 1e-9)
        #expect(abs(m.itlP50! - 0.01) < 0.0001)
        #expect(m.itlP90! < 0.011)
        #expect(abs(m.itlP99! - 0.6) < 0.001)
    }

    @Test func usefulSignalPerTask() {
        let code = Fixtures.code.tokens()
        let i = Milestones.usefulIndex(tokens: code, task: .code)!
        let upTo = code[0...i].map(\.text).joined()
        #expect(upTo.contains("print(\"hi\")\n"))
        #expect(!code[0..<i].map(\.text).joined().contains("print(\"hi\")\n"))

        let summary = [Token("The"), Token(" plan"), Token(" works"), Token("."), Token(" More")]
        #expect(Milestones.usefulIndex(tokens: summary, task: .summarize) == 3)

        let agent = Fixtures.agent.tokens()
        let a = Milestones.usefulIndex(tokens: agent, task: .agent)!
        #expect(agent[a].kind == .toolCall)
        #expect(agent[a + 1].kind == .toolResult)
    }

    @Test func liveRateCountsLastSecond() {
        let times: [Double] = [0.1, 0.5, 1.2, 1.3, 1.9]
        #expect(StreamMetrics.liveRate(times: times[...], elapsed: 2.0) == 3)
        #expect(StreamMetrics.liveRate(times: times[...], elapsed: 5.0) == 0)
    }
}
