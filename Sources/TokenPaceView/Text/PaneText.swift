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
                wrapped.appendRow("\(ascii ? "--" : "──") answer rejected · try \(token.attempt + 1) \(ascii ? "--" : "──")", role: .warning)
                lastAttempt = token.attempt
                lastKind = nil
            }
            if token.kind == .reasoning && !showReasoning { continue }
            if token.kind != lastKind || (token.kind == .toolCall && token.step != lastStep) {
                header(for: token, previous: lastKind)
                lastKind = token.kind
                lastStep = token.step
            }
            let code = token.kind == .answer && i < pane.inCode.count && pane.inCode[i]
            wrapped.append(token.text, role: role(token.kind), code: code)
        }
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
            let wait = token.toolLatency.map { " · " + Format.seconds($0) } ?? ""
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

/// Keeps each pane's wrapped text between frames so a frame only wraps what arrived since the last.
/// Rendering with or without the cache gives the same rows.
public final class PaneTextCache: @unchecked Sendable {
    struct Key: Equatable {
        var generation: Int
        var width: Int
        var showReasoning: Bool
        var tokenCount: Int
    }
    private var entries: [Int: (key: Key, text: PaneText)] = [:]

    public init() {}

    func text(for pane: PaneState, shown: Int, width: Int, showReasoning: Bool, ascii: Bool) -> PaneText {
        let key = Key(generation: pane.generation, width: width, showReasoning: showReasoning, tokenCount: pane.tokens.count)
        var text: PaneText
        if let e = entries[pane.id], e.key == key, e.text.consumed <= shown {
            text = e.text
        } else {
            text = PaneText(width: width, showReasoning: showReasoning, ascii: ascii)
        }
        text.advance(pane: pane, upTo: shown)
        entries[pane.id] = (key, text)
        return text
    }

    /// Forgets panes that are gone.
    func keep(ids: Set<Int>) {
        entries = entries.filter { ids.contains($0.key) }
    }
}
