// Per-token cost of a live pane's feed (tokenpace-perf feed).
import Foundation
import TokenPaceCore
import TokenPaceView

/// Feeds a live pane token events through `reduce(.feed …)`, as the dashboard does with what a live
/// stream reports, and times the tokens fed once the answer already holds `at` tokens. The events
/// cycle through a shipped sample's tokens (kinds and all), so every task's useful-signal scan and the
/// code-fence scan see real text.
struct FeedBench {
    let sample: Sample
    /// Tokens timed after the answer reaches its size.
    let window = 1024

    /// A race with one live pane on `sample`'s task.
    func race() -> AppState {
        AppState(
            setups: [PaneSetup(profile: Profile(rate: 200), source: .live(name: "perf"))], sample: sample,
            library: [sample], seed: 1, now: 0)
    }

    /// The `i`-th event: the sample's tokens over and over, 5 ms apart.
    func event(_ i: Int, tokens: [Token]) -> FeedEvent {
        let token = tokens[i % tokens.count]
        return .token(TokenEvent(text: token.text, kind: token.kind, t: 0.3 + Double(i) * 0.005))
    }

    /// Seconds per token fed once the pane holds `at` tokens, and seconds per frame drawn then (a
    /// frame of the one pane, 120×40, every 8 tokens: the cache keeps what earlier frames wrapped).
    func measure(at: Int) -> (feed: Double, frame: Double) {
        let tokens = sample.tokens()
        var state = race()
        let cache = PaneTextCache()
        let size = Size(width: 120, height: 40)
        let start = max(0, at - window)
        for i in 0..<start {
            reduce(
                &state, .feed(paneID: 0, generation: 0, event: event(i, tokens: tokens)), now: 0.3 + Double(i) * 0.005)
            if i % 256 == 0 { _ = Dashboard.render(state, size: size, now: 0.3 + Double(i) * 0.005, cache: cache) }
        }
        _ = Dashboard.render(state, size: size, now: 0.3 + Double(start) * 0.005, cache: cache)
        let clock = ContinuousClock()
        var feedTime = Duration.zero
        var frameTime = Duration.zero
        var frames = 0
        for i in start..<at {
            let now = 0.3 + Double(i) * 0.005
            let e = event(i, tokens: tokens)
            let t0 = clock.now
            reduce(&state, .feed(paneID: 0, generation: 0, event: e), now: now)
            let t1 = clock.now
            feedTime += t1 - t0
            if i % 8 == 7 {
                let buffer = Dashboard.render(state, size: size, now: now, cache: cache)
                frameTime += clock.now - t1
                frames += 1
                precondition(buffer.size == size)
            }
        }
        precondition(state.panes[0].tokens.count == at)
        return (seconds(feedTime) / Double(at - start), seconds(frameTime) / Double(max(1, frames)))
    }
}

func runFeed(runs: Int, sizes: [Int]) throws {
    let library = try SampleLibrary(directory: "Samples")
    print("live feed: reduce(.feed) per token and one frame of the pane, after the answer holds N tokens")
    print("(\(FeedBench(sample: library.samples[0]).window) tokens timed, median of \(runs) runs)")
    let header = ["task", "sample"] + sizes.flatMap { ["feed @\($0 / 1000)k", "frame @\($0 / 1000)k"] }
    print(header.joined(separator: " | "))
    for task in TaskKind.allCases {
        guard let sample = library.samples(for: task).first else { continue }
        let bench = FeedBench(sample: sample)
        var cells = [task.rawValue, sample.id]
        for n in sizes {
            var feeds: [Double] = []
            var frames: [Double] = []
            for _ in 0..<runs {
                let r = bench.measure(at: n)
                feeds.append(r.feed)
                frames.append(r.frame)
            }
            feeds.sort()
            frames.sort()
            cells.append(String(format: "%.2f µs", feeds[feeds.count / 2] * 1e6))
            cells.append(String(format: "%.1f µs", frames[frames.count / 2] * 1e6))
        }
        print(cells.joined(separator: " | "))
    }
}
