import Foundation
import Testing
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView
import TokenPaceWire

@testable import TokenPaceApp

/// The runtime driven headless: keys and live reports in at chosen instants on a manual clock,
/// screen text out. No terminal, no sleeping, no network.
@Suite struct RuntimeTests {
    static let size = Size(width: 120, height: 40)

    func program(_ config: DashboardConfig, script: [(t: Double, input: MemoryScreen.Input)] = [])
        throws -> (Program<DashboardModel>, MemoryScreen)
    {
        let clock = ManualClock()
        let screen = MemoryScreen(size: Self.size, clock: clock, script: script)
        let program = DashboardApp.makeProgram(try config.resolve(), screen: screen, clock: clock)
        program.cpuTime = { 0 }
        return (program, screen)
    }

    @Test func qQuitsWithZeroAndCtrlCWith130() throws {
        let (quit, quitScreen) = try program(Repo.dashboard(), script: [(1, .key(.char("q")))])
        #expect(quit.run() == 0)
        #expect(quitScreen.started && quitScreen.stopped)
        let (interrupt, _) = try program(Repo.dashboard(), script: [(1, .key(.ctrlC))])
        #expect(interrupt.run() == 130)
    }

    @Test func tokensAppearOnScheduleAndClocksFreeze() throws {
        // One pane at 10 tok/s with a fixed 0.5 s first token: nothing before 0.5 s, tokens after.
        let (p, screen) = try program(
            Repo.dashboard {
                $0.rates = "10"
                $0.ttft = "0.5s"
            }, script: [(3, .key(.char("q")))])
        #expect(p.run() == 0)
        let before = screen.text(at: 0.4)
        let after = screen.text(at: 2.9)
        // The default chat sample's answer begins "You can move the commit's changes…".
        #expect(before.contains("TTFT") && !before.contains("You can"))
        #expect(after.contains("You can move the commit"))
        // The runtime slept between frames: frames follow tokens and clock digits, not a fixed tick.
        #expect(screen.frames.count < 200)
        #expect(screen.frames.map(\.t) == screen.frames.map(\.t).sorted())
    }

    @Test func exitWhenDoneEndsWithZeroOnceEveryPaneFinished() throws {
        let (p, screen) = try program(
            Repo.dashboard {
                $0.rates = "5000"
                $0.ttft = "0.1s"
                $0.exitWhenDone = true
            })
        #expect(p.run() == 0)
        let last = try #require(screen.frames.last)
        #expect(last.t < 5)
        let done = p.model.state.allDone(now: last.t)
        #expect(done)
    }

    @Test func helpOverlayOpensAndClosesWithKeys() throws {
        let (p, screen) = try program(
            Repo.dashboard(), script: [(0.2, .key(.char("?"))), (0.4, .key(.char("?"))), (0.6, .key(.char("q")))])
        #expect(p.run() == 0)
        #expect(!screen.text(at: 0.1).contains("Keys"))
        #expect(screen.text(at: 0.3) != screen.text(at: 0.1))
        #expect(screen.text(at: 0.5).contains("TTFT"))
    }

    @Test func resizeRedrawsAtTheNewSize() throws {
        let (p, screen) = try program(
            Repo.dashboard(), script: [(0.5, .resize(Size(width: 40, height: 12))), (0.7, .key(.char("q")))])
        #expect(p.run() == 0)
        let small = try #require(screen.frames.last)
        #expect(small.buffer.size == Size(width: 40, height: 12))
    }

    @Test func liveReportsWakeTheLoopAndTokensShow() throws {
        let run = LiveRun(paneID: 0, generation: 0)
        var script: [(t: Double, input: MemoryScreen.Input)] = []
        let clock = ManualClock()
        let screen = MemoryScreen(size: Self.size, clock: clock)
        let setup = try Repo.dashboard { $0.panes = ["openai:http://127.0.0.1:9/v1"] }.resolve()
        let p = DashboardApp.makeProgram(setup, screen: screen, clock: clock)
        p.cpuTime = { 0 }
        let words = ["Hello", " there", ",", " friend", "."]
        for (i, word) in words.enumerated() {
            let t = 0.3 + Double(i) * 0.1
            script.append(
                (
                    t,
                    .run {
                        p.inbox.post(
                            .live(
                                LiveReport(
                                    run: run, event: .token(TokenEvent(text: word, kind: .answer, t: t, count: 1)))))
                    }
                ))
        }
        script.append((1.0, .run { p.inbox.post(.live(LiveReport(run: run, event: .finished(reason: "stop")))) }))
        script.append((2.0, .key(.char("q"))))
        screen.schedule(script)
        #expect(p.run() == 0)
        #expect(!screen.text(at: 0.25).contains("Hello there"))
        #expect(screen.text(at: 0.75).contains("Hello there, friend."))
        // A frame came at each report's instant: the loop woke for it, it did not wait for a tick.
        for t in [0.3, 0.4, 0.5, 0.6, 0.7] {
            #expect(screen.frames.contains { abs($0.t - t) < 1e-9 }, "no frame at \(t)")
        }
        let pane = p.model.state.panes[0]
        #expect(pane.live.ended && pane.live.failure == nil && pane.live.finishReason == "stop")
    }

    @Test func aStreamThatEndsWithNoTokensSaysSoAndNeverWaits() throws {
        let clock = ManualClock()
        let screen = MemoryScreen(size: Self.size, clock: clock)
        let setup = try Repo.dashboard { $0.panes = ["llamacpp:http://127.0.0.1:9"] }.resolve()
        let p = DashboardApp.makeProgram(setup, screen: screen, clock: clock)
        p.cpuTime = { 0 }
        let run = LiveRun(paneID: 0, generation: 0)
        // The server's own timings report one token in 0.001 ms: no rate can be made of that.
        let timings = ServerTimings(promptTokens: 30, promptMs: 20, predictedTokens: 1, predictedMs: 0.001)
        screen.schedule([
            (0.5, .run { p.inbox.post(.live(LiveReport(run: run, event: .serverTimings(timings)))) }),
            (0.5, .run { p.inbox.post(.live(LiveReport(run: run, event: .finished(reason: "stop")))) }),
            (1.5, .key(.char("q"))),
        ])
        #expect(p.run() == 0)
        let text = screen.text(at: 1.4)
        #expect(text.contains("ended: no tokens · finish stop"))
        #expect(!text.contains("waiting"))
        #expect(!text.contains("1000000"))
        #expect(p.model.state.panes[0].live.failure == "ended: no tokens · finish stop")
    }

    @Test func savingTracesIsACommandTheProgramCarriesOut() throws {
        let (p, screen) = try program(Repo.dashboard(), script: [(0.5, .key(.char("w"))), (0.6, .key(.char("q")))])
        var asked: [DashboardModel.Command] = []
        p.perform = { command, _ in
            asked.append(command)
            return .messages([.notice("saved 3 traces to traces/")])
        }
        #expect(p.run() == 0)
        #expect(asked == [.saveTraces])
        #expect(screen.text.contains("saved 3 traces to traces/"))
    }
}
