import TokenPaceCore

/// The words of the session screens. Nothing here may carry a hidden setting.
enum PerceptionText {
    /// "for writing code", used in the acceptance question.
    static func purpose(_ task: TaskKind) -> String {
        switch task {
        case .chat: return "for a chat answer"
        case .code: return "for writing code"
        case .reasoning: return "for a reasoning answer"
        case .summarize: return "for a summary"
        case .agent: return "for an agent task"
        case .batch: return "for a batch job"
        }
    }

    static func letters(_ n: Int) -> String {
        (0..<n).map { TrialPane.label(position: $0) }.joined(separator: ", ")
    }

    static func trialName(_ trial: PerceptionTrial?, total: Int) -> String {
        guard let trial else { return "" }
        return trial.practice ? "Practice trial" : "Trial \(trial.number) of \(total)"
    }

    /// A card's text and the keys line that stays on screen whatever the size.
    typealias CardText = (lines: [Card.Line], footer: [Card.Line])

    static func instructions(_ c: PerceptionConfig) -> CardText {
        let what = [
            "They differ only in how fast the text arrives.", "They differ only in how long they take to start.",
            "They differ only in how the answer is shown while it is being written.",
        ][c.mode.index]
        let panes = c.panes == 1 ? "one pane" : "\(c.panes) panes, labelled \(letters(c.panes))"
        var out: [Card.Line] = [
            .init(text: "tokenpace · perception session", role: .titleSelected),
            .init(text: "Participant \(c.participant) · task: \(c.task.rawValue)", role: .dim),
            .init(text: "", role: .text),
            .init(text: "You will see the same answer appear in \(panes). \(what)", role: .text),
            .init(text: "Watch, and press Enter as soon as you can judge them. Then answer:", role: .text),
        ]
        if c.panes > 1 { out.append(.init(text: "  · Which felt faster?", role: .text)) }
        out += [
            .init(text: "  · Which would you accept \(purpose(c.task))?", role: .text),
            .init(text: "  · Rate each pane from 1 (too slow) to 5 (more than fast enough).", role: .text),
            .init(text: "There are no right answers: go by what you would be happy to use.", role: .text),
            .init(text: "", role: .text),
            .init(
                text: c.practice
                    ? "First a practice trial (recorded as practice, not counted), then \(Format.count(c.trials, "trial"))."
                    : "There \(c.trials == 1 ? "is" : "are") \(Format.count(c.trials, "trial")).",
                role: .text),
        ]
        return (out, [.init(text: "Space begins · q quits", role: .statusKey)])
    }

    static func ready(_ s: PerceptionSession) -> CardText {
        var out: [Card.Line] = [
            .init(text: trialName(s.trial, total: s.config.trials), role: .titleSelected),
            .init(text: "Task: \(s.config.task.rawValue) · \(s.trial?.sample.title ?? "")", role: .dim),
            .init(text: "", role: .text),
        ]
        if s.abortedSinceRecord > 0 {
            out.append(.init(text: "The last trial was aborted and not recorded; it runs again.", role: .warning))
        }
        if s.trial?.practice == true {
            out.append(
                .init(text: "This one is for practice: it is recorded as practice and not counted.", role: .text))
        }
        out += [
            .init(text: "Watch the panes; press Enter when you can judge them.", role: .text),
            .init(text: "", role: .text),
        ]
        return (out, [.init(text: "Space starts · q ends the session here", role: .statusKey)])
    }
}
