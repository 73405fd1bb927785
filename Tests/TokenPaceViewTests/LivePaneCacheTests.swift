import Testing
import TokenPaceCore
import TokenPaceView

/// A live pane's answer grows within one run: frames drawn with the cache that kept the earlier
/// frames' wrapped text and counts show what a frame drawn from nothing shows.
@Suite struct LivePaneCacheTests {
    @Test(arguments: [TaskKind.code, .reasoning, .agent])
    func growingLiveAnswerDrawsAsFromScratch(task: TaskKind) throws {
        let sample = try #require(DashboardSnapshotTests.library.samples(for: task).first)
        var state = AppState(
            setups: [
                PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol")),
                PaneSetup(profile: Profile(rate: 40)),
            ], sample: sample, library: [sample], seed: 1, now: 0)
        let cache = PaneTextCache()
        let size = Size(width: 100, height: 30)
        let tokens = sample.tokens()
        var frames = 0
        for (i, token) in tokens.enumerated() {
            let t = 0.3 + Double(i) * 0.02
            let event = TokenEvent(text: token.text, kind: token.kind, t: t, count: 1 + i % 2)
            reduce(&state, .feed(paneID: 0, generation: 0, event: .token(event)), now: t)
            // Frames at irregular token counts, as a run loop draws several tokens at once.
            guard i % 29 == 3 || i % 29 == 10 || i == tokens.count - 1 else { continue }
            let kept = Dashboard.render(state, size: size, now: t + 0.01, cache: cache)
            let fresh = Dashboard.render(state, size: size, now: t + 0.01)
            guard kept == fresh else {
                Issue.record("\(sample.id): frame after \(i + 1) tokens differs from one drawn from nothing")
                return
            }
            frames += 1
        }
        reduce(
            &state, .feed(paneID: 0, generation: 0, event: .finished(at: 0.3 + Double(tokens.count) * 0.02)), now: 60)
        #expect(
            Dashboard.render(state, size: size, now: 60, cache: cache) == Dashboard.render(state, size: size, now: 60))
        // The piece count (1 or 2 tokens a piece) is drawn from the cached sum.
        let pieces = (0..<tokens.count).reduce(0) { $0 + 1 + $1 % 2 }
        #expect(Dashboard.render(state, size: size, now: 60, cache: cache).text.contains("\(pieces) tok"))
        #expect(frames > 10)
    }
}
