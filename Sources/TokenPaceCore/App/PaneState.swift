/// Where a pane's tokens come from. Simulated panes know every arrival time up front; other sources
/// append tokens as they arrive.
public enum PaneSource: Sendable, Equatable {
    /// Times come from the pane's profile (the schedule).
    case simulated
    /// Tokens and times come from a real backend; `name` says which (e.g. "openai qwen3").
    case live(name: String)
    /// Simulated at the pane's own rate, replaying the answer of the live pane with this id.
    case mirror(of: Int)
    /// Fixed times from a recorded trace.
    case replay(name: String)

    public var isLive: Bool {
        if case .live = self { return true }
        return false
    }

    public var isReplay: Bool {
        if case .replay = self { return true }
        return false
    }
}

/// Where a staged pane's first stage comes from: what `e` says about its times.
public enum StageSource: Sendable, Equatable {
    /// The sample's outline, written by the simulated model at its own pace.
    case sample
    /// A real outline request to the live backend, sent before the answer request.
    case request
    /// Recorded in the trace, with its own times.
    case recorded
    /// The sample's outline timed from a trace that recorded none: at the trace's TTFT and decode
    /// rate, the recorded answer moved `shift` seconds later.
    case traceRate(ttft: Double, rate: Double, shift: Double)
}

/// One pane of the race: its profile, its answer, and when each token arrives.
public struct PaneState: Sendable, Equatable {
    public var id: Int
    public var profile: Profile
    public var seed: UInt64
    public var source: PaneSource
    public private(set) var tokens: [Token]
    public var promptTokens: Int
    public private(set) var milestones: Milestones
    /// Arrival times in seconds since `origin`.
    public var schedule: Schedule
    /// App time (seconds) at which this pane's request was sent. Pausing moves it forward.
    public var origin: Double
    /// Bumped whenever the pane starts over, so views can drop what they cached for the old run.
    /// Within one generation tokens are only ever appended (a live stream), never changed.
    public var generation: Int
    /// `inCode[i]`: token i is answer text inside a fenced code block (for highlighting).
    public private(set) var inCode: [Bool]
    /// Where the fence scan stands after the last token, so a live token costs only its own text.
    private var codeScan = CodeFenceScan()
    /// For live panes: what the stream has said so far.
    public var live: LiveStatus
    /// Where the profile's numbers come from, shown by the explain overlay.
    public var explanation: [String] = []
    /// How a task of this pane is paid for (`--price`, `--gpu-cost`); nil: no cost line.
    public var cost: PaneCost?
    /// Tries this run takes (retries model) and whether the last one is accepted.
    public var attempts: (count: Int, accepted: Bool)
    /// What the user sees while the model works (`--present`, key `p`).
    public private(set) var presentation: Presentation = .stream
    /// The sample's outline: the first stage a staged pane writes before the answer.
    public var outline: [Token] = []
    /// Outline tokens at the start of each try (a staged simulated pane writes them first).
    public private(set) var stageCount = 0
    /// Where the first stage comes from, when this run has one. A live pane's is fixed when its
    /// request is sent: switching to or from staged takes effect at the next request.
    public internal(set) var stageSource: StageSource?
    /// A live request's most tokens (`max_tokens`), when it has one.
    public var maxTokens: Int?
    /// The model tokenizer a simulated pane cuts the answer with (nil: the built-in estimate).
    public var tokenizer: PaneTokenizer?
    /// A batch pane's queue (task `batch`); nil for a pane that answers one request.
    public private(set) var batch: BatchProgress?
    /// Requests a batch pane keeps in flight (`--slots`, `#slots=`, keys `k`/`K`).
    public var batchSlots = 4
    /// How a simulated batch pane's per-slot rate falls as slots are added.
    public var batchScaling = BatchScaling.default

    public static func == (a: PaneState, b: PaneState) -> Bool {
        a.id == b.id && a.profile == b.profile && a.seed == b.seed && a.source == b.source && a.tokens == b.tokens
            && a.schedule == b.schedule && a.origin == b.origin && a.generation == b.generation && a.live == b.live
            && a.attempts == b.attempts && a.presentation == b.presentation && a.stageCount == b.stageCount
            && a.stageSource == b.stageSource && a.tokenizer == b.tokenizer && a.batch == b.batch
            && a.batchSlots == b.batchSlots
            && a.batchScaling == b.batchScaling
    }

    public init(
        id: Int, profile: Profile, seed: UInt64, tokens: [Token], promptTokens: Int, task: TaskKind,
        origin: Double, source: PaneSource = .simulated, draftAcceptance: Double? = nil
    ) {
        self.id = id
        let profile = profile.tuned(for: task, acceptance: draftAcceptance)
        self.profile = profile
        self.seed = seed
        self.source = source
        let tries = Attempts.draw(successRate: profile.successRate, maxAttempts: profile.maxAttempts, seed: seed)
        let tokens = Attempts.tokens(tokens, count: tries.count)
        self.attempts = tries
        self.tokens = tokens
        self.promptTokens = promptTokens
        self.milestones = Milestones(task: task)
        self.schedule = Schedule(times: [])
        self.origin = origin
        self.generation = 0
        self.inCode = []
        self.live = LiveStatus()
        // A live pane starts empty and fills as its stream arrives.
        if !source.isLive {
            self.schedule = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed)
            scan(task: task)
        } else {
            self.tokens = []
        }
    }

    /// Marks answer tokens that sit inside ``` fences; the fence lines themselves count as code.
    public static func codeMask(_ tokens: [Token]) -> [Bool] {
        var scan = CodeFenceScan()
        return tokens.map { scan.next($0) }
    }

    /// Works out the milestones and code mask of the whole answer (a new or replaced one).
    private mutating func scan(task: TaskKind) {
        milestones = Milestones(tokens: tokens, task: task)
        var scan = CodeFenceScan()
        inCode = tokens.map { scan.next($0) }
        codeScan = scan
    }

    /// A short name for the pane: A, B, C…
    public var label: String {
        String(UnicodeScalar(UInt8(65 + (id % 26 + 26) % 26)))
    }

    public func shownCount(elapsed: Double) -> Int { schedule.dueCount(at: elapsed) }

    /// Adds what a live stream reported. Tokens keep their arrival times; the clocks follow. A token
    /// costs the same however long the answer already is: milestones and code mask take in only it.
    public mutating func feed(_ event: FeedEvent, task: TaskKind) {
        switch event {
        case .token(let e):
            append(e)
        case .stageToken(let e):
            append(e)
            stageCount = tokens.count
        case .stageEnded(let at, let usage, let prompt):
            live.stageEndedAt = max(at, schedule.times.last ?? 0)
            live.stageUsageTokens = usage
            live.stagePromptTokens = prompt
        case .usage(let completion, let prompt):
            live.usageTokens = completion
            live.promptTokens = prompt
        case .serverTimings(let t):
            live.server = t
        case .finished(let at, let reason):
            live.endedAt = max(at, schedule.times.last ?? 0)
            live.finishReason = reason
            // A stream that ends without a generated token answered nothing: it is not "waiting".
            if tokens.contains(where: \.kind.isGenerated) {
                live.ended = true
            } else {
                live.failure = LiveStatus.noTokens(finish: reason)
            }
        case .failed(let message, let at):
            live.failure = message
            live.endedAt = max(at, schedule.times.last ?? 0)
        }
    }

    private mutating func append(_ e: TokenEvent) {
        let token = Token(e.text, kind: e.kind)
        tokens.append(token)
        schedule.times.append(max(e.t, schedule.times.last ?? 0))
        live.counts.append(e.count)
        milestones.append(token)
        inCode.append(codeScan.next(token))
    }

    /// Tokens of one try (every try repeats the same answer).
    public var tokensPerTry: Int { tokens.count / max(1, attempts.count) }

    /// The try (0-based) the last of the first `shown` tokens belongs to.
    public func currentAttempt(shown: Int) -> Int {
        shown > 0 && shown <= tokens.count ? tokens[shown - 1].attempt : 0
    }

    /// E2E of the first try alone: what the expectation E2E ÷ success rate is built on.
    public var singleTryE2E: Double {
        let n = tokensPerTry
        return n > 0 && n <= schedule.times.count ? schedule.times[n - 1] : 0
    }

    /// The re-prompt's time to first token for try `attempt` (≥ 1): its last token → the new first.
    public func retryTTFT(attempt: Int) -> Double? {
        let i = attempt * tokensPerTry
        guard attempt > 0, i > 0, i < schedule.times.count else { return nil }
        return schedule.times[i] - schedule.times[i - 1]
    }

    public func isDone(elapsed: Double) -> Bool {
        if source.isLive {
            guard live.ended || live.failure != nil else { return false }
            return elapsed >= (live.endedAt ?? schedule.times.last ?? 0)
        }
        if case .mirror = source, !live.ended { return false }
        guard let last = schedule.times.last else { return true }
        return elapsed >= last
    }

    /// Request → last token, once it is known to be over.
    public var e2e: Double? {
        if live.failure != nil { return nil }
        // A live batch is over when its last item's request ended, which may be after its last token.
        if batch != nil, source.isLive { return live.ended ? live.endedAt : nil }
        if source.isLive { return live.ended ? schedule.times.last : nil }
        return schedule.times.last
    }

    /// Replaces the profile, re-timing only the tokens not yet shown at `elapsed`.
    public mutating func change(profile newProfile: Profile, elapsed: Double) {
        let shown = shownCount(elapsed: elapsed)
        schedule = schedule.retimed(
            shown: shown, elapsed: elapsed, profile: newProfile, tokens: tokens, promptTokens: promptTokens,
            seed: seed)
        profile = newProfile
    }

    /// Shows the pane another way. A simulated or mirror pane that starts or stops writing the
    /// outline first is re-timed from its own start (its tokens change); a trace without a recorded
    /// stage gets or loses the outline timed from its own pace; a live pane's next request follows
    /// (the running one is what it is); other switches change only what is seen. `answer`: the
    /// sample's answer, for a simulated pane.
    public mutating func present(_ p: Presentation, answer: [Token], task: TaskKind, draftAcceptance: Double? = nil) {
        let wasStaged = presentation == .staged
        presentation = p
        if case .replay = source, wasStaged != (p == .staged) {
            p == .staged ? stageFromTraceRate(task: task) : dropTraceRateStage(task: task)
            return
        }
        guard wasStaged != (p == .staged), !outline.isEmpty else { return }
        switch source {
        case .simulated:
            restart(
                tokens: answer, promptTokens: promptTokens, task: task, now: origin, draftAcceptance: draftAcceptance)
        case .mirror:
            guard live.ended, live.failure == nil else { return }
            let own = Array(tokens.dropFirst(stageCount))
            restart(tokens: own, promptTokens: promptTokens, task: task, now: origin, draftAcceptance: draftAcceptance)
            live.ended = true
        case .live, .replay:
            break
        }
    }

    /// The answer without a staged pane's outline (what a copy of the pane starts from).
    public var answerTokens: [Token] { stageCount == 0 ? tokens : Array(tokens.dropFirst(stageCount)) }

    /// The moment a presentation that holds the answer shows it: the last token, or the end of a
    /// live stream; nil while it runs or when it failed (a failed call shows no answer).
    public var revealTime: Double? {
        guard live.failure == nil else { return nil }
        if source.isLive { return live.ended ? max(live.endedAt ?? 0, schedule.times.last ?? 0) : nil }
        if case .mirror = source, !live.ended { return nil }
        return schedule.times.last
    }

    /// Tokens the user can see at `elapsed`: every one that arrived, or, when the presentation holds
    /// the answer, none until it is complete.
    public func visibleCount(elapsed: Double) -> Int {
        let shown = shownCount(elapsed: elapsed)
        guard presentation.holdsAnswer else { return shown }
        guard let at = revealTime, elapsed >= at else { return 0 }
        return shown
    }

    /// When token `index` became visible (seconds since the request): its arrival, or the reveal of a
    /// held answer. Nil when it has not arrived or the answer was never shown.
    public func visibleTime(of index: Int?) -> Double? {
        guard let i = index, i < schedule.times.count else { return nil }
        guard presentation.holdsAnswer else { return schedule.times[i] }
        return revealTime
    }

    /// Starts over with a (possibly new) answer, sending the request at `now`. A live pane starts
    /// empty and waits for its new stream.
    public mutating func restart(
        tokens newTokens: [Token], promptTokens: Int, task: TaskKind, now: Double, draftAcceptance: Double? = nil
    ) {
        origin = now
        generation += 1
        batch = nil
        profile = profile.tuned(for: task, acceptance: draftAcceptance)
        if case .replay = source {
            // A trace keeps its own tokens, times and ending (a recorded failure fails again); only the
            // start moves. An outline written at its rate is the current sample's: it is written again.
            if case .traceRate = stageSource {
                dropTraceRateStage(task: task)
                stageFromTraceRate(task: task)
            }
            milestones = Milestones(tokens: tokens, task: task)
            return
        }
        live = LiveStatus()
        let tries = Attempts.draw(successRate: profile.successRate, maxAttempts: profile.maxAttempts, seed: seed)
        attempts = source == .simulated ? tries : (1, true)
        // A staged pane's model writes the outline first: it costs its own decode time. A live
        // pane's outline request fills its stage as it streams.
        let staged = presentation == .staged && !source.isLive && !outline.isEmpty
        stageCount = staged ? outline.count : 0
        stageSource = staged ? .sample : (presentation == .staged && source.isLive ? .request : nil)
        tokens = source.isLive ? [] : Attempts.tokens(staged ? outline + newTokens : newTokens, count: attempts.count)
        self.promptTokens = promptTokens
        schedule = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed)
        scan(task: task)
    }

    /// Marks the first `pieces` tokens of a replayed trace as the first stage it recorded.
    public mutating func markRecordedStage(pieces: Int) {
        guard pieces > 0, pieces <= tokens.count else { return }
        stageCount = pieces
        stageSource = .recorded
    }

    /// A trace that recorded no stage, shown staged: the sample's outline is written from the
    /// trace's TTFT at its decode rate, and the recorded answer (and its end) moves later by the
    /// outline's K tokens ÷ rate, as one stream would. Without an outline or a rate it stays as it is.
    mutating func stageFromTraceRate(task: TaskKind) {
        guard stageSource == nil, !outline.isEmpty, let ttft = schedule.times.first,
            let rate = recordedRate
        else { return }
        let shift = Double(outline.count) / rate
        let stageTimes = outline.indices.map { ttft + Double($0) / rate }
        tokens = outline + tokens
        schedule = Schedule(times: stageTimes + schedule.times.map { $0 + shift })
        live.endedAt = live.endedAt.map { $0 + shift }
        if !live.counts.isEmpty { live.counts = Array(repeating: 1, count: outline.count) + live.counts }
        stageCount = outline.count
        stageSource = .traceRate(ttft: ttft, rate: rate, shift: shift)
        scan(task: task)
    }

    /// Takes back what `stageFromTraceRate` added: the recorded stream as it was.
    mutating func dropTraceRateStage(task: TaskKind) {
        guard case .traceRate(_, _, let shift) = stageSource else { return }
        let k = stageCount
        tokens = Array(tokens.dropFirst(k))
        schedule = Schedule(times: schedule.times.dropFirst(k).map { $0 - shift })
        live.endedAt = live.endedAt.map { $0 - shift }
        if !live.counts.isEmpty { live.counts = Array(live.counts.dropFirst(k)) }
        stageCount = 0
        stageSource = nil
        scan(task: task)
    }

    /// The decode rate the pane's tokens arrived at: (n − 1) ÷ (t_last − t_first) over its
    /// generated pieces; nil without two of them at different times.
    public var recordedRate: Double? {
        let times = schedule.times
        var first: Double?
        var last = 0.0
        var n = 0
        for (i, token) in tokens.enumerated() where i < times.count && token.kind.isGenerated {
            n += 1
            first = first ?? times[i]
            last = times[i]
        }
        guard let first, n > 1, last > first else { return nil }
        return Double(n - 1) / (last - first)
    }

    /// Starts the pane's batch at `now`: `count` items, the queue cycling through `jobs`. A simulated
    /// or mirror pane plans every item's tokens and times; a live pane starts empty and its requests
    /// fill the record in (`feed(item:…)`), and so does a pane given no jobs (a mirror waiting for
    /// its live batch).
    public mutating func startBatch(jobs: [BatchPlanner.Job], count: Int, now: Double) {
        origin = now
        generation += 1
        live = LiveStatus()
        attempts = (1, true)
        stageCount = 0
        if source.isLive || jobs.isEmpty {
            tokens = []
            schedule = Schedule(times: [])
            batch = BatchProgress(itemCount: count, slots: batchSlots)
        } else {
            let plan = BatchPlanner.plan(
                jobs: jobs, count: count, slots: batchSlots, profile: profile, scaling: batchScaling, seed: seed)
            tokens = plan.tokens
            schedule = Schedule(times: plan.times)
            batch = plan.progress
        }
        milestones = Milestones(tokens: tokens, task: .batch)
        if let first = batch?.endedItems.first, let last = batch?.runs[first].indices.last {
            milestones.markUseful(Int(last))
        }
        inCode = Array(repeating: false, count: tokens.count)
        codeScan = CodeFenceScan()
    }

    /// A live batch's answered items as jobs (the tokens that arrived, the request's size as the
    /// server reported it), in item order: what a mirror replays.
    public var batchAnswers: [BatchPlanner.Job] {
        guard let b = batch else { return [] }
        return b.runs.compactMap { run in
            guard run.failure == nil, run.endedAt != nil, !run.indices.isEmpty else { return nil }
            return BatchPlanner.Job(
                tokens: run.indices.map { tokens[Int($0)] }, promptTokens: run.reportedPromptTokens ?? run.promptTokens)
        }
    }

    /// A live batch pane's request for item `item` went out at `t` in `slot`.
    public mutating func startItem(_ item: Int, slot: Int, at t: Double, promptTokens: Int) {
        guard var b = batch, item == b.runs.count else { return }
        b.start(slot: slot, at: t, promptTokens: promptTokens)
        batch = b
    }

    /// Adds what one of a live batch's requests reported. The pane's tokens are every item's, in
    /// arrival order; the batch is over when every item has finished or failed.
    public mutating func feed(item: Int, _ event: FeedEvent) {
        guard var b = batch, item < b.runs.count else { return }
        switch event {
        case .token(let e):
            var token = Token(e.text, kind: e.kind)
            token.step = item
            b.append(item: item, index: tokens.count)
            tokens.append(token)
            schedule.times.append(max(e.t, schedule.times.last ?? 0))
            live.counts.append(e.count)
            milestones.append(token)
            inCode.append(false)
        case .usage(let completion, let prompt):
            b.report(item: item, completionTokens: completion, promptTokens: prompt)
        case .serverTimings(let figures):
            b.report(item: item, server: figures)
        case .stageToken, .stageEnded:
            // A batch item is one request: it has no outline stage.
            break
        case .finished(let at, _):
            if b.runs[item].indices.isEmpty {
                b.finish(item: item, at: at, failure: "the stream ended without a token")
            } else {
                b.finish(item: item, at: at)
                if let last = b.runs[item].indices.last { milestones.markUseful(Int(last)) }
            }
        case .failed(let message, let at):
            b.finish(item: item, at: at, failure: message)
        }
        batch = b
        if b.complete {
            live.endedAt = max(b.ends.last ?? 0, b.failures.last ?? 0, schedule.times.last ?? 0)
            if b.ends.isEmpty {
                let last = b.runs.last { $0.failure != nil }?.failure ?? "no answer"
                live.failure = "every item failed: " + last
            } else {
                live.ended = true
            }
        }
    }
}
