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
            bill = TaskTokens(input: prompt, generated: done ? (live.usageTokens ?? generated) : generated)
        } else {
            bill = TaskTokens.tally(
                tokens: Array(tokens.prefix(shown)), promptTokens: promptTokens, promptCache: profile.promptCache)
        }
        return cost.cost(of: bill, seconds: done ? e2e : max(0, elapsed))
    }

    private func generatedCount(shown: Int) -> Int {
        var n = 0
        for token in self.tokens.prefix(shown) where token.kind.isGenerated { n += 1 }
        return n
    }
}
