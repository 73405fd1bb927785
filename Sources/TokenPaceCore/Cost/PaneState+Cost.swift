extension PaneState {
    /// What this pane's task has cost so far (`shown` tokens, `elapsed` seconds), or in all once
    /// done: every prompt token sent (agent steps and re-prompts included, cached ones at the cached
    /// price) and every token generated; a box is charged for the time so far. Nil without a cost.
    public func taskCost(shown: Int, elapsed: Double) -> TaskCost? {
        guard let cost else { return nil }
        let done = isDone(elapsed: elapsed)
        let bill: TaskTokens
        if source.isLive {
            let generated = generatedCount(shown: shown)
            let prompt = live.promptTokens ?? promptTokens
            let outline = outlineRequest(answerPrompt: prompt)
            bill = TaskTokens(
                input: prompt + outline.prompt,
                generated: done ? live.usageTokens.map { $0 + outline.generated } ?? generated : generated)
        } else {
            var tally = TaskTokens.tally(
                tokens: Array(tokens.prefix(shown)), promptTokens: promptTokens, promptCache: profile.promptCache)
            // A trace that recorded an outline request of its own paid for that prompt too.
            if stageSource == .recorded, let outlinePrompt = live.stagePromptTokens { tally.input += outlinePrompt }
            bill = tally
        }
        return cost.cost(of: bill, seconds: done ? e2e : max(0, elapsed))
    }

    /// A staged live pane's outline request (sent first, with the answer request's prompt and the
    /// outline instruction): its prompt (the server's count, else that prompt and the instruction
    /// counted here) and its tokens (the server's count, else the pieces that arrived). Nothing for
    /// any other pane.
    func outlineRequest(answerPrompt: Int) -> (prompt: Int, generated: Int) {
        guard stageSource == .request else { return (0, 0) }
        let prompt = live.stagePromptTokens ?? answerPrompt + Self.instructionTokens
        return (prompt, live.stageUsageTokens ?? stageCount)
    }

    /// The outline instruction the outline request adds to the question, counted once.
    private static let instructionTokens = Tokenizer.count("\n\n" + StageRequest.instruction)

    private func generatedCount(shown: Int) -> Int {
        var n = 0
        for token in self.tokens.prefix(shown) where token.kind.isGenerated { n += 1 }
        return n
    }
}
