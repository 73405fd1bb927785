/// How a pane shows its answer while the model works. The tokens arrive at the same times in every
/// presentation; what differs is what the user can see, and so when the answer becomes useful.
public enum Presentation: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Tokens appear as they arrive.
    case stream
    /// A spinner and the elapsed time until the last token, then the whole answer at once (what a
    /// non-streaming API call gives).
    case blocking
    /// A progress bar with a phase and an ETA until the last token, then the whole answer.
    case progress
    /// A short first stage (the sample's outline) written first, then the full answer streams.
    case staged

    public static let names = allCases.map(\.rawValue).joined(separator: ", ")

    /// Reads a name; the error lists the names.
    public static func parse(_ text: String) throws(ValueError) -> Presentation {
        let word = text.trimmedSpaces.lowercased()
        guard let p = Presentation(rawValue: word) else {
            throw ValueError("unknown presentation '\(text)' (expected \(names))")
        }
        return p
    }

    /// One name for every pane or one per pane, comma separated (like `--rates`).
    public static func list(_ text: String) throws(ValueError) -> [Presentation] {
        var out: [Presentation] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            do {
                out.append(try parse(String(part)))
            } catch {
                throw ValueError("--present: \(error.description)")
            }
        }
        return out
    }

    /// The next one for the `p` key.
    public var next: Presentation {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The answer stays hidden until the last token has arrived.
    public var holdsAnswer: Bool { self == .blocking || self == .progress }
}

/// What a staged live pane asks its backend for first: the question with this instruction after
/// it, capped at `maxTokens`, streamed into the pane before the answer request.
public enum StageRequest {
    public static let instruction = "In one or two sentences, outline the answer you will give; no preamble."
    /// Most tokens the outline request may write.
    public static let maxTokens = 48
}
