import Testing
import TokenPaceCore

@testable import TokenPaceBackends

/// A saved pane's settings say how its task was priced, once, whatever its source.
@Suite struct PaneTraceCostTests {
    @Test func savedPanesCarryTheirCostModelOnce() {
        let sample = Sample(
            id: "s", title: "s", task: .chat, prompt: "Hi", segments: [.init(kind: .answer, text: "Hello there.")],
            source: "test")
        var state = AppState(profiles: [Profile(rate: 10)], sample: sample, library: [sample], seed: 1, now: 0)
        state.panes[0].cost = .api(APIPrice(inputPerM: 3, outputPerM: 15))
        let trace = PaneTrace.trace(
            of: state.panes[0], state: state, spec: nil, received: nil, origin: nil, prompt: "Hi")
        let members = trace.header.settings.members ?? []
        #expect(members.filter { $0.key == "cost" }.count == 1)
        #expect(trace.header.settings["cost"] == .string("API in $3/M, out $15/M"))
    }
}
