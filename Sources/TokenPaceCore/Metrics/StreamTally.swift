import Histogram

/// A stream's figures kept up to date as its tokens arrive: each token costs the same however many
/// came before (the gap histogram, stalls and decode rate take in only it), so a view can show the
/// figures of a growing answer every frame. `metrics` after n tokens equals `StreamMetrics` of the
/// first n.
public struct StreamTally: Sendable {
    public let stallThreshold: Double
    public private(set) var milestones: Milestones
    /// Arrival times, for the milestones (a later code fence can move the useful signal back).
    private var times: [Double] = []
    private var lastAttempt = 0
    /// The next generated token follows a tool result or a re-prompt: its wait is not a gap.
    private var afterTool = false
    private var firstGenerated: Double?
    private var lastGenerated = 0.0
    private var generated = 0
    /// Model tokens (a live piece may stand for several), and those of the first piece.
    private var total = 0
    private var firstCount = 1
    private var histogram = Histogram<UInt64>(
        highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    private var gaps = 0
    /// The generated text so far, and its counts once the first generated piece was in: text speed
    /// is what arrived after the first piece, over the same interval as the decode rate.
    private var text = TextCount()
    private var firstText = TextCount()
    private var stalls = 0
    private var longest = 0.0

    public init(task: TaskKind, stallThreshold: Double = StreamMetrics.defaultStallThreshold) {
        self.stallThreshold = stallThreshold
        milestones = Milestones(task: task)
    }

    /// The first `shown` tokens of a pane, as they arrived (a live pane's pieces with their counts).
    public init(pane: PaneState, shown: Int, task: TaskKind) {
        self.init(task: task)
        advance(pane: pane, to: shown)
    }

    /// Takes in the pane's tokens from `count` up to `shown` (those already taken in must be the
    /// same: within a run a pane's shown tokens keep their text and times).
    public mutating func advance(pane: PaneState, to shown: Int) {
        let times = pane.schedule.times
        let counts = pane.source.isLive ? pane.live.counts : []
        let end = min(shown, pane.tokens.count, times.count)
        guard count < end else { return }
        for i in count..<end {
            append(pane.tokens[i], at: times[i], count: i < counts.count ? counts[i] : 1)
        }
    }

    /// Arrival time of the last token taken in.
    public var lastTime: Double? { times.last }

    /// Tokens taken in so far.
    public var count: Int { times.count }

    /// Tool-result tokens taken in so far (left out of rates, gaps and stalls).
    public var toolResults: Int { times.count - milestones.generatedCount }

    /// Takes in the next token, which arrived at `time` (seconds since the request) and stands for
    /// `count` model tokens.
    public mutating func append(_ token: Token, at time: Double, count: Int = 1) {
        if times.isEmpty { firstCount = count }
        // A re-prompt after a rejected answer is a new request: its wait is a TTFT, not a gap.
        if !times.isEmpty, token.attempt != lastAttempt { afterTool = true }
        lastAttempt = token.attempt
        milestones.append(token)
        times.append(time)
        // A tool's wait and the prefill of its result are not the model's decoding.
        guard token.kind.isGenerated else {
            afterTool = true
            return
        }
        if generated > 0, !afterTool {
            let gap = time - lastGenerated
            histogram.record(UInt64(max(0, gap) * 1_000_000))
            gaps += 1
            if gap >= stallThreshold {
                stalls += 1
                longest = max(longest, gap)
            }
        }
        afterTool = false
        text.add(token.text)
        if firstGenerated == nil {
            firstGenerated = time
            firstText = text
        }
        lastGenerated = time
        generated += 1
        total += count
    }

    /// The figures so far; `finished` says whether the last token is the end (E2E is set only then).
    public func metrics(finished: Bool) -> StreamMetrics {
        var m = StreamMetrics(tokens: total, stallCount: stalls, longestStall: longest)
        m.ttft = milestones.firstToken.map { times[$0] }
        m.ttfa = milestones.firstAnswer.map { times[$0] }
        m.useful = milestones.useful.map { times[$0] }
        m.e2e = finished ? times.last : nil
        if generated > 1, let first = firstGenerated, lastGenerated > first {
            m.decodeRate = Double(total - firstCount) / (lastGenerated - first)
            m.charactersPerSecond = Double(text.characters - firstText.characters) / (lastGenerated - first)
            if !text.withoutSpaces {
                m.wordsPerSecond = Double(text.words - firstText.words) / (lastGenerated - first)
            }
        }
        if gaps > 0 {
            m.itlP50 = Double(histogram.valueAtPercentile(50)) / 1_000_000
            m.itlP90 = Double(histogram.valueAtPercentile(90)) / 1_000_000
            m.itlP99 = Double(histogram.valueAtPercentile(99)) / 1_000_000
        }
        return m
    }
}
