/// The formula and inputs behind every figure of one pane, for the `e` overlay: nothing on screen
/// should be a number without a reason.
public enum Explain {
    /// `tally`: the pane's shown tokens taken in so far, when the caller keeps one between frames
    /// (the figures then cost the same however long the answer is); otherwise they are worked out here.
    public static func lines(for pane: PaneState, in state: AppState, now: Double, tally: StreamTally? = nil)
        -> [String]
    {
        let p = pane.profile
        var out: [String] = []
        let elapsed = state.elapsed(pane, now: now)
        let shown = pane.shownCount(elapsed: elapsed)
        if pane.batch != nil { return batch(pane, in: state, elapsed: elapsed) }
        switch pane.source {
        case .simulated, .mirror:
            if case .mirror(let of) = pane.source {
                let src = state.panes.first { $0.id == of }?.label ?? "?"
                out.append("source: \(src)'s live answer, replayed at this pane's own pace")
            } else {
                out.append("source: simulated from the sample \(state.sample.id)")
                // One try's answer (a retried pane streams it again).
                let answer = pane.tokens.filter { $0.kind.isGenerated && $0.attempt == 0 }
                let text = TextCount(answer.map(\.text).joined())
                let perToken = answer.isEmpty ? nil : Double(text.characters) / Double(answer.count)
                out.append(
                    "tokens: cut by \(pane.tokenizer?.counter.name ?? BuiltinTokenCounter().name): the answer is \(answer.count) tokens, \(Format.figure(perToken)) characters/token; prompt \(pane.promptTokens) tokens"
                )
            }
            out.append(
                "decode: \(Format.figure(p.rate)) tok/s → mean gap 1 ÷ \(Format.figure(p.rate)) = \(Format.figure(1000 / p.rate)) ms"
            )
            if p.speculativeDraft > 0 { out += speculative(p, state: state) }
            switch p.firstToken {
            case .fixed(let s):
                let hidden = p.systemPrefill > 0 ? " + hidden instructions \(Format.figure(p.systemPrefill)) s" : ""
                out.append("TTFT: fixed \(Format.figure(s)) s\(hidden)")
            case .prefill(let r, let o):
                // A hardware pane's overhead is one decode step of its estimate; a simulated one's is --overhead.
                let overhead = o < 0.1 ? "\(Format.figure(o * 1000)) ms" : "\(Format.figure(o)) s"
                let why = pane.explanation.isEmpty ? "" : " (one decode step)"
                let hidden = p.systemPrefill > 0 ? " + hidden instructions \(Format.figure(p.systemPrefill)) s" : ""
                out.append(
                    "TTFT: prompt \(pane.promptTokens) tok ÷ prefill \(Format.figure(r)) tok/s + overhead \(overhead)\(why)\(hidden) = \(Format.figure(p.ttft(promptTokens: pane.promptTokens))) s"
                )
            }
            if p.systemTokens > 0 { out.append(hiddenInstructions(p, promptTokens: pane.promptTokens)) }
            if p.jitter > 0 {
                out.append(
                    "jitter: gaps × (1 ± \(Format.figure(p.jitter)) × √3 × u), u uniform in [−1, 1], mean kept; seed \(pane.seed)"
                )
            }
            if p.stallChance > 0 {
                out.append(
                    "stalls: \(Format.figure(p.stallChance * 100))% of tokens wait an extra \(Format.figure(p.stallSeconds)) s"
                )
            }
            if p.slowdownPer1k > 0 {
                let start = pane.promptTokens
                let end = start + pane.tokens.count
                out.append(
                    "slow-down: rate ÷ (1 + \(Format.figure(p.slowdownPer1k)) × context/1000) = \(Format.figure(p.decodeRate(context: start))) tok/s at the prompt's \(start) tok → \(Format.figure(p.decodeRate(context: end))) tok/s at \(end) tok"
                )
            }
            if state.task == .agent {
                out.append(
                    "agent step: tool wait (from the sample), then prefill of "
                        + (p.promptCache ? "the tool's new tokens" : "the whole context (cache off)")
                        + " at \(Format.figure(p.prefillRate)) tok/s + \(Format.figure(p.stepOverhead)) s")
                out += agentSteps(pane, profile: p)
            }
            if p.successRate < 1 {
                out.append(
                    "retries: first-try success \(Format.percent(p.successRate, places: 2)), up to \(p.maxAttempts) tries; this run takes \(pane.attempts.count) (\(pane.attempts.accepted ? "accepted" : "none accepted"))"
                )
                // The E2E to the millisecond and the rate as typed, so the quotient shown is the one computed.
                let single = pane.singleTryE2E
                let expected = Attempts.expectedTimeToUsable(singleE2E: single, successRate: p.successRate)
                out.append(
                    "expected time to usable = one try's E2E ÷ success rate = \(Format.fixed(single, 3)) s ÷ \(Format.percent(p.successRate, places: 2)) = \(Format.figure(expected)) s"
                )
                for a in 1..<max(1, pane.attempts.count) {
                    let ttft = pane.retryTTFT(attempt: a) ?? 0
                    out.append(
                        "re-prompt \(a + 1): prefill of "
                            + (p.promptCache
                                ? "the rejected try + 30 feedback tokens" : "the whole context + 30 feedback tokens")
                            + " at \(Format.figure(p.prefillRate)) tok/s + \(Format.figure(p.stepOverhead)) s = TTFT \(Format.figure(ttft)) s"
                    )
                }
            }
        case .live(let name):
            out.append("source: live \(name); times are when bytes arrived, from the moment the request was sent")
            if let u = pane.live.usageTokens {
                let outline = pane.live.stageUsageTokens.map { " + the outline request's \($0)" } ?? ""
                out.append(
                    "tokens: the server's usage count (\(u)\(outline)); pieces received: \(pane.tokens.count)")
            } else {
                out.append("tokens: counted from the stream (\(pane.live.counts.reduce(0, +))), no usage reported yet")
            }
            if let s = pane.live.server {
                if let ms = s.promptMs {
                    out.append("server prefill: \(Format.figure(ms)) ms for \(s.promptTokens ?? 0) prompt tokens")
                }
                if let r = s.predictedPerSecond {
                    out.append(
                        "server decode: \(Format.figure(r)) tok/s (client: see avg below; difference = network + queueing)"
                    )
                }
            }
            if state.systemTokens > 0 {
                out.append(
                    "hidden instructions: a system message of about \(state.systemTokens) tokens; the server reads it unless its prompt cache holds it (its prefill time, when it reports one, is above)"
                )
            }
            if let f = pane.live.failure { out.append("failed: \(f)") }
        case .replay(let name):
            out.append("source: trace \(name); the recorded arrival times, replayed as they were (or retimed as asked)")
        }
        out += pane.explanation
        let tally = tally ?? StreamTally(pane: pane, shown: shown, task: state.task)
        let m = tally.metrics(finished: pane.isDone(elapsed: elapsed))
        out.append("")
        let results = tally.toolResults
        out.append(
            "measured so far (\(m.tokens) generated tokens"
                + (results > 0 ? "; \(results) tool-result tokens left out of rates, gaps and stalls" : "") + "):")
        out.append(
            "  TTFT \(Format.figure(m.ttft)) s · TTFA \(Format.figure(m.ttfa)) s · useful (\(state.task.usefulSignalName)) \(Format.figure(m.useful)) s"
        )
        out.append(
            "  E2E \(Format.figure(m.e2e)) s · decode (n−1)/(t_last−t_first) = \(Format.figure(m.decodeRate)) tok/s")
        out.append(
            "  ITL p50 \(Format.figure(m.itlP50.map { $0 * 1000 })) · p90 \(Format.figure(m.itlP90.map { $0 * 1000 })) · p99 \(Format.figure(m.itlP99.map { $0 * 1000 })) ms"
        )
        let words =
            m.wordsPerSecond.map { "\(Format.figure($0)) words/s" }
            ?? "words/s — (a script without spaces: read characters/s)"
        out.append(
            "  text: characters after the first token ÷ (t_last−t_first) = \(Format.figure(m.charactersPerSecond)) characters/s · \(words)"
        )
        out.append("  stalls (gaps ≥ 250 ms): \(m.stallCount), longest \(Format.figure(m.longestStall)) s")
        if let cost = pane.taskCost(shown: shown, elapsed: elapsed) {
            if pane.source.isLive, pane.stageSource == .request {
                let o = pane.outlineRequest(answerPrompt: pane.live.promptTokens ?? pane.promptTokens)
                let counted = pane.live.stagePromptTokens == nil ? "counted here" : "the server's count"
                out.append(
                    "  two requests: the outline request's \(o.prompt) prompt tokens (\(counted)) and its \(o.generated) tokens are billed with the answer's"
                )
            }
            out += cost.lines.map { "  " + $0 }
        }
        let done = pane.isDone(elapsed: elapsed)
        let live = StreamMetrics.liveRate(
            tokens: pane.tokens, times: pane.schedule.times, shown: shown, elapsed: elapsed)
        out.append("  live: generated tokens in the last 1 s = \(done ? Format.missing : Format.figure(live)) tok/s")
        if !pane.source.isLive, let last = pane.schedule.times.last {
            out.append(
                "  ETA: last token at \(Format.figure(last)) s − elapsed \(Format.figure(max(0, elapsed))) s = \(Format.figure(max(0, last - elapsed))) s"
            )
        }
        out += presentation(pane, elapsed: elapsed)
        if let s = state.standing(of: pane, now: now) {
            out.append(
                "  place: \(s.place) by request → done; \(Format.figure(s.behind)) s behind the fastest finished pane")
        }
        out += readerFigures(pane, in: state, elapsed: elapsed)
        if let w = m.wordsPerSecond, w > 0 {
            out.append(
                "  reading margin: \(Format.figure(w)) words/s ÷ \(Format.figure(250.0 / 60)) words/s (a 250 words/min reader) = \(Format.figure(w / (250.0 / 60)))×"
            )
        } else if let r = m.decodeRate {
            out.append("  reading margin: \(Format.figure(r / 5.5))× a 250 words/min reader (5.5 tok/s)")
        }
        return out
    }

    /// The reader's figures: waiting for text at the reading pace, and blocked.
    static func readerFigures(_ pane: PaneState, in state: AppState, elapsed: Double) -> [String] {
        let scan = pane.reader(wordsPerMinute: state.readingRate, showReasoning: state.showReasoning)
        let visible = pane.visibleCount(elapsed: elapsed)
        let done = pane.isDone(elapsed: elapsed)
        let waiting = visible > 0 ? scan.waiting(at: elapsed, shown: visible, complete: done) : nil
        let blocked = pane.blocked.flatMap { $0 <= elapsed ? $0 : nil }
        return [
            "  waiting for text: a \(Format.figure(state.readingRate)) words/min reader (a word = 60 ÷ \(Format.figure(state.readingRate)) s) with nothing new to read, after the first visible token = \(Format.figure(waiting)) s",
            "  blocked: request → \(state.task.usefulSignalName) as this presentation shows it = \(Format.figure(blocked)) s",
        ]
    }

    /// The system prompt's share of the first token: its prefill, and the TTFT once it is cached.
    static func hiddenInstructions(_ p: Profile, promptTokens: Int) -> String {
        var paying = p
        paying.systemCached = false
        let full = paying.ttft(promptTokens: promptTokens)
        let hidden = paying.systemPrefill
        let split =
            "hidden instructions \(Format.figure(hidden)) s of a \(Format.figure(full)) s TTFT; cached \(Format.figure(full - hidden)) s"
        let now = p.systemCached ? " (cached now: read from the prompt cache)" : " (this request pays)"
        return split + " — \(p.systemTokens) tok ÷ \(Format.figure(p.prefillRate)) tok/s" + now
    }

    /// How the pane shows its answer, and when its useful signal became visible.
    static func presentation(_ pane: PaneState, elapsed: Double) -> [String] {
        let m = pane.milestones
        let seen = pane.visibleTime(of: m.useful).flatMap { $0 <= elapsed ? $0 : nil }
        switch pane.presentation {
        case .stream:
            // A request sent staged (or a recorded stage) keeps its outline after a switch to stream.
            guard pane.stageSource == .request || pane.stageSource == .recorded else { return [] }
            return stage(pane, label: "first stage (shown as it came)")
        case .blocking, .progress:
            let arrived = m.useful.flatMap { $0 < pane.schedule.times.count ? pane.schedule.times[$0] : nil }
            let what = pane.presentation == .blocking ? "a spinner and the elapsed time" : "a bar, phase and ETA"
            return [
                "  presentation \(pane.presentation.rawValue): \(what) until the last token, then the whole answer",
                "  useful as the user sees it: with the whole answer, \(Format.figure(seen)) s (its token arrived at \(Format.figure(arrived)) s)",
            ]
        case .staged:
            return stage(pane)
        }
    }

    /// Where a staged pane's first stage comes from and when it was written.
    static func stage(_ pane: PaneState, label: String = "presentation staged") -> [String] {
        let k = pane.stageCount
        let end = k > 0 && k <= pane.schedule.times.count ? pane.schedule.times[k - 1] : nil
        switch pane.stageSource {
        case nil:
            switch pane.source {
            case .live:
                return [
                    "  \(label): this request was sent before the switch, without an outline request; the next request (r) sends one first"
                ]
            case .replay where !pane.outline.isEmpty:
                return [
                    "  \(label): no outline: the trace has no decode rate to time the sample's outline from"
                ]
            case .replay:
                return [
                    "  \(label): no outline: the trace recorded no first stage and the sample has no ::: outline"
                ]
            default:
                return ["  \(label): no outline: the sample has no ::: outline"]
            }
        case .sample:
            return [
                "  \(label): the model writes the \(k)-token outline first (done at \(Format.figure(end)) s), then the full answer"
            ]
        case .request:
            let sent =
                pane.live.stageEndedAt.map { "done and the answer request sent at \(Format.figure($0)) s" }
                ?? "streaming"
            return [
                "  \(label): a real outline request first (the question + \"\(StageRequest.instruction)\", at most \(StageRequest.maxTokens) tokens): \(k) pieces, \(sent); then the answer request, in the same pane",
                "  TTFT is the outline's first token, done the answer's last; p switches take effect at the next request (r)",
            ]
        case .recorded:
            return [
                "  \(label): the trace recorded an outline request first: \(k) pieces at their recorded times (the last at \(Format.figure(end)) s), then the recorded answer"
            ]
        case .traceRate(let ttft, let rate, let shift):
            return [
                "  \(label): the first stage is timed from the trace's rate, not recorded: the sample's \(k)-token outline from the trace's TTFT \(Format.figure(ttft)) s at its \(Format.figure(rate)) tok/s (token i at \(Format.figure(ttft)) + i ÷ \(Format.figure(rate)))",
                "  the recorded answer moves \(k) ÷ \(Format.figure(rate)) = \(Format.figure(shift)) s later",
            ]
        }
    }

    /// Each tool wait of an agent pane and the context the model reads after it.
    static func agentSteps(_ pane: PaneState, profile p: Profile) -> [String] {
        var out: [String] = []
        var context = pane.promptTokens
        var results = 0
        var wait: Double?
        func flush() {
            guard let w = wait else { return }
            let read = p.promptCache ? results : context
            out.append(
                "  tool wait \(Format.figure(w)) s → \(results) result tokens; context \(context) tok; prefill \(read) tok ÷ \(Format.figure(p.prefillRate)) = \(Format.figure(Double(read) / p.prefillRate)) s"
            )
            wait = nil
            results = 0
        }
        for t in pane.tokens where t.attempt == 0 {
            if t.kind == .toolResult {
                if wait == nil { wait = t.toolLatency ?? 0 }
                results += 1
            } else {
                flush()
            }
            context += 1
        }
        flush()
        out.append(
            "  context at the end: \(context) tok (prompt \(pane.promptTokens) + \(context - pane.promptTokens) generated and tool tokens)"
        )
        return out
    }

    /// The speculative speed-up, from its inputs to the rate the pane streams at.
    static func speculative(_ p: Profile, state: AppState) -> [String] {
        let a = p.draftAcceptance
        let k = p.speculativeDraft
        let source =
            state.sample.draftAcceptance != nil
            ? "sample \(state.sample.id)'s draft_acceptance" : "assumed for \(state.task.rawValue)"
        let perStep = SpeculativeDecoding.expectedTokensPerStep(acceptance: a, draftLength: k)
        let cost = 1 + Double(k) * p.draftCost
        let product = p.rate * p.speedup
        let decode =
            product > Profile.rateRange.upperBound
            ? "\(Format.figure(product)), capped at \(Format.figure(p.effectiveRate))" : Format.figure(p.effectiveRate)
        return [
            "speculative: α \(Format.figure(a)) (draft acceptance, \(source)) · k \(k) drafts · draft cost c \(Format.figure(p.draftCost)) of a step",
            "  tokens per step (1 − α^(k+1)) ÷ (1 − α) = (1 − \(Format.figure(a))^\(k + 1)) ÷ \(Format.figure(1 - a)) = \(Format.figure(perStep))",
            "  speed-up \(Format.figure(perStep)) ÷ (1 + k·c) = \(Format.figure(perStep)) ÷ \(Format.figure(cost)) = ×\(Format.figure(p.speedup))"
                + (p.speedup < 1 ? " (slower: the drafts cost more than they save)" : ""),
            "  decode \(Format.figure(p.rate)) × \(Format.figure(p.speedup)) = \(decode) tok/s → mean gap \(Format.figure(1000 / p.effectiveRate)) ms",
        ]
    }
}
