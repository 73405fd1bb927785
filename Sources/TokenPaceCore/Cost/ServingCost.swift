/// What serving this model on this box costs and feels like at each batch size, beside a hosted
/// API's price: the box decision of `tokenpace estimate --gpu-cost … --price …`.
public struct ServingRow: Sendable, Equatable, Codable {
    /// Requests decoding together.
    public var users: Int
    /// Requests the box finishes in an hour at this batch (prompts prefilled, answers decoded).
    public var requestsPerHour: Double
    /// Output tokens per second in all.
    public var outputRate: Double
    /// A request's time to first token at this load: its prompt's prefill plus one step of the batch.
    public var ttft: Double
    /// Tokens per second each user sees, halfway through the answer.
    public var perUserRate: Double
    /// Box cost per 1M output tokens (its hour ÷ the output tokens of that hour); nil without --gpu-cost.
    public var boxUSDPerMOutput: Double?
    public var fits: Bool
}

/// The comparison with its break-even point.
public struct ServingCost: Sendable, Equatable {
    public var promptTokens: Int
    public var answerTokens: Int
    public var box: BoxCost?
    public var api: APIPrice?
    public var rows: [ServingRow]

    public static let batchSizes = [1, 4, 16, 32, 64, 128]

    /// The box's cost of an hour, energy included when power and price are given.
    public var boxHourly: Double? {
        guard let box else { return nil }
        let energy = box.watts.flatMap { w in box.usdPerKWh.map { w / 1000 * $0 } } ?? 0
        return box.usdPerHour + energy
    }

    /// One request at the API's prices.
    public var apiPerRequest: Double? {
        guard let api else { return nil }
        return (Double(promptTokens) * api.inputPerM + Double(answerTokens) * api.outputPerM) / 1e6
    }

    /// API cost per 1M output tokens, the prompt that comes with them included.
    public var apiUSDPerMOutput: Double? {
        guard let c = apiPerRequest, answerTokens > 0 else { return nil }
        return c / Double(answerTokens) * 1e6
    }

    /// Requests an hour above which the box (paid by the hour, busy or not) costs less than the API.
    public var breakEvenPerHour: Double? {
        guard let h = boxHourly, let c = apiPerRequest, c > 0 else { return nil }
        return h / c
    }

    /// The smallest batch (that fits) at which the box serves `perHour` requests an hour.
    public func row(serving perHour: Double) -> ServingRow? {
        rows.first { $0.fits && $0.requestsPerHour >= perHour }
    }

    /// The break-even sentence and what a user sees at that load.
    public var verdict: [String] {
        guard let n = breakEvenPerHour, let h = boxHourly, let c = apiPerRequest else { return [] }
        let length = "\(promptTokens) prompt + \(answerTokens) answer tokens"
        var out = [
            "break-even: the box is cheaper than this API above \(Format.figure(n)) requests an hour at this answer "
                + "length (\(length)): \(Format.usd(h))/h ÷ \(Format.usd(c)) a request"
        ]
        if let r = row(serving: n) {
            out.append(
                "  at that load the box runs batch \(r.users): TTFT \(Format.duration(r.ttft, .reading)), "
                    + "\(Format.figure(r.perUserRate)) tok/s per user (the API's own TTFT and rate: measure them with `tokenpace bench`)"
            )
        } else {
            let best = rows.filter(\.fits).max { $0.requestsPerHour < $1.requestsPerHour }
            out.append(
                "  but the box serves at most \(Format.figure(best?.requestsPerHour)) an hour (batch \(best.map { String($0.users) } ?? "—")): "
                    + "at this length it does not pay off against this API")
        }
        return out
    }

    /// The table and the verdict, one string per line.
    public func report() -> [String] {
        var out = [
            "serving \(promptTokens) prompt + \(answerTokens) answer tokens a request"
                + (box.map {
                    " · box \(Format.usd($0.usdPerHour))/h"
                        + ($0.watts.map { ", \(Format.trimmed($0, places: 1)) W" } ?? "")
                } ?? "")
                + (api.map { " · API in \(Format.usd($0.inputPerM))/M, out \(Format.usd($0.outputPerM))/M" } ?? ""),
            "batch  requests/h   out tok/s   TTFT      per user     box $/1M out   API $/1M out",
        ]
        for r in rows {
            let cols = [
                String(r.users).padLeft(5),
                Format.figure(r.requestsPerHour).padLeft(10),
                Format.figure(r.outputRate).padLeft(10),
                Format.duration(r.ttft, .reading).padLeft(8),
                (Format.figure(r.perUserRate) + " tok/s").padLeft(12),
                Format.usd(r.boxUSDPerMOutput).padLeft(13),
                Format.usd(apiUSDPerMOutput).padLeft(13),
            ]
            out.append(cols.joined(separator: "  ") + (r.fits ? "" : "  (does not fit)"))
        }
        if let sheet = api?.sheet {
            out.append("API prices: \(sheet.name), as published \(sheet.date) (\(sheet.source)); check today's")
        }
        out.append(
            "box $/1M out = \(Format.usd(boxHourly))/h ÷ (3600 × out tok/s) × 1e6; API $/1M out = "
                + "(\(promptTokens) × in + \(answerTokens) × out) ÷ \(answerTokens)")
        out += verdict
        return out
    }
}

extension Estimate {
    /// The serving table for requests of `promptTokens` (the query's) and `answerTokens`.
    public func servingCost(answerTokens: Int, box: BoxCost?, api: APIPrice?) -> ServingCost {
        let p = query.promptTokens
        let a = max(1, answerTokens)
        let rows = ServingCost.batchSizes.map { k -> ServingRow in
            let rate = batchThroughput(batch: k, input: p, output: a)
            let perHour = rate / Double(a) * 3600
            let kvGiB = decodeModel.kvBytesPerToken * Double(p + a) * Double(k) / ByteUnit.bytesPerGiB
            let fits = weightsGiB + kvGiB + runtimeOverheadGiB <= vramAvailableGiB
            var boxPerM: Double?
            if let box {
                let energy = box.watts.flatMap { w in box.usdPerKWh.map { w / 1000 * $0 } } ?? 0
                boxPerM = (box.usdPerHour + energy) / (3600 * rate) * 1e6
            }
            return ServingRow(
                users: k, requestsPerHour: perHour, outputRate: rate,
                ttft: Double(p) / prefillRate + stepSeconds(users: k, context: p),
                perUserRate: 1 / stepSeconds(users: k, context: p + a / 2), boxUSDPerMOutput: boxPerM, fits: fits)
        }
        return ServingCost(promptTokens: p, answerTokens: a, box: box, api: api, rows: rows)
    }
}

extension String {
    fileprivate func padLeft(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

extension ServingCost {
    /// The figures of the table for `--format json`: every row, the break-even and its inputs.
    public struct Summary: Encodable, Sendable {
        public var promptTokens: Int
        public var answerTokens: Int
        public var boxUSDPerHour: Double?
        public var apiUSDPerRequest: Double?
        public var apiUSDPerMOutput: Double?
        public var breakEvenRequestsPerHour: Double?
        public var rows: [ServingRow]
        public var verdict: [String]
    }

    public var summary: Summary {
        Summary(
            promptTokens: promptTokens, answerTokens: answerTokens, boxUSDPerHour: boxHourly,
            apiUSDPerRequest: apiPerRequest, apiUSDPerMOutput: apiUSDPerMOutput,
            breakEvenRequestsPerHour: breakEvenPerHour, rows: rows, verdict: verdict)
    }
}

/// An estimate as JSON with its serving table beside it (`serving`), when costs were given.
public struct EstimateWithServing: Encodable {
    public var estimate: Estimate
    public var serving: ServingCost?

    public init(estimate: Estimate, serving: ServingCost?) {
        self.estimate = estimate
        self.serving = serving
    }

    private enum Key: String, CodingKey { case serving }

    public func encode(to encoder: any Encoder) throws {
        try estimate.encode(to: encoder)
        guard let serving else { return }
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(serving.summary, forKey: .serving)
    }
}
