import TokenPaceCore

/// Turns a pane's shown tokens into wrapped rows: headers where the kind of text changes
/// (thinking, tool call, tool result, answer), reasoning dim, code highlighted.
public struct PaneText: Sendable {
    public private(set) var wrapped: WrappedText
    public private(set) var consumed = 0
    private var lastKind: TokenKind?
    private var lastStep = -1
    private var lastAttempt = 0
    let showReasoning: Bool
    let ascii: Bool

    public init(width: Int, showReasoning: Bool, ascii: Bool = false) {
        wrapped = WrappedText(width: width)
        self.showReasoning = showReasoning
        self.ascii = ascii
    }

    /// Adds tokens `consumed..<upTo` of the pane.
    public mutating func advance(pane: PaneState, upTo: Int) {
        let end = min(upTo, pane.tokens.count)
        guard consumed < end else { return }
        for i in consumed..<end {
            let token = pane.tokens[i]
            if token.attempt != lastAttempt {
                wrapped.appendRow(
                    "\(ascii ? "--" : "──") answer rejected · try \(token.attempt + 1) \(ascii ? "--" : "──")",
                    role: .warning)
                lastAttempt = token.attempt
                lastKind = nil
            }
            if pane.stageCount > 0 {
                // A staged pane: the outline the model writes first, then the full answer.
                let inTry = i % max(1, pane.tokensPerTry)
                if inTry == 0 || inTry == pane.stageCount {
                    let rule = ascii ? "--" : "──"
                    wrapped.appendRow(
                        inTry == 0 ? "\(rule) outline \(rule)" : "\(rule) full answer \(rule)", role: .dim)
                    lastKind = .answer
                }
            }
            if token.kind == .reasoning && !showReasoning { continue }
            if token.kind != lastKind || (token.kind == .toolCall && token.step != lastStep) {
                header(for: token, previous: lastKind)
                lastKind = token.kind
                lastStep = token.step
            }
            let code = token.kind == .answer && i < pane.inCode.count && pane.inCode[i]
            wrapped.appendUnsettled(token.text, role: role(token.kind), code: code)
        }
        wrapped.settle()
        consumed = end
    }

    private mutating func header(for token: Token, previous: TokenKind?) {
        let rule = ascii ? "--" : "──"
        switch token.kind {
        case .reasoning:
            wrapped.appendRow("\(rule) thinking \(rule)", role: .dim)
        case .answer:
            if previous != nil { wrapped.appendRow("\(rule) answer \(rule)", role: .dim) }
        case .toolCall:
            wrapped.appendRow("\(ascii ? ">" : "⚙") tool call · step \(token.step)", role: .toolCall)
        case .toolResult:
            let wait = token.toolLatency.map { " · " + Format.duration($0, .clock) } ?? ""
            wrapped.appendRow("\(ascii ? "<-" : "↳") tool result\(wait)", role: .toolResult)
        }
    }

    private func role(_ kind: TokenKind) -> StyleRole {
        switch kind {
        case .reasoning: return .reasoning
        case .answer: return .text
        case .toolCall: return .toolCall
        case .toolResult: return .toolResult
        }
    }
}

/// Keeps what each pane's view worked out between frames, so a frame only does what is new: the
/// wrapped text (only what arrived since the last frame is wrapped), the count and rate of the
/// generated tokens shown, and the title. Rendering with or without the cache gives the same screen.
public final class PaneTextCache: @unchecked Sendable {
    /// What the wrapped text depends on besides the tokens shown. Not the token count: within a
    /// generation tokens are only appended, so a live pane's new token extends the text it has.
    struct Key: Equatable {
        var generation: Int
        var width: Int
        var showReasoning: Bool
        var ascii: Bool
    }

    struct TitleKey: Equatable {
        var profile: Profile
        var promptTokens: Int
        var id: Int
        var source: PaneSource
        var mirrorLabel: String?
        var selected: Bool
        var width: Int
        var ascii: Bool
        var presentation: Presentation
        var tokenizer: String?
    }

    /// Generated tokens among the first `consumed` shown, with the times of the first and last, and
    /// the model tokens a live pane's pieces among them stand for.
    struct Generated {
        var generation = -1
        var consumed = 0
        var lastConsumedTime = 0.0
        var count = 0
        var first: Double?
        var last = 0.0
        var pieces = 0
        /// The generated text shown, and its counts once the first generated token was in.
        var text = TextCount()
        var firstText = TextCount()
    }

    /// A pane's generated tokens shown so far and their pace (`StreamTally`'s definitions).
    struct GeneratedSoFar {
        var count: Int
        var rate: Double?
        var pieces: Int
        var charactersPerSecond: Double?
        var wordsPerSecond: Double?
        /// Words mean nothing for this text (a script without spaces): read characters/s.
        var withoutSpaces: Bool
    }

    final class Memo {
        var key: Key?
        var text: PaneText?
        var generated = Generated()
        var title: (key: TitleKey, text: String)?
        var agentSteps: (generation: Int, steps: AgentSteps)?
        var tally: (generation: Int, task: TaskKind, tally: StreamTally)?
        var reader: (key: ReaderKey, scan: ReaderScan)?
    }

    /// What a pane's reader depends on besides the tokens (which only grow within a generation).
    struct ReaderKey: Equatable {
        var generation: Int
        var presentation: Presentation
        var wordsPerMinute: Double
        var showReasoning: Bool
        var revealed: Bool
    }

    private var memos: [Int: Memo] = [:]

    public init() {}

    private func memo(_ id: Int) -> Memo {
        if let m = memos[id] { return m }
        let m = Memo()
        memos[id] = m
        return m
    }

    func text(for pane: PaneState, shown: Int, width: Int, showReasoning: Bool, ascii: Bool) -> PaneText {
        let key = Key(generation: pane.generation, width: width, showReasoning: showReasoning, ascii: ascii)
        let m = memo(pane.id)
        if m.key != key || m.text == nil || m.text!.consumed > shown {
            m.key = key
            m.text = PaneText(width: width, showReasoning: showReasoning, ascii: ascii)
        }
        // Held only here between frames, so advancing appends to the rows in place.
        m.text!.advance(pane: pane, upTo: shown)
        return m.text!
    }

    /// Generated tokens shown so far, and their decode rate (n − 1) ÷ (t_last − t_first), counting
    /// only the tokens shown since the last call. Tool results are left out (a tool's output appears
    /// at once and is not the model's speed). `pieces`: the model tokens the shown pieces of a live
    /// pane stand for (`live.counts`).
    func generatedSoFar(pane: PaneState, shown: Int) -> GeneratedSoFar {
        let m = memo(pane.id)
        let t = pane.schedule.times
        let end = min(shown, pane.tokens.count, t.count)
        var g = m.generated
        // Shown tokens keep their times (a rate change re-times only the rest, a live pane only
        // appends); check the last anyway.
        if g.generation != pane.generation || g.consumed > end
            || (g.consumed > 0 && t[g.consumed - 1] != g.lastConsumedTime)
        {
            g = Generated(generation: pane.generation)
        }
        if g.consumed < end {
            for i in g.consumed..<end where pane.tokens[i].kind.isGenerated {
                g.text.add(pane.tokens[i].text)
                if g.first == nil {
                    g.first = t[i]
                    g.firstText = g.text
                }
                g.last = t[i]
                g.count += 1
            }
            let counts = pane.live.counts
            if g.consumed < counts.count {
                for i in g.consumed..<min(end, counts.count) { g.pieces += counts[i] }
            }
            g.consumed = end
            g.lastConsumedTime = t[end - 1]
        }
        m.generated = g
        var out = GeneratedSoFar(
            count: g.count, rate: nil, pieces: g.pieces, charactersPerSecond: nil, wordsPerSecond: nil,
            withoutSpaces: g.text.withoutSpaces)
        guard g.count > 1, let f = g.first, g.last > f else { return out }
        let span = g.last - f
        out.rate = Double(g.count - 1) / span
        out.charactersPerSecond = Double(g.text.characters - g.firstText.characters) / span
        if !g.text.withoutSpaces { out.wordsPerSecond = Double(g.text.words - g.firstText.words) / span }
        return out
    }

    /// The pane's reader, taking in only the tokens that arrived since the last call.
    func reader(for pane: PaneState, wordsPerMinute: Double, showReasoning: Bool) -> ReaderScan {
        let m = memo(pane.id)
        let key = ReaderKey(
            generation: pane.generation, presentation: pane.presentation, wordsPerMinute: wordsPerMinute,
            showReasoning: showReasoning, revealed: pane.revealTime != nil)
        if m.reader?.key != key { m.reader = (key, ReaderScan(wordsPerMinute: wordsPerMinute)) }
        pane.extend(&m.reader!.scan, showReasoning: showReasoning)
        return m.reader!.scan
    }

    /// An agent pane's steps, worked out once per run (and again if its answer grew since).
    func agentSteps(for pane: PaneState) -> AgentSteps {
        let m = memo(pane.id)
        if let a = m.agentSteps, a.generation == pane.generation, a.steps.count == pane.tokens.count { return a.steps }
        let steps = AgentSteps(tokens: pane.tokens)
        m.agentSteps = (pane.generation, steps)
        return steps
    }

    /// The figures of a pane's shown tokens (the explain overlay's), taking in only the tokens shown
    /// since the last call.
    func tally(for pane: PaneState, shown: Int, task: TaskKind) -> StreamTally {
        let m = memo(pane.id)
        let times = pane.schedule.times
        let end = min(shown, pane.tokens.count, times.count)
        // Only a flag leaves the check, so the tally kept is the only copy and grows in place.
        let extends =
            m.tally.map { k in
                k.generation == pane.generation && k.task == task && k.tally.count <= end
                    && (k.tally.count == 0 || k.tally.lastTime == times[k.tally.count - 1])
            } ?? false
        if extends {
            m.tally!.tally.advance(pane: pane, to: end)
        } else {
            m.tally = (pane.generation, task, StreamTally(pane: pane, shown: end, task: task))
        }
        return m.tally!.tally
    }

    /// The title for `key`, made by `make` only when the key changed.
    func title(_ key: TitleKey, id: Int, make: () -> String) -> String {
        let m = memo(id)
        if let t = m.title, t.key == key { return t.text }
        let text = make()
        m.title = (key, text)
        return text
    }

    /// Forgets panes that are gone.
    func keep(ids: some Collection<Int>) {
        // A handful of panes: a list (the dashboard passes one) costs less than a set every frame.
        if memos.keys.contains(where: { !ids.contains($0) }) {
            memos = memos.filter { ids.contains($0.key) }
        }
    }
}
