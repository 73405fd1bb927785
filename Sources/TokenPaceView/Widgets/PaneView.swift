import TokenPaceCore

/// Draws one pane: border with title, the streaming text (newest line kept in view) and the clocks.
struct PaneView {
    let pane: PaneState
    let state: AppState
    let now: Double
    let selected: Bool
    let options: ViewOptions

    func draw(in rect: Rect, buffer: inout Buffer, cache: PaneTextCache) {
        let chars = options.ascii ? BoxChars.ascii : (selected ? BoxChars.heavy : BoxChars.unicode)
        buffer.box(
            rect, chars: chars, role: selected ? .borderSelected : .border, title: title(width: rect.width - 4, cache: cache),
            titleRole: selected ? .titleSelected : .title)
        let inner = rect.inset(1)
        guard inner.width > 0, inner.height > 0 else { return }
        let elapsed = state.elapsed(pane, now: now)
        let shown = pane.shownCount(elapsed: elapsed)
        let info = infoLines(
            width: inner.width, height: inner.height, elapsed: elapsed, shown: shown,
            generated: cache.generatedSoFar(pane: pane, shown: shown))
        let textHeight = inner.height - info.count
        if textHeight > 0 {
            let text = cache.text(
                for: pane, shown: shown, width: inner.width, showReasoning: state.showReasoning, ascii: options.ascii)
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
        for (k, line) in info.enumerated() {
            var x = inner.x
            for part in line {
                for _ in 0..<part.repeats {
                    x = buffer.put(part.text, x: x, y: inner.y + textHeight + k, role: part.role, limit: inner.maxX)
                }
            }
        }
    }

    func title(width: Int, cache: PaneTextCache) -> String {
        var mirrorLabel: String?
        if case .mirror(let of) = pane.source { mirrorLabel = state.panes.first { $0.id == of }?.label ?? "?" }
        let key = PaneTextCache.TitleKey(
            profile: pane.profile, promptTokens: pane.promptTokens, id: pane.id, source: pane.source,
            mirrorLabel: mirrorLabel, selected: selected, width: width, ascii: options.ascii)
        return cache.title(key, id: pane.id) { title(width: width) }
    }

    func title(width: Int) -> String {
        let p = pane.profile
        let ttft: String
        switch p.firstToken {
        case .fixed(let s): ttft = "TTFT " + Format.seconds(s)
        case .prefill: ttft = "TTFT " + Format.seconds(p.ttft(promptTokens: pane.promptTokens))
        }
        let spec = p.speculativeDraft > 0 ? " spec ×" + Format.fixed(p.speedup, 2) : ""
        let name = (p.label.isEmpty ? "" : "\(p.label) · ") + "\(Format.rate(p.rate)) tok/s\(spec)"
        var full = "\(selected ? "▶ " : "")\(pane.label) · \(name) · \(ttft)"
        switch pane.source {
        case .simulated: break
        case .live(let backend): full = "\(selected ? "▶ " : "")\(pane.label) · live · \(backend)"
        case .replay(let trace): full = "\(selected ? "▶ " : "")\(pane.label) · trace · \(trace)"
        case .mirror(let of):
            let src = state.panes.first { $0.id == of }?.label ?? "?"
            full = "\(selected ? "▶ " : "")\(pane.label) · \(src) at \(Format.rate(p.rate)) tok/s"
        }
        if DisplayWidth.of(full) <= width { return options.ascii ? full.replacingOccurrences("▶", ">") : full }
        if pane.source.isLive { return "\(pane.label) live" }
        return "\(pane.label) \(Format.rate(p.rate))t/s"
    }

    struct Part {
        var text: String
        var role: StyleRole
        /// `text` drawn this many times in a row (progress bars, without building their strings).
        var repeats = 1
    }

    /// The clock lines, as many as the pane's size allows (3, 2 or 1).
    func infoLines(width: Int, height: Int, elapsed: Double, shown: Int, generated: (count: Int, rate: Double?))
        -> [[Part]]
    {
        let done = pane.isDone(elapsed: elapsed)
        let times = pane.schedule.times
        let m = pane.milestones

        func clock(_ index: Int?) -> Part {
            guard let i = index, i < times.count else { return Part(text: "—", role: .clock) }
            if i < shown { return Part(text: Format.seconds(times[i]), role: .clockFrozen) }
            return Part(text: done ? "—" : Format.seconds(max(0, elapsed)), role: .clock)
        }
        let label = { (s: String) in Part(text: s, role: .clockLabel) }
        let gap = Part(text: "  ", role: .normal)

        let ttft = clock(m.firstToken)
        let useful = clock(m.useful)
        let timeClock: [Part] =
            pane.live.failure != nil
            ? [label("failed "), Part(text: Format.seconds(pane.live.endedAt ?? 0), role: .error)]
            : done
                ? [label("done "), Part(text: Format.seconds(pane.e2e ?? 0), role: .clockFrozen)]
                : [label("elapsed "), Part(text: Format.seconds(max(0, elapsed)), role: .clock)]

        let total = m.generatedCount
        let (generatedShown, avg) = generated
        let live = StreamMetrics.liveRate(times: times[0..<shown], elapsed: elapsed)
        let fraction = total == 0 ? 1 : Double(generatedShown) / Double(total)

        let timeShort = [label(done ? "done " : "el "), timeClock[1]]
        let line1 = fit(
            width,
            [label("TTFT "), ttft, gap, label("useful "), useful, gap] + timeClock,
            [label("TTFT "), ttft, label(" useful "), useful, label(" ")] + timeShort,
            [label("TTFT "), ttft, label(" use "), useful, label(" ")] + timeShort)
        let liveText = Part(text: done ? "—" : Format.rate(live), role: .clock)
        let avgText = Part(text: avg.map(Format.rate) ?? "—", role: .clock)
        var count = Part(text: "\(generatedShown)/\(total)", role: .clock)
        if pane.source.isLive {
            let pieces = pane.live.counts.prefix(shown).reduce(0, +)
            let n = done ? (pane.live.usageTokens ?? pieces) : pieces
            count = Part(text: "\(n)\(done && pane.live.usageTokens != nil ? "ᵘ" : "")", role: .clock)
        }
        let line2 = fit(
            width,
            [count, label(" tok  live "), liveText, label("  avg "), avgText, label(" tok/s")],
            [count, label(" live "), liveText, label(" avg "), avgText])
        var line3 = statusLine(width: width, fraction: fraction, done: done, elapsed: elapsed, shown: shown)
        var line2Final = line2
        if pane.source.isLive, let server = pane.live.server {
            // The server's own figures beside the client's: the difference is network and queueing.
            var parts = [count, label(" tok  avg "), avgText]
            if let r = server.predictedPerSecond { parts += [label("  server "), Part(text: Format.rate(r), role: .clockFrozen)] }
            if let ms = server.promptMs { parts += [label(" · prefill "), Part(text: Format.seconds(ms / 1000), role: .clockFrozen)] }
            let srv = Part(text: server.predictedPerSecond.map(Format.rate) ?? "—", role: .clockFrozen)
            let pp = Part(text: server.promptMs.map { Format.seconds($0 / 1000) } ?? "—", role: .clockFrozen)
            line2Final = fit(
                width, parts, [count, label(" avg "), avgText, label(" · srv "), srv, label(" pp "), pp],
                [count, label(" avg "), avgText, label(" srv "), srv])
        }
        if state.task == .agent, !pane.source.isLive {
            let progress = AgentProgress(tokens: pane.tokens, shown: shown, done: done)
            let label = progress.phase == .done ? "\(progress.steps) steps" : "step \(progress.step)/\(progress.steps) · \(progress.phase.rawValue)"
            line3 = [Part(text: label, role: .clockLabel), Part(text: "  ", role: .normal)] + statusLine(width: width - DisplayWidth.of(label) - 2, fraction: fraction, done: done, elapsed: elapsed, shown: shown)
        }
        if pane.profile.successRate < 1, pane.source == .simulated {
            let perTry = pane.tokens.count / max(1, pane.attempts.count)
            let single = perTry > 0 ? pane.schedule.times[perTry - 1] : 0
            let expected = Attempts.expectedTimeToUsable(singleE2E: single, successRate: pane.profile.successRate)
            let current = shown > 0 ? pane.tokens[shown - 1].attempt + 1 : 1
            if done {
                let usable: Part =
                    pane.attempts.accepted
                    ? Part(text: Format.seconds(pane.e2e ?? 0), role: .clockFrozen)
                    : Part(text: "none", role: .error)
                line2Final = [label("usable "), usable, label("  expected "), Part(text: Format.seconds(expected), role: .clock), label("  tries \(pane.attempts.count)")]
            } else {
                line2Final = [label("try \(current)/\(pane.profile.maxAttempts)  expected usable "), Part(text: Format.seconds(expected), role: .clock)]
            }
        }

        if height >= 6 && width >= 30 { return [line1, line2Final, line3] }
        if height >= 4 { return [line1, line3] }
        if height >= 2 { return [line3] }
        return []
    }

    /// The first variant that fits the width (the last one otherwise; drawing clips it).
    func fit(_ width: Int, _ variants: [Part]...) -> [Part] {
        for v in variants where v.reduce(0, { $0 + DisplayWidth.of($1.text) * $1.repeats }) <= width { return v }
        return variants.last ?? []
    }

    func statusLine(width: Int, fraction: Double, done: Bool, elapsed: Double, shown: Int) -> [Part] {
        if done, let s = state.standing(of: pane, now: now) {
            var behind = s.place == 1 ? "leader" : "+" + Format.seconds(s.behind) + " behind"
            let mark = options.ascii ? "*" : "✓"
            if width < 22, s.place > 1 { behind = "+" + Format.seconds(s.behind) }
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
                if let ms = server.promptMs { parts.append(Part(text: " · server prefill " + Format.seconds(ms / 1000), role: .clockLabel)) }
                if let r = server.predictedPerSecond { parts.append(Part(text: " · " + Format.rate(r) + " t/s", role: .clockLabel)) }
            }
            return parts
        }
        let eta = max(0, (pane.schedule.times.last ?? 0) - elapsed)
        let etaText = " ETA " + Format.seconds(eta)
        let pct = " \(Int((fraction * 100).rounded(.down)))%"
        let barWidth = max(0, width - DisplayWidth.of(etaText) - pct.count)
        let filled = min(barWidth, Int((Double(barWidth) * fraction).rounded(.down)))
        let chars = options.ascii ? BoxChars.ascii : BoxChars.unicode
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
