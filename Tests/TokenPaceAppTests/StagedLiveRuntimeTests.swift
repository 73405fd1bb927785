import Foundation
import Testing
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView
import TokenPaceWire

@testable import TokenPaceApp

/// A staged live pane in the runtime: the outline request's reports, then the answer's, at chosen
/// instants on a manual clock; a failed outline request is the pane's failure.
@Suite struct StagedLiveRuntimeTests {
    func program(_ spec: String) throws -> (Program<DashboardModel>, MemoryScreen) {
        let clock = ManualClock()
        let screen = MemoryScreen(size: Size(width: 120, height: 40), clock: clock)
        let setup = try Repo.dashboard { $0.panes = [spec] }.resolve()
        let p = DashboardApp.makeProgram(setup, screen: screen, clock: clock)
        p.cpuTime = { 0 }
        return (p, screen)
    }

    @Test func outlineThenAnswerInOnePaneWithItsClocks() throws {
        let (p, screen) = try program("openai:http://127.0.0.1:9/v1#present=staged")
        let run = p.model.state.liveRun(for: p.model.state.panes[0])
        #expect(run.staged)
        func post(_ t: Double, _ e: StagedEvent) -> (t: Double, input: MemoryScreen.Input) {
            (t, .run { p.inbox.post(.live(LiveReport(run: run, staged: e))) })
        }
        func token(_ s: String, _ t: Double) -> TokenEvent { TokenEvent(text: s, kind: .answer, t: t, count: 1) }
        screen.schedule([
            post(0.3, .stageToken(token("Reset", 0.3))),
            post(0.4, .stageToken(token(" one commit.", 0.4))),
            post(0.5, .stageEnded(at: 0.5, reason: "stop", usageTokens: 2)),
            post(0.9, .answer(.token(token("Run git reset --soft HEAD~1.", 0.9)))),
            post(1.0, .answer(.finished(reason: "stop"))),
            (2.0, .key(.char("q"))),
        ])
        #expect(p.run() == 0)
        #expect(screen.text(at: 0.45).contains("── outline ──"))
        #expect(!screen.text(at: 0.45).contains("── full answer ──"))
        let done = screen.text(at: 1.5)
        #expect(done.contains("── full answer ──") && done.contains("Run git reset --soft HEAD~1."))
        let pane = p.model.state.panes[0]
        #expect(pane.stageCount == 2 && pane.schedule.times.first == 0.3 && pane.e2e == 0.9)
        #expect(pane.live.ended && pane.live.endedAt == 1.0)
    }

    @Test func aFailedOutlineRequestFailsThePane() throws {
        let (p, screen) = try program("openai:http://127.0.0.1:9/v1#present=staged")
        let run = p.model.state.liveRun(for: p.model.state.panes[0])
        screen.schedule([
            (
                0.2,
                .run {
                    p.inbox.post(
                        .live(LiveReport(run: run, staged: .stageFailed(.http(status: 503, message: "loading model")))))
                }
            ),
            (1.0, .key(.char("q"))),
        ])
        #expect(p.run() == 0)
        let failure = try #require(p.model.state.panes[0].live.failure)
        #expect(failure.hasPrefix("outline request: HTTP 503"))
        #expect(failure.contains("loading model"))
        #expect(screen.text(at: 0.9).contains("outline request: HTTP 503"))
    }
}
