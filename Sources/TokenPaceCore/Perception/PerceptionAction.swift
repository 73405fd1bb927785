/// Everything a participant or facilitator can do in a perception session.
public enum PerceptionAction: Sendable, Equatable {
    /// Space: leave the instructions, start the next trial.
    case proceed
    /// Enter while streaming: seen enough, go to the questions.
    case answerNow
    /// A pane by position: pick it as faster, or toggle it as acceptable.
    case choose(Int)
    /// "=": no pane felt faster.
    case noDifference
    /// Enter on the acceptance question.
    case confirm
    /// 1–5 for the pane being rated.
    case rate(Int)
    /// Backspace: the previous question.
    case back
    /// Esc: drop this trial without recording it and offer it again.
    case abort
    /// q between trials: stop here and show the summary.
    case endSession
    /// Arrows and page keys on a card (instructions, ready, summary) taller than the screen.
    case scroll(Int)
    case quit

    /// Rows past any card's length, for Home and End.
    public static let farScroll = 1 << 20

    /// The action a key stands for in `phase`; nil when the key means nothing there.
    public static func from(key: Key, phase: PerceptionPhase, paneCount: Int) -> PerceptionAction? {
        if key == .ctrlC { return .quit }
        switch (phase, key) {
        case (.instructions, .up), (.ready, .up), (.finished, .up): return .scroll(-1)
        case (.instructions, .down), (.ready, .down), (.finished, .down): return .scroll(1)
        case (.instructions, .pageUp), (.ready, .pageUp), (.finished, .pageUp): return .scroll(-8)
        case (.instructions, .pageDown), (.ready, .pageDown), (.finished, .pageDown): return .scroll(8)
        // Home and End go to the top and the bottom: the screen clamps the scroll to the card's length.
        case (.instructions, .home), (.ready, .home), (.finished, .home): return .scroll(-Self.farScroll)
        case (.instructions, .end), (.ready, .end), (.finished, .end): return .scroll(Self.farScroll)
        default: break
        }
        switch phase {
        case .instructions:
            switch key {
            case .char(" "), .enter: return .proceed
            case .char("q"), .char("Q"): return .quit
            default: return nil
            }
        case .ready:
            switch key {
            case .char(" "): return .proceed
            case .char("q"), .char("Q"): return .endSession
            default: return nil
            }
        case .streaming:
            switch key {
            case .enter: return .answerNow
            case .escape: return .abort
            default: return nil
            }
        case .answering(let step):
            switch key {
            case .escape: return .abort
            case .backspace: return .back
            default: break
            }
            switch step {
            case .faster:
                if key == .char("=") { return .noDifference }
                return position(of: key, paneCount: paneCount).map(PerceptionAction.choose)
            case .accept:
                if key == .enter { return .confirm }
                return position(of: key, paneCount: paneCount).map(PerceptionAction.choose)
            case .rating:
                if case .char(let c) = key, let n = Int(String(c)), (1...5).contains(n) { return .rate(n) }
                return nil
            }
        case .finished:
            switch key {
            case .char("q"), .char("Q"), .enter, .escape: return .quit
            default: return nil
            }
        }
    }

    /// a/A → 0, b/B → 1, … for panes on screen.
    static func position(of key: Key, paneCount: Int) -> Int? {
        guard case .char(let c) = key, let ascii = c.lowercased().unicodeScalars.first?.value,
            c.lowercased().unicodeScalars.count == 1
        else { return nil }
        let i = Int(ascii) - 97
        return (0..<paneCount).contains(i) ? i : nil
    }
}

/// What the run loop must do after a step: write a finished trial, or stop.
public enum PerceptionEffect: Sendable, Equatable {
    case record(TrialRecord)
    case quit
}
