import TokenPaceCore

/// A batch pane: the item streaming in slot 1 on top; under it the queue (items done, bar, ETA),
/// item latency and throughput, the slot strip, the clocks and the bill.
extension PaneView {
    func drawBatch(_ batch: BatchProgress, in inner: Rect, buffer: inout Buffer) {
        let elapsed = max(0, state.elapsed(pane, now: now))
        guard let f = pane.batchFigures(elapsed: elapsed) else { return }
        let info = batchLines(f, batch: batch, width: inner.width, height: inner.height, elapsed: elapsed)
        let textHeight = inner.height - info.count
        if textHeight > 0 {
            var rows: [[StyledChar]] = []
            if let item = batch.watchedItem(at: elapsed) {
                let run = batch.runs[item]
                let shown = batch.shownTokens(item: item, at: elapsed, times: pane.schedule.times)
                var text = ""
                for k in 0..<shown { text += pane.tokens[Int(run.indices[k])].text }
                let head = "item \(item + 1) · slot \(run.slot + 1)" + (run.failure != nil ? " · failed" : "")
                if textHeight > 1 { rows.append(Array(head).map { StyledChar($0, role: .dim) }) }
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    rows += WrappedText.wrap(
                        line.map { StyledChar($0, role: .normal) }, width: inner.width, words: true)
                }
                if let failure = run.failure {
                    rows += WrappedText.wrap(
                        ((options.ascii ? "x " : "✗ ") + failure).map { StyledChar($0, role: .error) },
                        width: inner.width, words: true)
                }
            } else if let failure = pane.live.failure {
                rows = WrappedText.wrap(
                    ((options.ascii ? "x " : "✗ ") + failure).map { StyledChar($0, role: .error) }, width: inner.width,
                    words: true)
            } else if pane.source.isLive {
                rows = [Array("sending the first requests…").map { StyledChar($0, role: .dim) }]
            } else if case .mirror(let of) = pane.source, !pane.live.ended {
                let src = state.panes.first { $0.id == of }?.label ?? "?"
                rows = WrappedText.wrap(
                    "replays \(src)'s answers once its batch is over…".map { StyledChar($0, role: .dim) },
                    width: inner.width, words: true)
            }
            // The head stays; the newest rows of the item's text stay in view under it.
            let keep = rows.count > textHeight && textHeight > 1 ? [rows[0]] + rows.suffix(textHeight - 1) : rows
            for (i, row) in keep.prefix(textHeight).enumerated() {
                buffer.put(row: row, x: inner.x, y: inner.y + i, limit: inner.maxX)
            }
        }
        draw(info[...], x: inner.x, y: inner.y + max(0, textHeight), maxX: inner.maxX, buffer: &buffer)
    }

    /// The figure lines, as many as the height allows: the queue line always, then latency and
    /// throughput, the slot strip, the clocks and the bill.
    func batchLines(_ f: BatchFigures, batch: BatchProgress, width: Int, height: Int, elapsed: Double) -> [[Part]] {
        let label = { (s: String) in Part(text: s, role: .clockLabel) }
        let done = pane.isDone(elapsed: elapsed)
        let figure = { (v: Double?) in Part(text: Format.duration(v, .clock), role: done ? .clockFrozen : .clock) }

        let latency = fit(
            width,
            [
                label("item p50 "), figure(f.latencyP50), label(" p90 "), figure(f.latencyP90), label(" · "),
                Part(text: Format.rate(f.aggregateRate), role: .clock), label(" tok/s in all"),
            ],
            [
                label("p50 "), figure(f.latencyP50), label(" p90 "), figure(f.latencyP90), label(" "),
                Part(text: Format.rate(f.aggregateRate), role: .clock), label(" t/s"),
            ],
            [label("p50 "), figure(f.latencyP50), label(" p90 "), figure(f.latencyP90)],
            [label("p50 "), figure(f.latencyP50)])

        var strip = slotStrip(batch, width: width, elapsed: elapsed)
        if let server = f.serverRate {
            // A live batch's server says how fast each item decoded: the per-slot rate at this load.
            let srv = [label("  server "), Part(text: Format.rate(server), role: .clockFrozen), label(" t/s an item")]
            strip = fit(width, strip + srv, strip)
        }

        let times = pane.schedule.times
        let first = pane.milestones.firstToken.flatMap { $0 < times.count && times[$0] <= elapsed ? times[$0] : nil }
        let useful = pane.milestones.useful.flatMap { $0 < times.count && times[$0] <= elapsed ? times[$0] : nil }
        let running = Format.duration(elapsed, .clock)
        let clock = { (v: Double?) in
            v.map { Part(text: Format.duration($0, .clock), role: .clockFrozen) }
                ?? Part(text: done ? Format.missing : running, role: .clock)
        }
        let time =
            done
            ? [label("done "), Part(text: Format.duration(pane.e2e ?? pane.live.endedAt, .clock), role: .clockFrozen)]
            : [label("elapsed "), Part(text: running, role: .clock)]
        let clocks = fit(
            width, [label("TTFT "), clock(first), label("  first item "), clock(useful), label("  ")] + time,
            [label("TTFT "), clock(first), label(" 1st item "), clock(useful), label(" ")] + time,
            [label("TTFT "), clock(first), label(" ")] + time, time)

        var cost: [Part]?
        if let c = f.cost {
            let money = Part(text: Format.usd(c.usd), role: done ? .clockFrozen : .clock)
            let projected = Part(text: Format.usd(f.projectedUSD), role: done ? .clockFrozen : .clock)
            let perItem = f.done > 0 && done ? c.usd.map { $0 / Double(max(1, f.done)) } : nil
            cost =
                done
                ? fit(
                    width,
                    [
                        label("cost "), money, label(" · "), Part(text: Format.usd(perItem), role: .clockFrozen),
                        label(" an item"),
                    ],
                    [label("cost "), money])
                : fit(
                    width, [label("cost so far "), money, label(" · projected "), projected],
                    [label("cost "), money, label(" → "), projected], [label("cost "), money])
        }

        let queue = queueLine(f, width: width, done: done, elapsed: elapsed)
        var lines: [[Part]] = [queue]
        if height >= 2 { lines.insert(latency, at: 0) }
        if height >= 3 { lines.insert(strip, at: 0) }
        if height >= 5 { lines.insert(clocks, at: 0) }
        if height >= 6, let cost { lines.insert(cost, at: lines.count - 1) }
        return lines
    }

    /// `37/40 items ███████░░ 92% ETA 0:04`, or, once over, the items and the pane's place.
    func queueLine(_ f: BatchFigures, width: Int, done: Bool, elapsed: Double) -> [Part] {
        var count = [Part(text: "\(f.done)/\(f.items) items", role: .clock)]
        if f.failed > 0 { count.append(Part(text: " · \(f.failed) failed", role: .error)) }
        if done {
            let standing = statusLine(width: max(0, width - 16), fraction: 1, done: true, elapsed: elapsed, shown: 0)
            return fit(width, count + [Part(text: "  ", role: .normal)] + standing, count)
        }
        let etaText = " ETA " + Format.duration(f.eta, .clock)
        let pct = " " + Format.percent(f.fraction, rule: .down)
        let used = count.reduce(0) { $0 + DisplayWidth.of($1.text) } + 1
        let barWidth = max(0, width - used - DisplayWidth.of(etaText) - pct.count)
        let filled = min(barWidth, Int((Double(barWidth) * f.fraction).rounded(.down)))
        let chars = options.ascii ? BoxChars.ascii : BoxChars.unicode
        return fit(
            width,
            count + [
                Part(text: " ", role: .normal),
                Part(text: String(chars.barFull), role: .bar, repeats: filled),
                Part(text: String(chars.barEmpty), role: .barEmpty, repeats: barWidth - filled),
                Part(text: pct, role: .clock), Part(text: etaText, role: .clockLabel),
            ],
            count + [Part(text: etaText, role: .clockLabel)],
            [Part(text: "\(f.done)/\(f.items)", role: .clock), Part(text: etaText, role: .clockLabel)], count)
    }

    /// `4 slots ▃▇▁█`: one cell a slot, filled as far as its item has come (`·` idle, `…` reading the
    /// prompt); past the width, `+N`.
    func slotStrip(_ batch: BatchProgress, width: Int, elapsed: Double) -> [Part] {
        let head = "\(batch.slots) slot\(batch.slots == 1 ? "" : "s") "
        let levels: [Character] = options.ascii ? Array(".:-=+*#%@") : Array("▁▂▃▄▅▆▇█")
        let room = max(0, width - head.count)
        let fits = batch.slots <= room ? batch.slots : max(0, room - 4)
        var cells = ""
        for s in 0..<fits {
            guard let current = batch.item(inSlot: s, at: elapsed), current.running else {
                cells.append(options.ascii ? "_" : "·")
                continue
            }
            let shown = batch.shownTokens(item: current.item, at: elapsed, times: pane.schedule.times)
            guard shown > 0 else {
                cells.append(options.ascii ? "." : "…")
                continue
            }
            let expected = batch.runs[current.item].expectedTokens
            let fraction = expected.map { Double(shown) / Double(max(1, $0)) } ?? 0.5
            cells.append(levels[min(levels.count - 1, max(0, Int(fraction * Double(levels.count))))])
        }
        var parts = [Part(text: head, role: .clockLabel), Part(text: cells, role: .bar)]
        if fits < batch.slots { parts.append(Part(text: " +\(batch.slots - fits)", role: .clockLabel)) }
        return parts
    }
}
