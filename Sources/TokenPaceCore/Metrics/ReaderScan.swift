/// A reader going through a pane's text at a steady pace, a word at a time, never ahead of what is
/// on screen: when each token has been read, and how long the reader sat with nothing new to read.
/// Built one token at a time, so a live pane's growing answer costs only its new tokens.
///
/// Token i, visible from `v[i]`, costs `60 ÷ wpm` seconds when it starts a word (a token with text
/// after a space or a line break); tool results and hidden reasoning are not read and cost nothing.
/// The reader finishes token i at `f[i] = max(f[i−1], v[i]) + cost[i]`; each `max(0, v[i] − f[i−1])`
/// for i ≥ 1 is time spent waiting for text.
public struct ReaderScan: Sendable, Equatable {
    /// A reader's pace when none is given: 250 words per minute (DESIGN's reading margin).
    public static let defaultPace = 250.0

    public let wordsPerMinute: Double
    /// When each token has been read, seconds since the request (non-decreasing).
    public private(set) var finish: [Double] = []
    /// Waiting for text up to and including token i.
    public private(set) var waited: [Double] = []
    private var atWordStart = true

    public init(wordsPerMinute: Double) {
        self.wordsPerMinute = wordsPerMinute
    }

    public var count: Int { finish.count }

    /// Takes in the next token, visible from `visible` (seconds since the request); `read`: whether
    /// the reader reads it at all (hidden reasoning is not).
    public mutating func append(_ token: Token, visible: Double, read: Bool = true) {
        var cost = 0.0
        if read, token.kind != .toolResult, let first = token.text.first {
            if (atWordStart || first.isWhitespace), token.text.contains(where: { !$0.isWhitespace }) {
                cost = 60 / wordsPerMinute
            }
            atWordStart = token.text.last!.isWhitespace
        }
        let last = finish.last
        waited.append((waited.last ?? 0) + (last.map { max(0, visible - $0) } ?? 0))
        finish.append(max(last ?? visible, visible) + cost)
    }

    /// Tokens read by `elapsed`.
    public func readCount(at elapsed: Double) -> Int { finish.countAtOrBefore(elapsed) }

    /// Waiting for text by `elapsed`, with `shown` tokens visible: the gaps before them, and while
    /// the answer is not complete, the time since the reader finished the last one.
    public func waiting(at elapsed: Double, shown: Int, complete: Bool) -> Double {
        let k = min(shown, count)
        guard k > 0 else { return 0 }
        let ongoing = complete ? 0 : max(0, elapsed - finish[k - 1])
        return waited[k - 1] + ongoing
    }
}

extension PaneState {
    /// Takes the pane's tokens not yet in `scan` in, as the user sees them: as they arrive, or all
    /// at once when a held answer appears (nothing before). Hidden reasoning is not read.
    public func extend(_ scan: inout ReaderScan, showReasoning: Bool = true) {
        let times = schedule.times
        let end = min(tokens.count, times.count)
        guard scan.count < end else { return }
        let reveal = presentation.holdsAnswer ? revealTime : nil
        if presentation.holdsAnswer, reveal == nil { return }
        for i in scan.count..<end {
            let token = tokens[i]
            scan.append(token, visible: reveal ?? times[i], read: showReasoning || token.kind != .reasoning)
        }
    }

    /// The reader of the whole answer so far.
    public func reader(wordsPerMinute: Double, showReasoning: Bool = true) -> ReaderScan {
        var scan = ReaderScan(wordsPerMinute: wordsPerMinute)
        extend(&scan, showReasoning: showReasoning)
        return scan
    }

    /// Blocked: request → the first text the user can act on (the task's useful signal, as this
    /// presentation shows it); nil until it is on screen.
    public var blocked: Double? { visibleTime(of: milestones.useful) }
}

extension ReaderScan {
    /// `--reading-rate`: "240wpm", "240 wpm" or "240" words per minute (50–2000).
    public static func parseRate(_ text: String) throws(ValueError) -> Double {
        var t = Substring(text.trimmedSpaces.lowercased())
        if t.hasSuffix("wpm") { t = t.dropLast(3) }
        guard let v = Double(t.trimmedSpaces), v.isFinite else {
            throw ValueError("--reading-rate \"\(text)\" is not a pace: write words per minute, e.g. 240wpm")
        }
        guard (50...2000).contains(v) else {
            throw ValueError("--reading-rate \(text) is out of range: 50 to 2000 words per minute")
        }
        return v
    }
}
