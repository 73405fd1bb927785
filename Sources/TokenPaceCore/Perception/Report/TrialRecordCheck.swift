import Foundation

extension TrialRecord {
    /// Upper bounds a recorded setting can plausibly take; anything beyond is a damaged or hand-edited line.
    public static let maxRate = 100_000.0
    public static let maxTTFT = 3_600.0

    /// What is wrong with a decoded line, in words, or nil when every value can be analysed: the
    /// report reads rates and waits on a log scale, so one impossible value must never reach it.
    public var problem: String? {
        let problems = problems
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    var problems: [String] {
        var out: [String] = []
        if participant.trimmingCharacters(in: .whitespaces).isEmpty { out.append("participant is empty") }
        if trials < 1 { out.append("trials is \(trials), not at least 1") }
        if trial < 0 || trial > max(trials, 0) { out.append("trial \(trial) is not within 0…\(trials)") }
        if practice != (trial == 0) { out.append("practice is \(practice) but trial is \(trial)") }
        if panes.isEmpty { out.append("panes is empty") }
        let labels = panes.map(\.label)
        if Set(labels).count != labels.count { out.append("pane labels repeat (\(labels.joined(separator: ",")))") }
        for pane in panes {
            let name = "pane \(pane.label)"
            if !(pane.rate.isFinite && pane.rate > 0 && pane.rate <= Self.maxRate) {
                out.append(
                    "\(name) rate \(Self.show(pane.rate)) is not a rate in (0, \(Self.show(Self.maxRate))] tok/s")
            }
            if !(pane.ttft.isFinite && pane.ttft >= 0 && pane.ttft <= Self.maxTTFT) {
                out.append("\(name) ttft \(Self.show(pane.ttft)) is not a wait in [0, \(Self.show(Self.maxTTFT))] s")
            }
            if mode == .present {
                out += presentProblems(pane, name: name)
            } else if (pane.presentation, pane.e2e) != (nil, nil) {
                out.append("\(name) has a presentation or e2e, which only present mode records")
            }
            // The varied setting is analysed on a log scale within the mode's range.
            let v = pane.value(mode)
            let range = mode.range
            let field = ["rate": "rate", "ttft": "ttft", "present": "e2e"][mode.rawValue] ?? mode.rawValue
            if v.isFinite, v > 0, !(v >= range.lowerBound * 0.999 && v <= range.upperBound * 1.001) {
                out.append(
                    "\(name) \(field) \(Self.show(v)) is outside the \(mode.rawValue) mode's range "
                        + "\(Self.show(range.lowerBound))–\(Self.show(range.upperBound)) \(mode.unit)")
            } else if v == 0, mode == .ttft {
                // A rate of 0 is already reported as not a rate; a wait of 0 is valid but not in ttft mode.
                out.append("\(name) ttft 0 cannot be varied on a log scale")
            }
            if pane.position < 0 || pane.position >= max(panes.count, 1) {
                out.append("\(name) position \(pane.position) is not within 0…\(panes.count - 1)")
            }
        }
        if mode == .present {
            let shown = panes.compactMap(\.presentation)
            if Set(shown).count != shown.count {
                out.append("presentations repeat (\(shown.map(\.rawValue).joined(separator: ",")))")
            }
            if Set(panes.map(\.e2e)).count > 1 { out.append("the panes' e2e differ; a trial shares one") }
            if panes.count < 2 { out.append("present mode compares at least 2 panes") }
        }
        let known = Set(labels)
        if let f = answers.faster, f != TrialAnswers.same, !known.contains(f) {
            out.append("answers.faster \"\(f)\" is not one of the panes (\(labels.joined(separator: ",")))")
        }
        let unknownAccepted = answers.accepted.filter { !known.contains($0) }
        if !unknownAccepted.isEmpty {
            out.append(
                "answers.accepted has \(unknownAccepted.map { "\"\($0)\"" }.joined(separator: ",")), not among the panes (\(labels.joined(separator: ",")))"
            )
        }
        if Set(answers.accepted).count != answers.accepted.count { out.append("answers.accepted repeats a label") }
        for (label, rating) in answers.ratings.sorted(by: { $0.key < $1.key }) {
            if !known.contains(label) { out.append("answers.ratings names \"\(label)\", not one of the panes") }
            if !(1...5).contains(rating) { out.append("answers.ratings \(label) is \(rating), not 1–5") }
        }
        for (name, v) in [("watch_s", watchSeconds), ("answer_s", answerSeconds)] where !(v.isFinite && v >= 0) {
            out.append("\(name) \(Self.show(v)) is not a duration ≥ 0")
        }
        if !(jitter.isFinite && jitter >= 0 && jitter <= 1) {
            out.append("jitter \(Self.show(jitter)) is not a fraction 0–1")
        }
        if seed > PerceptionConfig.maxSeed || (seedOption ?? 0) > PerceptionConfig.maxSeed {
            out.append("seed \(max(seed, seedOption ?? 0)) is above 2^53−1 and cannot be read back exactly")
        }
        if aborted < 0 { out.append("aborted is \(aborted), not ≥ 0") }
        if let e = estimate {
            let ok =
                [e.threshold, e.low, e.high].allSatisfy { $0.isFinite && $0 > 0 } && e.low <= e.threshold + 1e-6
                && e.threshold <= e.high + 1e-6
            if !ok {
                out.append(
                    "estimate \(Self.show(e.threshold)) (\(Self.show(e.low))–\(Self.show(e.high))) is not a positive value inside its interval"
                )
            }
        }
        return out
    }

    /// A present-mode pane names its presentation and the end-to-end time it shares, after its wait.
    func presentProblems(_ pane: TrialPane, name: String) -> [String] {
        var out: [String] = []
        if pane.presentation == nil { out.append("\(name) has no presentation (present mode)") }
        guard let e2e = pane.e2e else { return out + ["\(name) has no e2e (present mode)"] }
        if e2e.isFinite, e2e < pane.ttft {
            out.append("\(name) e2e \(Self.show(e2e)) is before its ttft \(Self.show(pane.ttft))")
        } else if !e2e.isFinite || e2e == 0 {
            out.append("\(name) e2e \(Self.show(e2e)) is not a duration > 0")
        }
        return out
    }

    static func show(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension DecodingError {
    /// The reason a line did not decode, naming the field: "missing \"panes\"", "\"seed\" is not a whole number ≥ 0".
    var reason: String {
        let path = { (c: [any CodingKey]) -> String in
            String(c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().drop { $0 == "." })
        }
        switch self {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "missing \"\(key.stringValue)\"" + (at.isEmpty ? "" : " in \(at)")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let at = path(context.codingPath)
            return at.isEmpty ? "the line is not \(Self.words(type))" : "\"\(at)\" is not \(Self.words(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            let at = path(context.codingPath)
            if at.hasSuffix("task") {
                return "\"task\" is not one of \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))"
            }
            if at.hasSuffix("mode") { return "\"mode\" is not rate, ttft or present" }
            return "\"\(at)\" has a value that does not fit (\(context.debugDescription))"
        @unknown default:
            return "not a trial record"
        }
    }

    static func words(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is UInt64.Type: return "a whole number in range"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            // Words, not Swift type names: a keyed record is a JSON object, a list is a JSON array.
            let name = String(describing: type)
            if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "a JSON object" }
            if name.hasPrefix("Array") || name.hasPrefix("UnkeyedDecodingContainer") { return "a JSON array" }
            return "the expected kind of value"
        }
    }
}
