import TokenPaceCore

/// Draws one pane: border with title, the streaming text (newest line kept in view) and the clocks.
struct PaneView: Widget {
    let pane: PaneState
    let state: AppState
    let now: Double
    let selected: Bool
    let options: ViewOptions
    /// The pane's wrapped text and title, kept between frames.
    let cache: PaneTextCache

    func draw(in rect: Rect, buffer: inout Buffer) {
        let chars = options.ascii ? BoxChars.ascii : (selected ? BoxChars.heavy : BoxChars.unicode)
        Box(
            chars: chars, role: selected ? .borderSelected : .border, title: title(width: rect.width - 4, cache: cache),
            titleRole: selected ? .titleSelected : .title
        ).draw(in: rect, buffer: &buffer)
        let inner = rect.inset(1)
        guard inner.width > 0, inner.height > 0 else { return }
        if let batch = pane.batch {
            drawBatch(batch, in: inner, buffer: &buffer)
            return
        }
        let elapsed = state.elapsed(pane, now: now)
        let shown = pane.shownCount(elapsed: elapsed)
        let visible = pane.visibleCount(elapsed: elapsed)
        let generated = cache.generatedSoFar(pane: pane, shown: shown)
        let info = infoLines(
            width: inner.width, height: inner.height, elapsed: elapsed, shown: shown, generated: generated,
            cache: cache)
        let textHeight = inner.height - info.count
        // A held answer (blocking, progress) shows only that the model works until it is complete.
        let holding = pane.presentation.holdsAnswer && visible == 0 && pane.live.failure == nil
        if textHeight > 0, holding {
            let rows = heldRows(width: inner.width, elapsed: elapsed, shown: shown, generated: generated)
            draw(rows.prefix(textHeight), x: inner.x, y: inner.y, maxX: inner.maxX, buffer: &buffer)
        } else if textHeight > 0 {
            let text = cache.text(
                for: pane, shown: visible, width: inner.width, showReasoning: state.showReasoning, ascii: options.ascii)
            // The answer's rows, then any message under them; the newest rows kept in view.
            var extra: [[StyledChar]] = []
            if let failure = pane.live.failure {
                var message = (options.ascii ? "x " : "✗ ") + failure
                // A replayed failure is part of the recording: a restart fails the same way.
                if !pane.source.isReplay { message += " · r retries" }
                extra = WrappedText.wrap(message.map { StyledChar($0, role: .error) }, width: inner.width, words: true)
            } else if pane.source.isLive, shown == 0, !pane.live.ended {
                extra = [Array("waiting for the first token…").map { StyledChar($0, role: .dim) }]
            } else if case .mirror(let of) = pane.source, !pane.live.ended {
                let src = state.panes.first { $0.id == of }?.label ?? "?"
                extra = [Array("replays \(src)'s answer once it is complete…").map { StyledChar($0, role: .dim) }]
            }
            let rows = text.wrapped.rows
            let total = rows.count + extra.count
            let start = max(0, total - textHeight)
            for i in start..<total {
                let row = i < rows.count ? rows[i] : extra[i - rows.count]
                buffer.put(row: row, x: inner.x, y: inner.y + i - start, limit: inner.maxX)
            }
        }
        draw(info[...], x: inner.x, y: inner.y + max(0, textHeight), maxX: inner.maxX, buffer: &buffer)
    }

    /// Lines of parts, one a row from `y`.
    func draw(_ lines: ArraySlice<[Part]>, x x0: Int, y y0: Int, maxX: Int, buffer: inout Buffer) {
        for (k, line) in lines.enumerated() {
            var x = x0
            let y = y0 + k
            for part in line {
                if part.repeats == 1 {
                    x = buffer.put(part.text, x: x, y: y, role: part.role, limit: maxX)
                } else if part.repeats > 1 {
                    // A bar: its characters made once, not once a cell.
                    let chars = part.text.map { StyledChar($0, role: part.role) }
                    x = buffer.put(row: repeatElement(chars, count: part.repeats).joined(), x: x, y: y, limit: maxX)
                }
            }
        }
    }

    /// What a held answer shows while the model works: a spinner and the elapsed time (blocking), or
    /// a bar with the phase and an ETA from the estimate (progress).
    func heldRows(
        width: Int, elapsed: Double, shown: Int, generated: PaneTextCache.GeneratedSoFar
    ) -> [[Part]] {
        let clock = Part(text: Format.duration(max(0, elapsed), .clock), role: .clock)
        if pane.presentation == .blocking {
            let spin = Self.spinner(elapsed: elapsed, ascii: options.ascii)
            return [
                fit(
                    width, [Part(text: "\(spin) \(Self.working)  ", role: .clockLabel), clock],
                    [Part(text: "\(spin) ", role: .clockLabel), clock])
            ]
        }
        let eta = Self.progressETA(
            pane: pane, sampleLength: state.sample.generatedTokenCount, elapsed: elapsed, shown: shown,
            generated: generated)
        let etaText = " ETA " + Format.duration(eta.eta, .clock)
        let fraction = Self.progressFraction(eta.eta, elapsed: elapsed)
        let pct = " " + Format.percent(fraction, rule: .down)
        return [
            fit(
                width, [Part(text: eta.phase, role: .clockLabel), Part(text: etaText, role: .clock)],
                [Part(text: eta.phase, role: .clockLabel)]),
            Self.bar(fraction, width: max(0, width - pct.count), ascii: options.ascii) + [
                Part(text: pct, role: .clock)
            ],
        ]
    }

    /// What a blocking pane says beside its spinner.
    static let working = "working on your answer"

    /// The blocking presentation's spinner at `elapsed`: a frame every 0.1 s.
    static func spinner(elapsed: Double, ascii: Bool) -> Character {
        let frames = ascii ? Array("|/-\\") : Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
        return frames[Int(max(0, elapsed) * 10) % frames.count]
    }

    /// How full the progress bar is: the time spent over the time spent plus the ETA; nearly full
    /// once the estimate is passed.
    static func progressFraction(_ eta: Double?, elapsed: Double) -> Double {
        eta.map { max(0, elapsed) / (max(0, elapsed) + $0) } ?? 0.99
    }

    /// The progress bar, `width` cells, filled to `fraction`.
    static func bar(_ fraction: Double, width: Int, ascii: Bool) -> [Part] {
        let filled = min(width, max(0, Int((Double(width) * fraction).rounded(.down))))
        let chars = ascii ? BoxChars.ascii : BoxChars.unicode
        return [
            Part(text: String(chars.barFull), role: .bar, repeats: filled),
            Part(text: String(chars.barEmpty), role: .barEmpty, repeats: width - filled),
        ]
    }

    /// The progress presentation's phase and ETA, as a product could know them: before the first
    /// token, the estimated prefill left; then the estimated answer length (a live pane: the sample's
    /// `sampleLength`, capped by its max tokens; a trace's or simulation's own) less what arrived, at
    /// the rate measured so far. Nil when the estimate is already passed: an honest bar does not promise.
    static func progressETA(
        pane: PaneState, sampleLength: Int, elapsed: Double, shown: Int,
        generated: PaneTextCache.GeneratedSoFar
    ) -> (phase: String, eta: Double?) {
        let rate = generated.rate ?? pane.profile.decodeRate(context: pane.promptTokens)
        // A live answer's length is not known: the sample's, and never more than the request allows.
        let estimate = sampleLength
        let total =
            pane.source.isLive ? pane.maxTokens.map { min($0, estimate) } ?? estimate : pane.milestones.generatedCount
        let writing = max(0, total - generated.count)
        guard shown > 0 else {
            let prefill = pane.profile.ttft(promptTokens: pane.promptTokens) - elapsed
            let eta = prefill >= 0 ? prefill + Double(total) / max(rate, 1e-9) : nil
            return ("reading your prompt", eta)
        }
        let phase = pane.tokens[min(shown, pane.tokens.count) - 1].kind == .reasoning ? "thinking" : "writing"
        return (phase, writing > 0 ? Double(writing) / max(rate, 1e-9) : nil)
    }

    func title(width: Int, cache: PaneTextCache) -> String {
        var mirrorLabel: String?
        if case .mirror(let of) = pane.source { mirrorLabel = state.panes.first { $0.id == of }?.label ?? "?" }
        let key = PaneTextCache.TitleKey(
            profile: pane.profile, promptTokens: pane.promptTokens, id: pane.id, source: pane.source,
            mirrorLabel: mirrorLabel, selected: selected, width: width, ascii: options.ascii,
            presentation: pane.presentation, tokenizer: pane.tokenizer?.label)
        return cache.title(key, id: pane.id) { title(width: width) }
    }

    func title(width: Int) -> String {
        let p = pane.profile
        let ttft: String
        switch p.firstToken {
        case .fixed(let s): ttft = "TTFT " + Format.duration(s, .clock)
        case .prefill: ttft = "TTFT " + Format.duration(p.ttft(promptTokens: pane.promptTokens), .clock)
        }
        let rate = Format.rate(streamRate)
        let spec = p.speculativeDraft > 0 ? " spec ×" + Format.fixed(p.speedup, 2) : ""
        // The speed-up can lift the rate past the 5000 tok/s ceiling; then the title says it was capped.
        let capped = p.rate * p.speedup > Profile.rateRange.upperBound
        let cap = capped ? ", capped" : ""
        let base =
            p.speculativeDraft > 0 ? " (\(Format.rate(p.rate)) × spec \(Format.fixed(p.speedup, 2))\(cap))" : ""
        let context = p.slowdownPer1k > 0 ? " at \(pane.promptTokens)-tok context" : ""
        let kind = p.label.isEmpty ? "" : "\(p.label) · "
        let arrow = selected ? "▶ " : ""
        let shownAs = presentationWord.map { " · " + $0 } ?? ""
        // Whose tokens the rate counts, when a model's tokenizer was given.
        let of = pane.tokenizer.map { " of \($0.label)" } ?? ""
        var variants = [
            "\(arrow)\(pane.label) · \(kind)\(rate) tok/s\(of)\(base)\(context) · \(ttft)",
            "\(arrow)\(pane.label) · \(kind)\(rate) tok/s\(of)\(spec) · \(ttft)",
            "\(arrow)\(pane.label) · \(kind)\(rate) tok/s\(of)\(spec)",
            "\(arrow)\(pane.label) · \(kind)\(rate) tok/s\(spec)",
        ]
        switch pane.source {
        case .simulated: break
        case .live(let backend): variants = ["\(arrow)\(pane.label) · live · \(backend)"]
        case .replay(let trace):
            variants = [
                "\(arrow)\(pane.label) · trace · \(trace) · \(rate) tok/s",
                "\(arrow)\(pane.label) · trace · \(rate) tok/s",
            ]
        case .mirror(let of):
            let src = state.panes.first { $0.id == of }?.label ?? "?"
            variants = ["\(arrow)\(pane.label) · \(src) at \(rate) tok/s\(spec)"]
        }
        variants = variants.map { $0 + shownAs }
        for full in variants where DisplayWidth.of(full) <= width {
            return options.ascii ? full.replacingOccurrences("▶", ">") : full
        }
        if pane.source.isLive { return "\(pane.label) live" + (presentationWord.map { " " + $0 } ?? "") }
        // Narrow: the rate the pane streams at, and what kind of pane it is (a trace does not draft).
        let drafts = p.speculativeDraft > 0 && !pane.source.isReplay ? "spec" : ""
        let markers = [presentationWord ?? "", kindMarker, drafts].filter { !$0.isEmpty }
        let narrow = [
            ([pane.label, rate + "t/s"] + markers).joined(separator: " "),
            ([pane.label, rate] + markers).joined(separator: " "),
            ([pane.label, rate + "t/s"] + markers.prefix(1)).joined(separator: " "),
        ]
        return narrow.first { DisplayWidth.of($0) <= width } ?? "\(pane.label) \(rate)t/s"
    }

    /// How the pane shows its answer, when not streaming; a staged pane with no first stage (a
    /// sample or trace without an outline, a live request sent before the switch) says so.
    var presentationWord: String? {
        switch pane.presentation {
        case .stream: return nil
        case .staged where pane.stageSource == nil:
            // A live pane switched to staged mid-request: its next request writes the outline.
            return pane.source.isLive ? "staged: next request" : "staged: no outline"
        default: return pane.presentation.rawValue
        }
    }

    /// A short word for panes that are not plain simulations: est. (hardware), trace, mirror.
    var kindMarker: String {
        switch pane.source {
        case .replay: return "trace"
        case .mirror: return "mirror"
        case .live: return "live"
        case .simulated: return pane.profile.label
        }
    }

    /// The decode rate this pane streams at: a trace's recorded rate over its generated tokens, else
    /// the profile's rate after speculative decoding at the prompt's context.
    var streamRate: Double {
        if case .replay = pane.source, let rate = pane.recordedRate { return rate }
        return pane.profile.decodeRate(context: pane.promptTokens)
    }

    struct Part {
        var text: String
        var role: StyleRole
        /// `text` drawn this many times in a row (progress bars, without building their strings).
        var repeats = 1
    }

    /// The clock lines, as many as the pane's size allows (3, 2 or 1).
    func infoLines(
        width: Int, height: Int, elapsed: Double, shown: Int, generated: PaneTextCache.GeneratedSoFar,
        cache: PaneTextCache
    ) -> [[Part]] {
        let done = pane.isDone(elapsed: elapsed)
        let times = pane.schedule.times
        let m = pane.milestones

        func clock(_ index: Int?) -> Part {
            guard let i = index, i < times.count else { return Part(text: Format.missing, role: .clock) }
            if i < shown { return Part(text: Format.duration(times[i], .clock), role: .clockFrozen) }
            return Part(text: done ? Format.missing : Format.duration(max(0, elapsed), .clock), role: .clock)
        }
        let label = { (s: String) in Part(text: s, role: .clockLabel) }
        let gap = Part(text: "  ", role: .normal)

        let ttft = clock(m.firstToken)
        var useful = clock(m.useful)
        if pane.presentation.holdsAnswer, m.useful != nil {
            // The useful signal counts when the user can see it: with the whole answer.
            let seen = pane.visibleTime(of: m.useful).flatMap { $0 <= elapsed ? $0 : nil }
            useful =
                seen.map { Part(text: Format.duration($0, .clock), role: .clockFrozen) }
                ?? Part(text: done ? Format.missing : Format.duration(max(0, elapsed), .clock), role: .clock)
        }
        let timeClock: [Part] =
            pane.live.failure != nil
            ? [label("failed "), Part(text: Format.duration(pane.live.endedAt, .clock), role: .error)]
            : done
                ? [label("done "), Part(text: Format.duration(pane.e2e, .clock), role: .clockFrozen)]
                : [label("elapsed "), Part(text: Format.duration(max(0, elapsed), .clock), role: .clock)]

        let total = m.generatedCount
        let (generatedShown, avg, pieces) = (generated.count, generated.rate, generated.pieces)
        let live = StreamMetrics.liveRate(tokens: pane.tokens, times: times, shown: shown, elapsed: elapsed)
        let fraction = total == 0 ? 1 : Double(generatedShown) / Double(total)

        let timeShort = [label(done ? "done " : "el "), timeClock[1]]
        let retrying = pane.profile.successRate < 1 && pane.source == .simulated
        let attempt = retrying ? pane.currentAttempt(shown: shown) : 0
        // A re-prompt has its own time to first token: shown beside the first try's.
        let retry: [Part] =
            pane.retryTTFT(attempt: attempt).map { t in
                [
                    label(" · retry "),
                    Part(
                        text: Format.duration(t, .clock),
                        role: shown > attempt * pane.tokensPerTry ? .clockFrozen : .clock),
                ]
            } ?? []
        let line1 = fit(
            width,
            [label("TTFT "), ttft] + retry + [gap, label("useful "), useful, gap] + timeClock,
            [label("TTFT "), ttft] + retry + [label(" useful "), useful, label(" ")] + timeShort,
            [label("TTFT "), ttft] + retry + [label(" ")] + timeShort,
            retry.isEmpty ? [] : [label("retry TTFT "), retry[1], label(" ")] + timeShort,
            retry.isEmpty ? [] : [label("retry TTFT "), retry[1]],
            [label("TTFT "), ttft, label(" use "), useful, label(" ")] + timeShort)
        let liveText = Part(text: done ? Format.missing : Format.rate(live), role: .clock)
        let avgText = Part(text: Format.rate(avg), role: .clock)
        var count = Part(text: "\(generatedShown)/\(total)", role: .clock)
        if pane.source.isLive {
            let n = done ? (pane.live.usageTokens ?? pieces) : pieces
            count = Part(text: "\(n)\(done && pane.live.usageTokens != nil ? "ᵘ" : "")", role: .clock)
        }
        let line2 = fit(
            width,
            [count, label(" tok  live "), liveText, label("  avg "), avgText, label(" tok/s")],
            [count, label(" live "), liveText, label(" avg "), avgText])
        // The reader's view: where a reader at the reading pace is, and what the wait felt like.
        var readerLine: [Part]?
        var readerFraction: Double?
        if state.readerVisible {
            let scan = cache.reader(for: pane, wordsPerMinute: state.readingRate, showReasoning: state.showReasoning)
            let visible = pane.visibleCount(elapsed: elapsed)
            let read = min(scan.readCount(at: elapsed), visible)
            readerFraction = pane.tokens.isEmpty ? nil : Double(read) / Double(pane.tokens.count)
            let waiting = Format.duration(scan.waiting(at: elapsed, shown: visible, complete: done), .clock)
            let blockedAt = pane.blocked.flatMap { $0 <= elapsed ? $0 : nil }
            let blocked =
                blockedAt.map { Part(text: Format.duration($0, .clock), role: .clockFrozen) }
                ?? Part(text: done ? Format.missing : Format.duration(max(0, elapsed), .clock), role: .clock)
            let wait = Part(text: waiting, role: visible > 0 && !done ? .clock : .clockFrozen)
            let wpm = Format.count(Int(state.readingRate.rounded()), "wpm", plural: "wpm")
            readerLine = fit(
                width,
                [
                    label("reader \(wpm): read \(read)/\(pane.tokens.count) · waiting for text "), wait,
                    label(" · blocked "), blocked,
                ],
                [label("read \(read)/\(pane.tokens.count) · waiting "), wait, label(" · blocked "), blocked],
                [label("read \(read) · wait "), wait, label(" · blocked "), blocked],
                [label("wait "), wait, label(" blocked "), blocked])
        }
        var line3 = statusLine(
            width: width, fraction: fraction, done: done, elapsed: elapsed, shown: shown, reader: readerFraction)
        var line2Final = line2
        if pane.source.isLive, let server = pane.live.server {
            // The server's own figures beside the client's: the difference is network and queueing.
            var parts = [count, label(" tok  avg "), avgText]
            if let r = server.predictedPerSecond {
                parts += [label("  server "), Part(text: Format.rate(r), role: .clockFrozen)]
            }
            if let ms = server.promptMs {
                parts += [label(" · prefill "), Part(text: Format.duration(ms / 1000, .clock), role: .clockFrozen)]
            }
            let srv = Part(text: Format.rate(server.predictedPerSecond), role: .clockFrozen)
            let pp = Part(text: Format.duration(server.promptMs.map { $0 / 1000 }, .clock), role: .clockFrozen)
            line2Final = fit(
                width, parts, [count, label(" avg "), avgText, label(" · srv "), srv, label(" pp "), pp],
                [count, label(" avg "), avgText, label(" srv "), srv])
        }
        if state.task == .agent, !pane.source.isLive {
            let progress = cache.agentSteps(for: pane).progress(shown: shown, done: done)
            let label =
                progress.phase == .done
                ? "\(progress.steps) steps" : "step \(progress.step)/\(progress.steps) · \(progress.phase.rawValue)"
            line3 =
                [Part(text: label, role: .clockLabel), Part(text: "  ", role: .normal)]
                + statusLine(
                    width: width - DisplayWidth.of(label) - 2, fraction: fraction, done: done, elapsed: elapsed,
                    shown: shown, reader: readerFraction)
        }
        if pane.presentation.holdsAnswer, !done, pane.live.failure == nil {
            // The schedule's bar would tell what a held answer does not show.
            line3 = fit(
                width, [Part(text: "answer held until the last token", role: .clockLabel)],
                [Part(text: "answer held", role: .clockLabel)])
        }
        var retryLine: [Part]?
        if retrying {
            let expected = Attempts.expectedTimeToUsable(
                singleE2E: pane.singleTryE2E, successRate: pane.profile.successRate)
            let exp = Part(text: Format.duration(expected, .clock), role: .clock)
            if done {
                let usable: Part =
                    pane.attempts.accepted
                    ? Part(text: Format.duration(pane.e2e, .clock), role: .clockFrozen)
                    : Part(text: "none", role: .error)
                let tries = Format.count(pane.attempts.count, "try", plural: "tries")
                retryLine = fit(
                    width,
                    [label("usable "), usable, label("  expected "), exp, label("  tries \(pane.attempts.count)")],
                    [label("usable "), usable, label(" exp "), exp, label(" · " + tries)],
                    [label("usable "), usable, label(" exp "), exp], [label("usable "), usable])
            } else {
                let tryText = "try \(attempt + 1)/\(pane.profile.maxAttempts)"
                let ttftNow: [Part] = retry.count > 1 ? [label(" TTFT "), retry[1]] : []
                retryLine = fit(
                    width, [label(tryText + "  expected usable "), exp],
                    [label(tryText)] + ttftNow + [label(" exp "), exp],
                    [label(tryText + " exp "), exp], [label(tryText)])
            }
            line2Final = retryLine!
        }

        // The task's cost (a priced pane), and what the rate means as text for this model's tokens and
        // this language: lines of their own in panes tall enough.
        let cost = height >= 8 && width >= 30 ? pane.taskCost(shown: shown, elapsed: elapsed) : nil
        var extra = cost.map { [costLine($0, width: width, done: done)] } ?? []
        if height >= 10 + extra.count && width >= 24 {
            let chars = Part(text: Format.rate(generated.charactersPerSecond), role: .clock)
            let words = Part(text: Format.rate(generated.wordsPerSecond), role: .clock)
            let textLine =
                generated.withoutSpaces
                ? fit(width, [label("text "), chars, label(" characters/s")], [label("text "), chars, label(" ch/s")])
                : fit(
                    width, [label("text "), chars, label(" characters/s · "), words, label(" words/s")],
                    [label("text "), chars, label(" ch/s · "), words, label(" words/s")],
                    [label("text "), chars, label(" ch/s "), words, label(" w/s")])
            extra.insert(textLine, at: 0)
        }
        if let readerLine {
            // The reader's figures take the place of the least needed line the pane has room for.
            if height >= 10 + extra.count && width >= 30 { return [line1, line2Final, readerLine] + extra + [line3] }
            if height >= 6 { return [line1, readerLine, line3] }
            if height >= 4 { return [readerLine, line3] }
        }
        if !extra.isEmpty { return [line1, line2Final] + extra + [line3] }
        if height >= 6 && width >= 30 { return [line1, line2Final, line3] }
        // Compact: a retried answer keeps its try and expectation in view.
        if let retryLine {
            if height >= 5 { return [line1, retryLine, line3] }
            if height >= 2 { return [retryLine, line3] }
        }
        if height >= 4 { return [line1, line3] }
        if height >= 2 { return [line3] }
        return []
    }

    /// `cost $0.0065 · 28 in + 256 out` (API) or `cost $0.0038 · 5.43 s of the box · 1.2 J/tok`:
    /// so far while streaming, the task's once done (`e` shows the formula).
    func costLine(_ c: TaskCost, width: Int, done: Bool) -> [Part] {
        let label = { (s: String) in Part(text: s, role: .clockLabel) }
        let money = Part(text: Format.usd(c.usd), role: done ? .clockFrozen : .clock)
        var detail: String
        switch c.model {
        case .api:
            detail =
                " · \(c.tokens.input) in" + (c.tokens.cached > 0 ? " (\(c.tokens.cached) cached)" : "")
                + " + \(c.tokens.generated) out"
        case .box:
            detail = " · \(Format.duration(c.seconds, .reading)) of the box"
            if let j = c.joulesPerToken { detail += " · \(Format.figure(j)) J/tok" }
        }
        return fit(width, [label(done ? "cost " : "cost so far "), money, label(detail)], [label("cost "), money])
    }

    /// The first variant that fits the width (the last one otherwise; drawing clips it).
    func fit(_ width: Int, _ variants: [Part]...) -> [Part] {
        for v in variants where !v.isEmpty && v.reduce(0, { $0 + DisplayWidth.of($1.text) * $1.repeats }) <= width {
            return v
        }
        return variants.last ?? []
    }

    func statusLine(
        width: Int, fraction: Double, done: Bool, elapsed: Double, shown: Int, reader: Double? = nil
    ) -> [Part] {
        if done, !pane.attempts.accepted {
            // A pane whose every try was rejected has no usable answer: no ✓, place or leader.
            let mark = Part(text: (options.ascii ? "x " : "✗ ") + "not usable", role: .error)
            let why = Part(text: " · every try rejected", role: .clockLabel)
            return width >= 33 ? [mark, why] : [mark]
        }
        if done, let s = state.standing(of: pane, now: now) {
            var behind = s.place == 1 ? "leader" : "+" + Format.duration(s.behind, .clock) + " behind"
            let mark = options.ascii ? "*" : "✓"
            if width < 22, s.place > 1 { behind = "+" + Format.duration(s.behind, .clock) }
            return [
                Part(text: "\(mark) \(Format.ordinal(s.place))", role: s.place == 1 ? .leader : .place),
                Part(text: " · \(behind)", role: .clockLabel),
            ]
        }
        if case .mirror = pane.source, let failure = pane.live.failure {
            return [Part(text: failure, role: .error)]
        }
        if case .mirror = pane.source, !pane.live.ended {
            return [Part(text: "waiting", role: .clockLabel)]
        }
        if let failure = pane.live.failure {
            return [Part(text: (options.ascii ? "x " : "✗ ") + failure, role: .error)]
        }
        if pane.source.isLive {
            var parts = [Part(text: shown == 0 ? "waiting" : "streaming", role: .clockLabel)]
            if let server = pane.live.server {
                if let ms = server.promptMs {
                    let prefill = Format.duration(ms / 1000, .clock)
                    parts.append(Part(text: " · server prefill " + prefill, role: .clockLabel))
                }
                if let r = server.predictedPerSecond {
                    parts.append(Part(text: " · " + Format.rate(r) + " t/s", role: .clockLabel))
                }
            }
            return parts
        }
        let eta = max(0, (pane.schedule.times.last ?? 0) - elapsed)
        let etaText = " ETA " + Format.duration(eta, .clock)
        let pct = " " + Format.percent(fraction, rule: .down)
        let barWidth = max(0, width - DisplayWidth.of(etaText) - pct.count)
        let filled = min(barWidth, Int((Double(barWidth) * fraction).rounded(.down)))
        let chars = options.ascii ? BoxChars.ascii : BoxChars.unicode
        if let reader, barWidth > 0 {
            // The reading cursor: how far into the arrived text a reader at the reading pace is.
            let at = min(barWidth - 1, Int((Double(barWidth) * reader).rounded(.down)))
            let before = min(at, filled)
            return [
                Part(text: String(chars.barFull), role: .bar, repeats: before),
                Part(text: String(chars.barEmpty), role: .barEmpty, repeats: at - before),
                Part(text: options.ascii ? "|" : "│", role: .leader),
                Part(text: String(chars.barFull), role: .bar, repeats: max(0, filled - at - 1)),
                Part(text: String(chars.barEmpty), role: .barEmpty, repeats: barWidth - max(filled, at + 1)),
                Part(text: pct, role: .clock),
                Part(text: etaText, role: .clockLabel),
            ]
        }
        return [
            Part(text: String(chars.barFull), role: .bar, repeats: filled),
            Part(text: String(chars.barEmpty), role: .barEmpty, repeats: barWidth - filled),
            Part(text: pct, role: .clock),
            Part(text: etaText, role: .clockLabel),
        ]
    }
}

extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
