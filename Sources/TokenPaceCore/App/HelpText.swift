/// The words users see for keys and figures, shared by the help overlay and `--help`.
public enum HelpText {
    public static let keys: [(key: String, action: String)] = [
        ("Tab / Shift-Tab, ←/→, 1-9", "select a pane"),
        ("+ / -", "selected pane's rate ×1.25 / ÷1.25"),
        ("* / /", "every pane's rate ×1.25 / ÷1.25"),
        ("] / [", "selected pane's time to first token longer / shorter"),
        ("t / T", "next / previous task type (restarts the race)"),
        ("n", "next sample of this task type"),
        ("Space", "pause / resume"),
        ("r", "restart the race"),
        ("a / x", "add a copy of the selected pane / remove it"),
        ("j", "jitter 0% → 10% → 25% → 50%"),
        ("s", "show / hide reasoning text"),
        ("c", "prompt cache on / off (agent steps re-read only new tokens when on)"),
        ("d", "speculative decoding on / off (4 draft tokens; the speed-up depends on the task)"),
        ("w", "write every pane as a trace (traces/*.jsonl)"),
        (
            "p",
            "selected pane's presentation: stream → blocking → progress → staged (outline first; a live pane sends a real outline request, from its next request: r)"
        ),
        ("i", "hidden instructions: system prompt 0 → 500 → 1k → 2k → 4k → 8k tokens (restarts; c caches it)"),
        ("R", "reader's view: a reading cursor (│ in the bar) and waiting-for-text / blocked per pane"),
        ("k / K", "batch task: selected pane's slots ×2 / ÷2 (its batch starts over)"),
        ("g", "race chart: tokens over time for every pane (flat = waiting, slope = rate, plateaus = stalls)"),
        ("e", "explain the selected pane: every figure's formula and inputs; j/k or arrows scroll it"),
        ("? or h", "this help (↑/↓ scroll, Esc closes)"),
        ("q, Ctrl-C", "quit"),
    ]

    public static let figures: [(name: String, meaning: String)] = [
        ("token", "one piece of text as the model emits it"),
        (
            "TTFT",
            "time to first token: request sent → first token of any kind (reasoning counts; a role-only or empty delta does not)"
        ),
        ("TTFA", "time to first answer token, after any reasoning"),
        (
            "useful",
            "time to first useful signal: chat/reasoning = first answer token; code = first full line of code; summarize = first full sentence or bullet; agent = first complete tool call; batch = first finished item"
        ),
        ("elapsed", "time since the request was sent (stops while paused)"),
        ("done", "E2E: request sent → last token"),
        ("n/N", "tokens shown / tokens in the answer (tool results excluded)"),
        ("live", "generated tokens in the last 1 s (a tool's output is not the model's speed)"),
        ("nᵘ", "live panes: the token count from the server's usage report (without ᵘ: counted from the stream)"),
        (
            "srv / pp",
            "live panes: the server's own decode rate and prefill time, beside the client's figures (the difference is network and queueing)"
        ),
        ("avg", "decode rate: (n − 1) ÷ (t_last − t_first)"),
        (
            "text",
            "text speed over the same interval: characters (and words) that arrived after the first token ÷ (t_last − t_first); a token is a different amount of text for every model's tokenizer and every language, so two panes at the same tok/s can stream text at different speeds (--tokenizer); words are not counted for scripts without spaces (Chinese, Japanese, Thai)"
        ),
        (
            "ITL",
            "inter-token latency: gaps between consecutive generated tokens (p50/p90/p99); a tool's wait or a re-prompt is not a gap"
        ),
        ("stall", "a gap of 250 ms or more between generated tokens"),
        ("ETA", "time until the last token at the current schedule"),
        ("place", "finishing order by request → done time, and seconds behind the fastest"),
        ("jitter", "random spread of the gaps between tokens, mean kept"),
        (
            "step k/N",
            "agent loop: tool calls made in this try / steps in the job; phase = prefill, thinking, tool call, waiting on tool, answer"
        ),
        (
            "try k/N",
            "retries: a rejected answer is re-prompted (retry = the re-prompt's time to first token); usable = time to the accepted answer, expected = one try's E2E ÷ success rate"
        ),
        (
            "spec ×k",
            "speculative decoding speed-up: tokens per step (1 − α^(k+1)) ÷ (1 − α) ÷ step cost (1 + k × draft cost); α = drafts accepted (code high, creative prose low: can be below ×1)"
        ),
        (
            "waiting for text",
            "after the first visible token, the total time a reader at --reading-rate (250 words/min) has nothing new to read"
        ),
        (
            "blocked",
            "request → the first text the user can act on (the useful signal, as the pane's presentation shows it)"
        ),
        (
            "reading margin",
            "words/s ÷ a reader's pace of 250 words/min (without words: tok/s ÷ 5.5 tok/s of prose)"
        ),
        (
            "cost",
            "price of the task (--price in=3,out=15[,cached=0.3] USD per 1M tokens): uncached prompt × in + cached × cached + generated × out, every prompt token sent counted (agent steps, retries, a staged live pane's outline request); own box (--gpu-cost 2.50/h [--power 450W --kwh 0.15]): $/h × the task's time ÷ 3600 + energy, J/token"
        ),
        (
            "batch",
            "a queue of N items (--items) worked by K slots (--slots, keys k/K): done/N items, ETA = elapsed ÷ items finished × items left; item p50/p90 = an item's request → its last token; tok/s in all = tokens generated ÷ elapsed; slot strip ▁…█ = each slot's item so far (· idle, … reading its prompt); cost so far, and projected = the mean finished item's cost × N (a box: its $/h over elapsed + ETA)"
        ),
        (
            "per-slot rate",
            "a simulated batch slot decodes at the pane's rate × e^log2(slots decoding) (--batch-efficiency e, default 88%); a hw: pane follows its estimate's batch table; a live pane sends K real requests at once"
        ),
    ]

    /// Plain-text block for `--help`.
    public static var definitions: String {
        figures.map { "  \($0.name): \($0.meaning)" }.joined(separator: "\n")
    }
}
