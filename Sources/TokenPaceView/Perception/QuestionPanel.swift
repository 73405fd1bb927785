import TokenPaceCore

/// The box under the panes: what to do while watching, then the questions with the answers so far.
struct QuestionPanel {
    let session: PerceptionSession
    let options: ViewOptions

    func draw(in rect: Rect, buffer: inout Buffer) {
        let title = PerceptionText.trialName(session.trial, total: session.config.trials)
        buffer.box(rect, chars: options.ascii ? .ascii : .unicode, role: .borderSelected, title: title, titleRole: .titleSelected)
        let inner = rect.inset(1)
        guard inner.width > 2, inner.height > 0 else { return }
        for (k, parts) in lines().prefix(inner.height).enumerated() {
            var x = inner.x + 1
            for (text, role) in parts { x = buffer.put(text, x: x, y: inner.y + k, role: role, limit: inner.maxX) }
        }
    }

    typealias Parts = [(String, StyleRole)]

    func lines() -> [Parts] {
        guard case .answering(let step) = session.phase, let trial = session.trial else {
            return [
                [("Watch the panes. Press ", .text), ("Enter", .statusKey), (" when you have seen enough to judge them.", .text)],
                [],
                [("Esc", .statusKey), (" aborts this trial: it is not recorded and runs again.", .dim)],
            ]
        }
        let labels = trial.panes.map(\.label)
        let a = session.answers
        let mark = options.ascii ? ">" : "▶"
        func lead(_ current: Bool) -> (String, StyleRole) { current ? ("\(mark) ", .titleSelected) : ("  ", .normal) }
        func role(_ current: Bool, _ done: Bool) -> StyleRole { current ? .titleSelected : (done ? .text : .dim) }
        var out: [Parts] = []

        let ratingIndex: Int? = { if case .rating(let i) = step { return i } else { return nil } }()
        let onFaster = step == .faster
        let onAccept = step == .accept
        if labels.count > 1 {
            let answer = a.faster.map { $0 == TrialAnswers.same ? "no difference" : $0 } ?? ""
            out.append([
                lead(onFaster), ("Which felt faster?", role(onFaster, a.faster != nil)),
                (answer.isEmpty ? "" : "  " + answer, .statusKey),
                (onFaster ? "   press \(labels.joined(separator: "/")), or = for no difference" : "", .dim),
            ])
        }
        let chosen = labels.map { a.accepted.contains($0) ? "[\($0)]" : " \($0) " }.joined(separator: " ")
        out.append([
            lead(onAccept), ("Which would you accept \(PerceptionText.purpose(session.config.task))?", role(onAccept, ratingIndex != nil)),
            (onAccept || ratingIndex != nil ? "  " + chosen : "", .statusKey),
            (onAccept ? "   letters toggle, Enter confirms" : "", .dim),
        ])
        let scale = TrialAnswers.scale.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: " · ")
        out.append([lead(ratingIndex != nil), ("Rate each pane: ", role(ratingIndex != nil, false)), (scale, .dim)])
        var ratings: Parts = [("    ", .text)]
        for (i, l) in labels.enumerated() {
            let value = a.ratings[l].map(String.init) ?? (i == ratingIndex ? "?" : "·")
            ratings.append(("\(l): ", i == ratingIndex ? .titleSelected : .text))
            ratings.append((value + "   ", i == ratingIndex ? .titleSelected : .statusKey))
        }
        out.append(ratings)
        out.append([("Backspace", .statusKey), (" previous question · ", .dim), ("Esc", .statusKey), (" aborts this trial (not recorded)", .dim)])
        return out
    }
}
