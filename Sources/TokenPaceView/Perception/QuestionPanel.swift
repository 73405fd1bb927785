import TokenPaceCore

/// The box under the panes: what to do while watching, then the questions with the answers so far.
///
/// Wide terminals show every question at once. Narrower ones show the current question alone,
/// wrapped, with the rating scale shortened if need be; when even that does not fit, `lines`
/// gives nil and the screen asks for a larger terminal instead of taking answers nobody can see.
struct QuestionPanel: Widget {
    let session: PerceptionSession
    let options: ViewOptions
    /// The rows inside the box when already worked out for this size (`lines(width:rows:)`); else
    /// drawing works them out, and draws only the box when the question cannot be shown whole.
    var rows: [[StyledChar]]? = nil

    /// Content rows of the panel: five with room for the panes above, four on short terminals.
    static func rows(bodyHeight: Int) -> Int { bodyHeight >= 16 ? 5 : 4 }

    /// Draws the box with the question rows for its inside.
    func draw(in rect: Rect, buffer: inout Buffer) {
        let title = PerceptionText.trialName(session.trial, total: session.config.trials)
        Box(chars: options.ascii ? .ascii : .unicode, role: .borderSelected, title: title, titleRole: .titleSelected)
            .draw(in: rect, buffer: &buffer)
        let inner = rect.inset(1)
        guard inner.width > 2, inner.height > 0 else { return }
        let rows = self.rows ?? lines(width: rect.width - 4, rows: inner.height) ?? []
        for (k, row) in rows.prefix(inner.height).enumerated() {
            _ = buffer.put(row: row, x: inner.x + 1, y: inner.y + k, limit: inner.maxX)
        }
    }

    typealias Parts = [(String, StyleRole)]

    /// The panel's rows at `width` × `rows`, or nil when the current question cannot be shown whole.
    func lines(width: Int, rows: Int) -> [[StyledChar]]? {
        let wide = wideLines()
        if wide.count <= rows, wide.allSatisfy({ Self.width($0) <= width }) { return wide.map(Self.chars) }
        let (choices, optional) = narrowLines()
        for must in choices {
            var out = must.flatMap { Self.wrap($0, width: width) }
            guard out.count <= rows else { continue }
            for extra in optional {
                let wrapped = Self.wrap(extra, width: width)
                if out.count + wrapped.count <= rows { out += wrapped }
            }
            return out
        }
        return nil
    }

    static func chars(_ parts: Parts) -> [StyledChar] {
        parts.flatMap { text, role in text.map { StyledChar($0, role: role) } }
    }

    static func width(_ parts: Parts) -> Int { parts.reduce(0) { $0 + DisplayWidth.of($1.0) } }

    static func wrap(_ parts: Parts, width: Int) -> [[StyledChar]] {
        WrappedText.wrap(chars(parts), width: width, words: true)
    }

    var mark: String { options.ascii ? ">" : "▶" }

    var watching: Parts {
        [
            ("Watch the panes. Press ", .text), ("Enter", .statusKey),
            (" when you have seen enough to judge them.", .text),
        ]
    }

    var abortHint: Parts { [("Esc", .statusKey), (" aborts this trial: it is not recorded and runs again.", .dim)] }

    var keysHint: Parts {
        [
            ("Backspace", .statusKey), (" previous question · ", .dim), ("Esc", .statusKey),
            (" aborts this trial (not recorded)", .dim),
        ]
    }

    /// The rating scale, longest first; narrow terminals take a shorter wording of the same five levels.
    static let scales = [
        TrialAnswers.scale.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: " · "),
        "1 too slow · 2 slow · 3 acceptable · 4 fast enough · 5 more than enough",
        "1 too slow · 2 slow · 3 OK · 4 fast enough · 5 more than enough",
    ]

    var ratingIndex: Int? {
        if case .answering(.rating(let i)) = session.phase { return i } else { return nil }
    }

    func ratingsRow(_ labels: [String]) -> Parts {
        var out: Parts = []
        for (i, l) in labels.enumerated() {
            let value = session.answers.ratings[l].map(String.init) ?? (i == ratingIndex ? "?" : "·")
            out.append(("\(l): ", i == ratingIndex ? .titleSelected : .text))
            out.append((value + (i + 1 < labels.count ? "   " : ""), i == ratingIndex ? .titleSelected : .statusKey))
        }
        return out
    }

    func chosen(_ labels: [String]) -> String {
        labels.map { session.answers.accepted.contains($0) ? "[\($0)]" : " \($0) " }.joined(separator: " ")
    }

    func fasterAnswer() -> String {
        session.answers.faster.map { $0 == TrialAnswers.same ? "no difference" : $0 } ?? ""
    }

    /// Every question at once, the current one marked (wide terminals).
    func wideLines() -> [Parts] {
        guard case .answering(let step) = session.phase, let trial = session.trial else {
            return [watching, [], abortHint]
        }
        let labels = trial.panes.map(\.label)
        let a = session.answers
        func lead(_ current: Bool) -> (String, StyleRole) { current ? ("\(mark) ", .titleSelected) : ("  ", .normal) }
        func role(_ current: Bool, _ done: Bool) -> StyleRole { current ? .titleSelected : (done ? .text : .dim) }
        var out: [Parts] = []
        let onFaster = step == .faster
        let onAccept = step == .accept
        if labels.count > 1 {
            let answer = fasterAnswer()
            out.append([
                lead(onFaster), ("Which felt faster?", role(onFaster, a.faster != nil)),
                (answer.isEmpty ? "" : "  " + answer, .statusKey),
                (onFaster ? "   press \(labels.joined(separator: "/")), or = for no difference" : "", .dim),
            ])
        }
        out.append([
            lead(onAccept),
            (
                "Which would you accept \(PerceptionText.purpose(session.config.task))?",
                role(onAccept, ratingIndex != nil)
            ),
            (onAccept || ratingIndex != nil ? "  " + chosen(labels) : "", .statusKey),
            (onAccept ? "   letters toggle, Enter confirms" : "", .dim),
        ])
        out.append([
            lead(ratingIndex != nil), ("Rate each pane: ", role(ratingIndex != nil, false)), (Self.scales[0], .dim),
        ])
        out.append([("    ", .text)] + ratingsRow(labels))
        out.append(keysHint)
        return out
    }

    /// The current question alone: wordings to try, longest first, then lines to add if room is left.
    func narrowLines() -> (choices: [[Parts]], optional: [Parts]) {
        guard case .answering(let step) = session.phase, let trial = session.trial else {
            let short: Parts = [("Watch. Press ", .text), ("Enter", .statusKey), (" when you can judge.", .text)]
            return ([[watching], [short]], [abortHint])
        }
        let labels = trial.panes.map(\.label)
        let lead: (String, StyleRole) = ("\(mark) ", .titleSelected)
        var soFar: Parts = []
        if labels.count > 1, session.answers.faster != nil, step != .faster {
            soFar = [("Faster: ", .dim), (fasterAnswer(), .statusKey)]
        }
        if case .rating = step {
            let accepted = session.answers.accepted.isEmpty ? "none" : session.answers.accepted.joined(separator: ", ")
            soFar += [(soFar.isEmpty ? "" : " · ", .dim), ("Accepted: ", .dim), (accepted, .statusKey)]
        }
        let optional = [keysHint, soFar].filter { !$0.isEmpty }
        switch step {
        case .faster:
            let keys = labels.joined(separator: "/")
            return (
                [
                    [
                        [
                            lead, ("Which felt faster?", .titleSelected),
                            ("  press \(keys), or = for no difference", .dim),
                        ]
                    ],
                    [[lead, ("Which felt faster?", .titleSelected), ("  \(keys) or =", .dim)]],
                ], optional
            )
        case .accept:
            let question = "Which would you accept \(PerceptionText.purpose(session.config.task))?"
            return (
                [
                    [
                        [
                            lead, (question, .titleSelected), ("  " + chosen(labels), .statusKey),
                            ("  letters toggle, Enter confirms", .dim),
                        ]
                    ],
                    [
                        [
                            lead, (question, .titleSelected), ("  " + chosen(labels), .statusKey),
                            ("  letters, Enter", .dim),
                        ]
                    ],
                ], optional
            )
        case .rating:
            let head: Parts = [lead, ("Rate each pane: ", .titleSelected)] + ratingsRow(labels)
            return (Self.scales.map { [head, [($0, .dim)]] }, optional)
        }
    }
}
