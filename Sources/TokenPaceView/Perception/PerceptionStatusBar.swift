import TokenPaceCore

/// The bottom line: who, which task, how far through the session, and the keys that work now.
/// On narrow terminals the left part shortens first, then the key names, so the keys stay visible.
struct PerceptionStatusBar: Widget {
    let session: PerceptionSession
    var scrollable = false
    /// The screen is below its minimum size: only the keys that still act are offered.
    var tooSmall = false

    /// Draws on the first row of `area`.
    func draw(in area: Rect, buffer: inout Buffer) {
        guard area.height > 0, area.width > 0 else { return }
        let y = area.y
        let width = area.width
        buffer.fill(Rect(x: area.x, y: y, width: width, height: 1), role: .status)
        let c = session.config
        var where_ = ""
        if let t = session.trial, session.phase != .finished {
            where_ = t.practice ? "practice" : "trial \(t.number)/\(c.trials)"
        }
        let lefts = [
            " "
                + (["perceive", c.participant, c.task.rawValue] + [where_].filter { !$0.isEmpty }).joined(
                    separator: " · "),
            " " + ([c.participant] + [where_].filter { !$0.isEmpty }).joined(separator: " · "),
            where_.isEmpty ? "" : " " + where_,
            "",
        ]
        let scroll = scrollable ? [("↑↓", "scroll")] : []
        var hints: [(String, String)]
        switch session.phase {
        case .instructions: hints = scroll + [("Space", "begin"), ("q", "quit")]
        case .ready: hints = scroll + [("Space", "start"), ("q", "end session")]
        case .streaming: hints = [("Enter", "answer"), ("Esc", "abort trial")]
        case .answering: hints = [("Backspace", "back"), ("Esc", "abort trial")]
        case .finished: hints = scroll + [("q", "close")]
        }
        if tooSmall {
            switch session.phase {
            case .streaming, .answering: hints = [("Esc", "abort trial")]
            case .instructions, .finished: hints = [("q", "quit")]
            case .ready: hints = [("q", "end session")]
            }
        }
        let short = hints.map { key, word in
            (key == "Backspace" ? "Bksp" : key, word.split(separator: " ").first.map(String.init) ?? word)
        }
        func span(_ h: [(String, String)]) -> Int {
            h.reduce(0) { $0 + DisplayWidth.of($1.0) + DisplayWidth.of($1.1) + 3 }
        }
        // Where the participant is matters more than whole key words; the keys matter most.
        let choices = [(lefts[0], hints)] + lefts.dropFirst().flatMap { left in [(left, hints), (left, short)] }
        for (left, hs) in choices where DisplayWidth.of(left) + 1 + span(hs) <= width {
            buffer.put(left, x: area.x, y: y, role: .statusKey, limit: area.maxX)
            var hx = area.maxX - span(hs)
            for h in hs {
                hx = buffer.put(h.0, x: hx, y: y, role: .statusKey, limit: area.maxX)
                hx = buffer.put(" " + h.1 + "  ", x: hx, y: y, role: .status, limit: area.maxX)
            }
            return
        }
        buffer.put(lefts[0], x: area.x, y: y, role: .statusKey, limit: area.maxX)
    }
}
