/// How a pane's work is paid for: by the token to a hosted API, or by the hour for your own box.
public enum PaneCost: Sendable, Equatable {
    case api(APIPrice)
    case box(BoxCost)

    /// What a task with these tokens, taking `seconds` of the box (request → last token), costs.
    public func cost(of tokens: TaskTokens, seconds: Double?) -> TaskCost {
        switch self {
        case .api(let p):
            let usd =
                (Double(tokens.uncached) * p.inputPerM + Double(tokens.cached) * p.cachedRate
                    + Double(tokens.generated) * p.outputPerM) / 1e6
            return TaskCost(usd: usd, tokens: tokens, seconds: seconds, model: self)
        case .box(let b):
            guard let seconds, seconds.isFinite, seconds >= 0 else {
                return TaskCost(usd: nil, tokens: tokens, seconds: nil, model: self)
            }
            let energy = b.watts.map { $0 * seconds }
            let energyUSD = energy.flatMap { j in b.usdPerKWh.map { j / 3.6e6 * $0 } } ?? 0
            return TaskCost(
                usd: b.usdPerHour * seconds / 3600 + energyUSD, tokens: tokens, seconds: seconds, model: self,
                joules: energy)
        }
    }

    /// "API in $3/M, out $15/M, cached $0.30/M" or "box $2.50/h, 450 W, $0.15/kWh", for labels,
    /// help and trace settings.
    public var summary: String {
        switch self {
        case .api(let p):
            var s =
                "API in $\(Format.trimmed(p.inputPerM, places: 4))/M, out $\(Format.trimmed(p.outputPerM, places: 4))/M"
            if let c = p.cachedPerM { s += ", cached $\(Format.trimmed(c, places: 4))/M" }
            if let sheet = p.sheet { s += " (\(sheet.name), as of \(sheet.date))" }
            return s
        case .box(let b):
            return "box $\(b.spec)"
        }
    }
}

/// The cost of one finished task and the figures behind it, so the formula can be shown with its
/// numbers (`e`, bench definitions).
public struct TaskCost: Sendable, Equatable {
    /// US dollars; `nil` when it cannot be computed (a box task that has not finished).
    public var usd: Double?
    public var tokens: TaskTokens
    public var seconds: Double?
    public var model: PaneCost
    /// Energy the box drew for the task, joules (box with `--power` only).
    public var joules: Double?

    public init(usd: Double?, tokens: TaskTokens, seconds: Double?, model: PaneCost, joules: Double? = nil) {
        self.usd = usd
        self.tokens = tokens
        self.seconds = seconds
        self.model = model
        self.joules = joules
    }

    public var kWh: Double? { joules.map { $0 / 3.6e6 } }

    /// Energy per generated token.
    public var joulesPerToken: Double? {
        guard let joules, tokens.generated > 0 else { return nil }
        return joules / Double(tokens.generated)
    }

    /// The cost of a usable answer when a try is accepted with probability `success`: every try
    /// costs the same on average, and 1 ÷ success tries are needed.
    public func usable(success: Double) -> Double? { usd.map { $0 / min(max(success, 0.01), 1) } }

    /// The formula with its numbers, one line (or two for a box with power).
    public var lines: [String] {
        switch model {
        case .api(let p):
            var s =
                "cost = \(tokens.uncached) prompt × $\(Format.trimmed(p.inputPerM, places: 4))/M"
            if tokens.cached > 0 { s += " + \(tokens.cached) cached × $\(Format.trimmed(p.cachedRate, places: 4))/M" }
            s += " + \(tokens.generated) generated × $\(Format.trimmed(p.outputPerM, places: 4))/M = \(Format.usd(usd))"
            var out = [s]
            if let sheet = p.sheet {
                out.append("prices: \(sheet.name), as published \(sheet.date) (\(sheet.source)); check today's")
            }
            return out
        case .box(let b):
            guard let seconds else {
                return ["cost = $\(Format.trimmed(b.usdPerHour, places: 4))/h × the task's time (not finished: —)"]
            }
            var s =
                "cost = $\(Format.trimmed(b.usdPerHour, places: 4))/h × \(Format.duration(seconds, .precise)) ÷ 3600"
            if let kWh, let price = b.usdPerKWh {
                s += " + \(Format.fixed(kWh * 1000, 3)) Wh × $\(Format.trimmed(price, places: 4))/kWh"
            }
            s += " = \(Format.usd(usd)) (the box's whole time for this task, at batch 1)"
            var out = [s]
            if let w = b.watts, let joules {
                out.append(
                    "energy = \(Format.trimmed(w, places: 1)) W × \(Format.duration(seconds, .precise)) = \(Format.figure(joules)) J "
                        + "= \(Format.fixed(joules / 3.6e6, 6)) kWh; \(Format.figure(joulesPerToken)) J per generated token"
                )
            }
            return out
        }
    }
}
