extension Explain {
    /// A batch pane's figures with their formulas and numbers, for the top of `e`.
    static func batch(_ pane: PaneState, in state: AppState, elapsed: Double) -> [String] {
        guard let b = pane.batch, let f = pane.batchFigures(elapsed: elapsed) else { return [] }
        let t = max(0, elapsed)
        let distinct = state.sample.items.count
        var origin =
            "from \(state.sample.id) (its \(distinct) items in turn\(b.itemCount > distinct ? ", repeated" : ""))"
        if case .mirror(let of) = pane.source {
            let src = state.panes.first { $0.id == of }?.label ?? "?"
            origin =
                pane.live.ended
                ? "answered by \(src)'s live batch, replayed at this pane's own pace from when it ended"
                : "(waiting for \(src)'s live batch to end; its answers are replayed here)"
        }
        var out = [
            "batch: \(b.itemCount) items \(origin), \(b.slots) slots: a slot takes the next item as soon as its last one ends",
            pane.source.isLive
                ? "slots: \(b.slots) real requests to the backend at once; the server's own batching sets each one's rate"
                : "per-slot rate: \(pane.batchScaling.summary); \(b.slots) slots decoding: \(Format.figure(pane.profile.rate)) × \(Format.figure(pane.batchScaling.factor(active: b.slots))) = \(Format.figure(pane.profile.rate * pane.batchScaling.factor(active: b.slots))) tok/s each, \(Format.figure(pane.profile.rate * pane.batchScaling.factor(active: b.slots) * Double(b.slots))) tok/s in all",
            "items: \(f.done) done, \(f.failed) failed, \(f.started) sent of \(f.items) at \(Format.duration(t, .precise))",
        ]
        let finished = f.done + f.failed
        if let eta = f.eta {
            out.append(
                "ETA: elapsed \(Format.figure(t)) s ÷ \(finished) finished × \(f.items - finished) left = \(Format.duration(eta, .precise))"
            )
        } else if finished >= f.items {
            out.append("ETA: none left; every item has finished")
        } else {
            out.append("ETA: elapsed ÷ items finished × items left (— until the first item finishes)")
        }
        out.append(
            "item latency (request → last token) over the \(f.done) done: p50 \(Format.duration(f.latencyP50, .precise)), p90 \(Format.duration(f.latencyP90, .precise))"
        )
        out.append("tok/s in all: \(f.generated) tokens ÷ \(Format.figure(t)) s = \(Format.rate(f.aggregateRate))")
        if let server = f.serverRate {
            out.append("server: its own decode rate an item, median over the items done = \(Format.rate(server)) tok/s")
        }
        if let cost = f.cost {
            out.append("cost so far (every item sent: its prompt; every token generated):")
            out += cost.lines.map { "  " + $0 }
            switch cost.model {
            case .api:
                out.append(
                    "projected: the mean finished item's cost × \(f.items) items, or, when more, the cost so far + that mean × the \(f.items - f.started) items not yet sent = \(Format.usd(f.projectedUSD)) (— before the first item finishes)"
                )
            case .box:
                out.append(
                    "projected: the box's cost for elapsed + ETA = \(Format.usd(f.projectedUSD)) (— before the first item finishes)"
                )
            }
        }
        let p = pane.profile
        if !pane.source.isLive {
            let prompt = b.runs.first?.promptTokens ?? 0
            out.append(
                "each item: TTFT \(Format.figure(p.ttft(promptTokens: prompt))) s for item 1's \(prompt)-token request (\(prefillWords(p))), then decode at the per-slot rate"
            )
            if p.systemTokens > 0 { out.append(hiddenInstructions(p, promptTokens: prompt)) }
            if p.jitter > 0 {
                out.append("jitter: each item's gaps × (1 ± \(Format.figure(p.jitter)) × √3 × u), mean kept")
            }
        }
        return out
    }

    private static func prefillWords(_ p: Profile) -> String {
        switch p.firstToken {
        case .fixed(let s): return "fixed \(Format.figure(s)) s"
        case .prefill(let r, let o): return "prefill \(Format.figure(r)) tok/s + \(Format.figure(o)) s overhead"
        }
    }
}
