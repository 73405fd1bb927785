import Testing

@testable import TokenPaceCore

@Suite struct TraceReplayTests {
    /// A jittery recorded stream: 0.4 s TTFT, gaps between 10 and 70 ms, one 0.5 s stall.
    static func jittery() -> Trace {
        var rng = SeededRandom(seed: 3)
        var t = 0.4
        var events: [TokenEvent] = []
        for i in 0..<200 {
            if i > 0 { t += 0.01 + 0.06 * rng.unit() + (i == 120 ? 0.5 : 0) }
            events.append(TokenEvent(text: " t\(i)", kind: i < 30 ? .reasoning : .answer, t: t))
        }
        return Trace(header: TraceHeader(backend: "openai", task: .reasoning), events: events)
    }

    @Test func originalReplayReproducesTheRecordingThroughAFile() throws {
        let trace = Self.jittery()
        let back = try TraceFile.parse(TraceFile.encode(trace), path: "t")
        let replayed = TraceReplay.times(back, mode: .original)
        let errors = zip(replayed, trace.times).map { abs($0 - $1) }.sorted()
        #expect(errors[errors.count / 2] < 0.001)
        #expect(errors.last! <= 0.5e-6)
        #expect(back.tokens() == trace.tokens())
    }

    @Test func speedHalvesEveryTime() {
        let trace = Self.jittery()
        let fast = TraceReplay.times(trace, mode: .speed(2))
        for (a, b) in zip(fast, trace.times) { #expect(abs(a - b / 2) < 1e-12) }
    }

    @Test func retimedHitsRateAndTTFTAndKeepsTheShape() {
        let trace = Self.jittery()
        let times = TraceReplay.times(trace, mode: .retimed(rate: 21, ttft: 0.3))
        #expect(times[0] == 0.3)
        let m = StreamMetrics(tokens: trace.tokens(), times: times, task: .reasoning, finished: true)
        #expect(abs(m.decodeRate! - 21) < 1e-9)
        // Jitter shape: each gap is the original gap times one common factor.
        let k = (times[1] - times[0]) / (trace.times[1] - trace.times[0])
        for i in 1..<times.count {
            let ratio = (times[i] - times[i - 1]) / (trace.times[i] - trace.times[i - 1])
            #expect(abs(ratio - k) < 1e-6)
        }
        #expect(m.stallCount == 1)
    }

    @Test func retimedCountsMultiTokenPieces() {
        let events = [
            TokenEvent(text: "a", kind: .answer, t: 1, count: 1),
            TokenEvent(text: "bc", kind: .answer, t: 1.2, count: 3),
            TokenEvent(text: "d", kind: .answer, t: 1.3, count: 1),
        ]
        let trace = Trace(header: TraceHeader(backend: "x"), events: events)
        let times = TraceReplay.times(trace, mode: .retimed(rate: 10, ttft: nil))
        #expect(times[0] == 1)
        #expect(abs(times[2] - 1.4) < 1e-12)
    }

    @Test func retimedSpacesEvenlyWhenThereAreNoGaps() {
        let events = (0..<3).map { _ in TokenEvent(text: "x", kind: .answer, t: 0.2, count: 1) }
        let trace = Trace(header: TraceHeader(backend: "x"), events: events)
        let times = TraceReplay.times(trace, mode: .retimed(rate: 10, ttft: 1))
        for (a, b) in zip(times, [1, 1.1, 1.2]) { #expect(abs(a - b) < 1e-12) }
        #expect(times.count == 3)
    }

    @Test func shiftedMovesOnlyTheFirstTokenTime() {
        let trace = Self.jittery()
        let times = TraceReplay.times(trace, mode: .shifted(ttft: 0.05))
        #expect(times[0] == 0.05)
        #expect(abs((times[9] - times[3]) - (trace.times[9] - trace.times[3])) < 1e-12)
    }

    @Test func parsesSpecs() throws {
        #expect(try TraceReplay.parseSpec("trace:run.jsonl") == ("run.jsonl", .original))
        #expect(try TraceReplay.parseSpec("trace:a/b.jsonl@2x") == ("a/b.jsonl", .speed(2)))
        #expect(try TraceReplay.parseSpec("trace:b.jsonl@0.5x") == ("b.jsonl", .speed(0.5)))
        #expect(try TraceReplay.parseSpec("trace:b.jsonl@rate=21") == ("b.jsonl", .retimed(rate: 21, ttft: nil)))
        #expect(
            try TraceReplay.parseSpec("trace:b.jsonl@rate=21@ttft=0.3s") == ("b.jsonl", .retimed(rate: 21, ttft: 0.3)))
        #expect(try TraceReplay.parseSpec("trace:b.jsonl@ttft=300ms") == ("b.jsonl", .shifted(ttft: 0.3)))
        #expect(try TraceReplay.parseSpec("me@host/x.jsonl@2x") == ("me@host/x.jsonl", .speed(2)))
        for bad in [
            "trace:@2x", "trace:x@2x@rate=3", "trace:x@0x", "trace:x@rate=fast", "trace:x@ttft=soon", "trace:x@1e-300x",
            "trace:x@1e308x", "trace:x@rate=1e308", "trace:x@rate=1e-300", "trace:x@ttft=1e300s",
        ] {
            #expect(throws: ValueError.self, "\(bad)") { try TraceReplay.parseSpec(bad) }
        }
    }

    @Test func extremeRetimesStayWithinTheClock() {
        let events = (0..<2000).map { TokenEvent(text: "x", kind: .answer, t: Double($0) * 1e-6, count: 1_000_000) }
        let trace = Trace(header: TraceHeader(backend: "x"), events: events)
        for mode: ReplayMode in [.retimed(rate: 0.1, ttft: nil), .speed(1e-300), .speed(.nan), .speed(.infinity)] {
            let times = TraceReplay.times(trace, mode: mode)
            #expect(times.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= TraceReplay.maxSeconds }, "\(mode)")
        }
        #expect(TraceReplay.times(trace, mode: .retimed(rate: 0.1, ttft: nil)).last == TraceReplay.maxSeconds)
    }
}
