import Foundation

/// What `bench --task batch` reports per pane: the whole queue's time, items a minute, item latency,
/// throughput and the bill — figures a reader can check by hand from the definitions.
public struct BatchBenchReport: Sendable, Equatable, Encodable {
    public struct Pane: Sendable, Equatable, Encodable {
        public var label: String
        public var name: String
        public var source: String
        public var slots: Int
        public var items: Int
        public var done: Int
        public var failed: Int
        /// Batch start → last item's end.
        public var seconds: Double?
        public var itemsPerMinute: Double?
        public var itemLatencyP50: Double?
        public var itemLatencyP90: Double?
        public var ttft: Double?
        public var aggregateRate: Double?
        /// The server's own decode rate an item (median), when it reported timings.
        public var serverDecodeRate: Double?
        public var generatedTokens: Int
        public var promptTokens: Int
        public var costUSD: Double?
        public var costPerItemUSD: Double?
        public var costModel: String?
        /// The first failed item's reason, when any failed.
        public var failure: String?

        enum CodingKeys: String, CodingKey {
            case label, name, source, slots, items, done, failed, seconds
            case itemsPerMinute = "items_per_min"
            case itemLatencyP50 = "item_latency_p50_s"
            case itemLatencyP90 = "item_latency_p90_s"
            case ttft = "ttft_s"
            case aggregateRate = "aggregate_tok_s"
            case serverDecodeRate = "server_decode_tok_s"
            case generatedTokens = "generated_tokens"
            case promptTokens = "prompt_tokens"
            case costUSD = "cost_usd"
            case costPerItemUSD = "cost_per_item_usd"
            case costModel = "cost_model"
            case failure
        }

        public init(pane: PaneState, name: String) {
            let over = pane.isDone(elapsed: .infinity)
            let end = pane.e2e ?? pane.live.endedAt
            let f = pane.batchFigures(elapsed: end ?? .infinity)
            label = pane.label
            self.name = name
            switch pane.source {
            // An hw: pane is simulated at its estimate's pace and carries the estimate's arithmetic.
            case .simulated: source = pane.explanation.isEmpty ? "sim" : "hw"
            case .live: source = "live"
            case .replay: source = "trace"
            case .mirror: source = "mirror"
            }
            slots = pane.batch?.slots ?? pane.batchSlots
            items = f?.items ?? 0
            done = f?.done ?? 0
            failed = f?.failed ?? 0
            let time = over ? end : nil
            let finished = f?.done ?? 0
            seconds = time
            itemsPerMinute = time.flatMap { $0 > 0 ? Double(finished) / $0 * 60 : nil }
            itemLatencyP50 = f?.latencyP50
            itemLatencyP90 = f?.latencyP90
            ttft = pane.milestones.firstToken.map { pane.schedule.times[$0] }
            aggregateRate = time.flatMap { $0 > 0 ? Double(f?.generated ?? 0) / $0 : nil }
            serverDecodeRate = f?.serverRate
            generatedTokens = f?.generated ?? 0
            promptTokens = f?.cost?.tokens.input ?? pane.batch.map { $0.promptTokens(at: .infinity) } ?? 0
            costUSD = f?.cost?.usd
            let cost = f?.cost?.usd
            costPerItemUSD = finished > 0 ? cost.map { $0 / Double(finished) } : nil
            costModel = pane.cost?.summary
            failure = pane.batch?.runs.first { $0.failure != nil }?.failure ?? pane.live.failure
        }
    }

    public var task = "batch"
    public var sample: String
    public var items: Int
    public var panes: [Pane]

    public init(sample: String, items: Int, panes: [Pane]) {
        self.sample = sample
        self.items = items
        self.panes = panes
    }

    /// Definitions printed under the Markdown table.
    public static let definitions = [
        "time: batch start → the last item's last token; items/min = items done ÷ time × 60",
        "item p50/p90: an item's request → its last token (queueing before a slot takes it not included)",
        "TTFT: the first token of the first items; tok/s in all: tokens generated ÷ time",
        "cost: every item's prompt (hidden instructions included; cached at the cached price) and every token "
            + "generated at the API's prices, or the box's hours for the time; per item = cost ÷ items done",
    ]

    public var markdown: String {
        var lines = [
            "batch \(sample) · \(items) items",
            "",
            "| pane | slots | done | time | items/min | item p50 | item p90 | TTFT | tok/s in all | cost | per item |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for p in panes {
            let done = "\(p.done)/\(p.items)" + (p.failed > 0 ? " (\(p.failed) failed)" : "")
            let cells = [
                "\(p.label) \(p.name)", "\(p.slots)", done, Format.duration(p.seconds, .precise),
                Format.figure(p.itemsPerMinute), Format.duration(p.itemLatencyP50, .precise),
                Format.duration(p.itemLatencyP90, .precise), Format.duration(p.ttft, .precise),
                Format.rate(p.aggregateRate), p.costModel == nil ? Format.missing : Format.usd(p.costUSD),
                p.costModel == nil ? Format.missing : Format.usd(p.costPerItemUSD),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        for p in panes where p.costModel != nil { lines.append("\(p.label) cost: \(p.costModel!)") }
        for p in panes where p.serverDecodeRate != nil {
            lines.append("\(p.label) server decode, median an item: \(Format.rate(p.serverDecodeRate)) tok/s")
        }
        for p in panes where p.failure != nil { lines.append("\(p.label) failed items, first: \(p.failure!)") }
        lines += Self.definitions.map { "- " + $0 }
        return lines.joined(separator: "\n")
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    public var csv: String {
        let head =
            "pane,name,source,slots,items,done,failed,seconds,items_per_min,item_latency_p50_s,item_latency_p90_s,"
            + "ttft_s,aggregate_tok_s,generated_tokens,prompt_tokens,cost_usd,cost_per_item_usd"
        let number = { (v: Double?) in v.map { String(format: "%.6g", $0) } ?? "" }
        let rows = panes.map { p in
            [
                p.label, BenchReport.csvField(p.name), p.source, "\(p.slots)", "\(p.items)", "\(p.done)", "\(p.failed)",
                number(p.seconds), number(p.itemsPerMinute), number(p.itemLatencyP50), number(p.itemLatencyP90),
                number(p.ttft), number(p.aggregateRate), "\(p.generatedTokens)", "\(p.promptTokens)",
                number(p.costUSD), number(p.costPerItemUSD),
            ].joined(separator: ",")
        }
        return ([head] + rows).joined(separator: "\n")
    }
}
