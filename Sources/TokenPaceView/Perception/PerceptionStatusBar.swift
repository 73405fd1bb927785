import TokenPaceCore

/// The bottom line: who, which task, how far through the session, and the keys that work now.
struct PerceptionStatusBar {
    let session: PerceptionSession

    func draw(y: Int, width: Int, buffer: inout Buffer) {
        guard y >= 0 else { return }
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), role: .status)
        let c = session.config
        var left = " perceive · \(c.participant) · \(c.task.rawValue)"
        if let t = session.trial, session.phase != .finished {
            left += t.practice ? " · practice" : " · trial \(t.number)/\(c.trials)"
        }
        let x = buffer.put(left, x: 0, y: y, role: .statusKey)
        let hints: [(String, String)]
        switch session.phase {
        case .instructions: hints = [("Space", "begin"), ("q", "quit")]
        case .ready: hints = [("Space", "start"), ("q", "end session")]
        case .streaming: hints = [("Enter", "answer"), ("Esc", "abort trial")]
        case .answering: hints = [("Backspace", "back"), ("Esc", "abort trial")]
        case .finished: hints = [("q", "close")]
        }
        let hintWidth = hints.reduce(0) { $0 + DisplayWidth.of($1.0) + DisplayWidth.of($1.1) + 3 }
        var hx = width - hintWidth
        guard hx > x + 1 else { return }
        for h in hints {
            hx = buffer.put(h.0, x: hx, y: y, role: .statusKey)
            hx = buffer.put(" " + h.1 + "  ", x: hx, y: y, role: .status)
        }
    }
}
