import TokenPaceCore

/// The bottom line: what is running and the keys that matter most.
struct StatusBar: Widget {
    let state: AppState
    let now: Double

    /// What the panes show: the sample the simulated and live panes play and their prompt's length;
    /// with only trace panes (which keep their own answer whatever `t` or `n` load), the first trace.
    var shown: (name: String, promptTokens: Int) {
        let playing = state.panes.first { pane in
            if case .replay = pane.source { return false }
            return true
        }
        if let playing { return (state.sample.id, playing.promptTokens) }
        if let first = state.panes.first, case .replay(let name) = first.source { return (name, first.promptTokens) }
        return (state.sample.id, state.sample.promptTokenCount)
    }

    /// Draws on the first row of `area`.
    func draw(in area: Rect, buffer: inout Buffer) {
        guard area.height > 0, area.width > 0 else { return }
        let y = area.y
        let end = area.maxX
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .status)
        let running: (String, StyleRole) =
            state.paused
            ? ("paused", .statusPaused) : (state.allDone(now: now) ? ("done", .status) : ("running", .status))
        let jitter = Format.percent(Profile.jitterSteps[state.jitterIndex])
        let minimalHint = 8
        let left = max(area.x, end - minimalHint)
        var x = buffer.put(" \(state.task.rawValue)", x: area.x, y: y, role: .statusKey, limit: left)
        x = buffer.put(" · ", x: x, y: y, role: .status, limit: left)
        x = buffer.put(running.0, x: x, y: y, role: running.1, limit: left)
        // Only simulated panes draft; live and replayed ones stream as they really did.
        let drafting = state.panes.first { pane in
            guard pane.profile.speculativeDraft > 0 else { return false }
            switch pane.source {
            case .simulated, .mirror: return true
            case .live, .replay: return false
            }
        }
        if let spec = drafting?.profile {
            let speedup = "×" + Format.fixed(spec.speedup, 2)
            let text = area.width >= 80 ? "speculative \(speedup) (\(spec.speculativeDraft) drafts)" : "spec \(speedup)"
            x = buffer.put(" · " + text, x: x, y: y, role: .statusKey, limit: left)
        }
        let (name, prompt) = shown
        let info =
            " · \(state.panes.count) pane\(state.panes.count == 1 ? "" : "s") · jitter \(jitter) · \(name) · prompt \(prompt) tok"
        x = buffer.put(info, x: x, y: y, role: .status, limit: left)
        if let notice = state.notice(at: now) {
            x = buffer.put(" · " + notice, x: x, y: y, role: .statusPaused, limit: left)
        }
        if state.systemTokens > 0 {
            let cached = state.panes.contains { $0.profile.systemCached && $0.source == .simulated }
            let text = " · system \(state.systemTokens) tok" + (cached ? " cached" : "")
            x = buffer.put(text, x: x, y: y, role: .status, limit: left)
        }
        if state.task == .agent {
            let cache = state.panes.first?.profile.promptCache ?? true
            x = buffer.put(" · cache \(cache ? "on" : "off")", x: x, y: y, role: .status, limit: left)
        }
        let hints: [(String, String)] = [
            ("?", "help"), ("Space", state.paused ? "resume" : "pause"), ("r", "restart"), ("t", "task"),
            ("+/-", "rate"), ("q", "quit"),
        ]
        var hintWidth = 0
        for h in hints { hintWidth += DisplayWidth.of(h.0) + 1 + DisplayWidth.of(h.1) + 2 }
        var hx = end - hintWidth
        if hx < x + 2 {
            hx = max(x + 1, end - 7)
            buffer.put("?", x: hx, y: y, role: .statusKey, limit: end)
            buffer.put(" help", x: hx + 1, y: y, role: .status, limit: end)
            return
        }
        for h in hints {
            hx = buffer.put(h.0, x: hx, y: y, role: .statusKey, limit: end)
            hx = buffer.put(" " + h.1 + "  ", x: hx, y: y, role: .status, limit: end)
        }
    }
}
