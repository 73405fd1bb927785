/// A value on the command line or in a file that could not be read; the message names it.
public struct ValueError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Parsers for the small values users type: rates, durations, percentages. They live in the core so
/// the command line and the scenario files read them the same way.
public enum ValueParsing {
    /// "10,21,60" → [10, 21, 60]; each within `Profile.rateRange`.
    public static func rates(_ text: String) throws(ValueError) -> [Double] {
        let parts = text.split(separator: ",").map { $0.trimmedSpaces }
        guard !parts.isEmpty else { throw ValueError("--rates needs at least one rate, e.g. 10,21,60") }
        var out: [Double] = []
        for p in parts {
            var s = Substring(p)
            for suffix in ["tok/s", "t/s", "tps"] where s.hasSuffix(suffix) { s = s.dropLast(suffix.count) }
            guard let r = Double(s.trimmedSpaces), r.isFinite else {
                throw ValueError("rate \"\(p)\" is not a number (e.g. 21 or 21tok/s)")
            }
            guard Profile.rateRange.contains(r) else {
                throw ValueError("rate \(p) is out of range: rates go from 0.1 to 5000 tok/s")
            }
            out.append(r)
        }
        guard out.count <= AppState.maxPanes else {
            throw ValueError("\(out.count) rates given; at most \(AppState.maxPanes) panes")
        }
        return out
    }

    /// "0.5", "0.5s", "500ms", "2m" → seconds (0 … 3600).
    public static func duration(_ text: String) throws(ValueError) -> Double {
        let t = text.trimmedSpaces
        var scale = 1.0
        var number = Substring(t)
        if t.hasSuffix("ms") {
            scale = 0.001
            number = number.dropLast(2)
        } else if t.hasSuffix("s") {
            number = number.dropLast()
        } else if t.hasSuffix("m") {
            scale = 60
            number = number.dropLast()
        }
        guard let v = Double(number), v.isFinite, v >= 0 else {
            throw ValueError("duration \"\(text)\" is not valid (e.g. 0.5s, 500ms, 2)")
        }
        let s = v * scale
        guard s <= 3600 else { throw ValueError("duration \"\(text)\" is longer than an hour") }
        return s
    }

    /// A comma list of TTFTs, one per pane or one for all: durations, or "prefill" for the
    /// prompt-length model.
    public static func firstTokens(_ text: String, prefillRate: Double, overhead: Double) throws(ValueError)
        -> [Profile.FirstToken]
    {
        var out: [Profile.FirstToken] = []
        for part in text.split(separator: ",") {
            let p = part.trimmedSpaces
            if p == "prefill" || p == "auto" {
                out.append(.prefill(rate: prefillRate, overhead: overhead))
            } else {
                out.append(.fixed(try duration(String(p))))
            }
        }
        guard !out.isEmpty else { throw ValueError("--ttft needs a value, e.g. 0.5s or prefill") }
        return out
    }

    /// "25", "25%", "0.25" → 0.25 (0 … 0.5).
    public static func fraction(_ text: String, name: String, max: Double = 0.5) throws(ValueError) -> Double {
        var t = Substring(text.trimmedSpaces)
        let percent = t.hasSuffix("%")
        if percent { t = t.dropLast() }
        guard let v = Double(t), v.isFinite else {
            throw ValueError("\(name) \"\(text)\" is not a number (e.g. 25% or 0.25)")
        }
        guard v >= 0 else { throw ValueError("\(name) \(text) is negative: give a share such as 25% or 0.25") }
        let f = percent || v > 1 ? v / 100 : v
        guard f <= max else {
            throw ValueError("\(name) \(text) is too large: at most \(Format.percent(max, places: 2))")
        }
        return f
    }
}
