/// The search for a task's first useful signal (DESIGN §2), fed one token at a time.
///
/// Answers only the question "where in the tokens so far": each token costs its own text, and the
/// answer after n tokens is the one a scan of exactly those n tokens gives.
struct UsefulScan: Sendable {
    let task: TaskKind
    private var code = CodeLineScan()
    private var sentence = SentenceScan()
    private var tool = ToolCallScan()

    init(task: TaskKind) { self.task = task }

    mutating func append(_ token: Token, at i: Int) {
        switch task {
        case .chat, .reasoning, .batch: break
        case .code: code.append(token, at: i)
        case .summarize: sentence.append(token, at: i)
        case .agent: tool.append(token, at: i)
        }
    }

    func index(firstAnswer: Int?) -> Int? {
        switch task {
        case .chat, .reasoning: return firstAnswer
        case .code: return code.index
        case .summarize: return sentence.index
        case .agent: return tool.index ?? firstAnswer
        // Marked by the batch: its first finished item.
        case .batch: return nil
        }
    }
}

/// Code: the token ending the first non-empty line inside a ``` block, or, when no answer token holds
/// a fence, the token ending the first non-empty line of the answer. A fence arriving later changes
/// which rule applies, so both are followed at once: `inFence` starts false for the fenced rule and
/// true for the unfenced one, and the one that applies is read at the end.
struct CodeLineScan: Sendable {
    private var hasFence = false
    private var line = ""
    private var fenced = (inFence: false, index: Int?.none)
    private var unfenced = (inFence: true, index: Int?.none)

    var index: Int? { hasFence ? fenced.index : unfenced.index }

    mutating func append(_ token: Token, at i: Int) {
        guard token.kind == .answer else { return }
        if !hasFence, token.text.contains("```") { hasFence = true }
        // Once both rules have their line, only the fence test above can still change the answer.
        guard fenced.index == nil || unfenced.index == nil else { return }
        for ch in token.text {
            guard ch == "\n" else {
                line.append(ch)
                continue
            }
            let trimmed = line.trimmedSpaces
            line = ""
            let fence = trimmed.hasPrefix("```")
            for k in 0..<2 {
                var rule = k == 0 ? fenced : unfenced
                guard rule.index == nil else { continue }
                if fence {
                    rule.inFence.toggle()
                } else if rule.inFence, !trimmed.isEmpty {
                    rule.index = i
                }
                if k == 0 { fenced = rule } else { unfenced = rule }
            }
        }
    }
}

/// Summarize: the token ending the first sentence (. ! ? or their CJK forms once the answer holds two
/// spaces), or the first bullet line with text.
struct SentenceScan: Sendable {
    private var line = ""
    private var words = 0
    private(set) var index: Int?

    mutating func append(_ token: Token, at i: Int) {
        guard index == nil, token.kind == .answer else { return }
        for ch in token.text {
            if ch == "\n" {
                let trimmed = line.trimmedSpaces
                if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("• "), trimmed.count > 2 {
                    index = i
                    return
                }
                line = ""
                continue
            }
            if ch == " " { words += 1 }
            line.append(ch)
            if ".!?。！？".contains(ch), words >= 2 {
                index = i
                return
            }
        }
    }
}

/// Agent: the last token of the first run of tool-call tokens (the call is complete when the run
/// ends; while it streams, the latest of its tokens).
struct ToolCallScan: Sendable {
    private(set) var index: Int?
    private var open = false

    mutating func append(_ token: Token, at i: Int) {
        if token.kind == .toolCall {
            if index == nil {
                index = i
                open = true
            } else if open {
                index = i
            }
        } else {
            open = false
        }
    }
}
