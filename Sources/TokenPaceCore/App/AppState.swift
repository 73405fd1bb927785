/// The whole dashboard as a value. The view draws it; `reduce` changes it; nothing else does.
public struct AppState: Sendable, Equatable {
    public static let maxPanes = 9
    public static let ttftSteps: [Double] = [0, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 30]

    public var panes: [PaneState]
    public var selected: Int
    public var task: TaskKind
    public var sample: Sample
    /// Every sample the user can cycle through (`t`, `n`).
    public var library: [Sample]
    /// App time at which the race was paused, if it is.
    public var pausedAt: Double?
    public var jitterIndex: Int
    public var showReasoning: Bool
    public var helpVisible: Bool
    public var helpScroll: Int
    public var baseSeed: UInt64
    /// The formula-and-inputs overlay for the selected pane (`e`).
    public var explainVisible = false
    /// First line of the explain overlay in view (`j`/`k`, arrows, page keys).
    public var explainScroll = 0
    /// The race chart (tokens over time for every pane) in place of the panes (`g`).
    public var chartVisible = false
    /// A short message in the status bar (e.g. where traces were saved) and when it goes away.
    public var notice: Notice?
    public var nextPaneID: Int
    /// Hidden instructions: tokens of system prompt sent before every request (`--system-tokens`, `i`).
    public var systemTokens = 0
    /// The system prompt size the last requests carried: with the prompt cache on, a request with the
    /// same one reads it from the cache.
    public var sentSystemTokens: Int?
    /// The reader's view (`R`): a reading cursor and the reader figures per pane.
    public var readerVisible = false
    /// The reader's pace, words per minute (`--reading-rate`).
    public var readingRate = 250.0
    /// Items each batch pane works through (`--items`); nil: the batch sample's own count.
    public var batchItems: Int?

    public var paused: Bool { pausedAt != nil }

    /// The notice to show at `now`, if it has not expired.
    public func notice(at now: Double) -> String? {
        guard let n = notice, now < n.until else { return nil }
        return n.text
    }

    /// Builds the opening race: one simulated pane per profile, all sending at `now`.
    public init(
        profiles: [Profile], sample: Sample, library: [Sample], seed: UInt64, jitterIndex: Int = 0,
        batchItems: Int? = nil, now: Double, planBatches: Bool = true
    ) {
        self.batchItems = batchItems
        self.task = sample.task
        self.sample = sample
        self.library = library.isEmpty ? [sample] : library
        self.selected = 0
        self.pausedAt = nil
        self.jitterIndex = jitterIndex
        self.showReasoning = true
        self.helpVisible = false
        self.helpScroll = 0
        self.baseSeed = seed
        let tokens = sample.tokens()
        let prompt = sample.promptTokenCount
        let outline = sample.outlineTokens()
        self.panes = profiles.prefix(Self.maxPanes).enumerated().map { i, p in
            var pane = PaneState(
                id: i, profile: p, seed: seed &+ UInt64(i), tokens: tokens, promptTokens: prompt, task: sample.task,
                origin: now, draftAcceptance: sample.draftAcceptance)
            pane.outline = outline
            return pane
        }
        self.nextPaneID = panes.count
        self.systemTokens = profiles.map(\.systemTokens).max() ?? 0
        self.sentSystemTokens = systemTokens
        if planBatches { startBatches(now: now, paused: nil) }
    }

    /// Seconds since `pane`'s request at app time `now` (frozen while paused).
    public func elapsed(_ pane: PaneState, now: Double) -> Double {
        (pausedAt ?? now) - pane.origin
    }

    public func allDone(now: Double) -> Bool {
        panes.allSatisfy { $0.isDone(elapsed: elapsed($0, now: now)) }
    }

    /// Finishing place (1-based) and seconds behind the fastest finished pane, by request → done time.
    /// Only usable answers place: a pane whose every try was rejected has none and beats nobody.
    public func standing(of pane: PaneState, now: Double) -> (place: Int, behind: Double)? {
        guard pane.attempts.accepted, pane.isDone(elapsed: elapsed(pane, now: now)), let mine = pane.e2e else {
            return nil
        }
        let finished = panes.filter { $0.attempts.accepted && $0.isDone(elapsed: elapsed($0, now: now)) }
            .compactMap(\.e2e)
        let place = finished.filter { $0 < mine }.count + 1
        let leader = finished.min() ?? mine
        return (place, mine - leader)
    }

    /// The next app time at which something on screen changes by itself: a token falls due, or a
    /// running clock ticks (every `clockStep`). Nil when nothing moves (paused, or all done).
    /// A tick with a token due less than a fifth of a step after it waits for that token: the
    /// token's frame redraws the clocks too, and a frame saved is one that cannot delay the token.
    public func nextWake(after now: Double, clockStep: Double = 0.1) -> Double? {
        guard !paused else { return nil }
        var token = Double.infinity
        var tick = Double.infinity
        for pane in panes {
            let e = now - pane.origin
            guard !pane.isDone(elapsed: e) else { continue }
            if let t = pane.schedule.nextTime(after: e) {
                token = min(token, pane.origin + t)
            }
            tick = min(tick, pane.origin + ((e / clockStep).rounded(.down) + 1) * clockStep)
        }
        if token.isFinite && token <= tick + clockStep / 5 { return token }
        return tick.isFinite ? tick : nil
    }
}

public struct Notice: Sendable, Equatable {
    public var text: String
    public var until: Double
    public init(text: String, until: Double) {
        self.text = text
        self.until = until
    }
}
