/// Everything that can change the app's state. Keys map to these; tests drive `reduce` with them.
public enum Action: Sendable, Equatable {
    case selectNext, selectPrevious
    case select(Int)
    case scaleRate(Double)
    case scaleAllRates(Double)
    case longerTTFT, shorterTTFT
    case nextTask, previousTask
    case nextSample
    case togglePause
    case restart
    case addPane, removePane
    case cycleJitter
    case toggleReasoning
    case togglePromptCache
    case toggleSpeculative
    case saveTraces
    case toggleExplain
    case toggleChart
    /// The selected pane's presentation: stream → blocking → progress → staged.
    case cyclePresentation
    /// Hidden instructions: the system prompt's size steps 0 → 500 → … → 8000 tokens (restarts the race).
    case stepSystemTokens
    /// The reader's view: a reading cursor and the figures waiting for text and blocked.
    case toggleReader
    /// Something to tell the user in the status bar for a few seconds.
    case notice(String)
    case toggleHelp
    case scrollHelp(Int)
    case scrollExplain(Int)
    case quit
    /// A live source reported something for pane `paneID`'s run number `generation`
    /// (reports from a run that was restarted since are dropped).
    case feed(paneID: Int, generation: Int, event: FeedEvent)
    /// The same for item `item` of a live batch pane.
    case feedItem(paneID: Int, generation: Int, item: Int, feed: ItemFeed)
    /// The selected batch pane's slots: doubled (2) or halved (0.5); its batch starts over.
    case scaleSlots(Double)

    /// The action a key stands for, given what is on screen (the help overlay takes its own keys).
    public static func from(key: Key, helpVisible: Bool, explainVisible: Bool = false) -> Action? {
        if explainVisible {
            switch key {
            case .char("e"), .escape, .char("q"): return .toggleExplain
            case .ctrlC: return .quit
            case .up, .char("k"): return .scrollExplain(-1)
            case .down, .char("j"): return .scrollExplain(1)
            case .pageUp: return .scrollExplain(-10)
            case .pageDown, .char(" "): return .scrollExplain(10)
            default: return nil
            }
        }
        if helpVisible {
            switch key {
            case .char("?"), .escape, .char("q"): return .toggleHelp
            case .ctrlC: return .quit
            case .up, .char("k"): return .scrollHelp(-1)
            case .down, .char("j"): return .scrollHelp(1)
            case .pageUp: return .scrollHelp(-10)
            case .pageDown, .char(" "): return .scrollHelp(10)
            default: return nil
            }
        }
        switch key {
        case .tab, .right: return .selectNext
        case .backTab, .left: return .selectPrevious
        case .char(let c) where ("1"..."9").contains(c): return .select(Int(String(c))! - 1)
        case .char("+"), .char("="): return .scaleRate(1.25)
        case .char("-"), .char("_"): return .scaleRate(1 / 1.25)
        case .char("*"): return .scaleAllRates(1.25)
        case .char("/"): return .scaleAllRates(1 / 1.25)
        case .char("]"): return .longerTTFT
        case .char("["): return .shorterTTFT
        case .char("t"): return .nextTask
        case .char("T"): return .previousTask
        case .char("n"): return .nextSample
        case .char(" "): return .togglePause
        case .char("r"): return .restart
        case .char("a"): return .addPane
        case .char("x"): return .removePane
        case .char("j"): return .cycleJitter
        case .char("s"): return .toggleReasoning
        case .char("c"): return .togglePromptCache
        case .char("d"): return .toggleSpeculative
        case .char("w"): return .saveTraces
        case .char("e"): return .toggleExplain
        case .char("g"): return .toggleChart
        case .char("p"): return .cyclePresentation
        case .char("i"): return .stepSystemTokens
        case .char("k"): return .scaleSlots(2)
        case .char("K"): return .scaleSlots(0.5)
        case .char("R"): return .toggleReader
        case .char("?"), .char("h"): return .toggleHelp
        case .char("q"), .ctrlC: return .quit
        default: return nil
        }
    }
}

/// What `reduce` asks the outside world to do.
public enum Effect: Sendable, Equatable {
    case quit
    /// (Re)send the requests of these live panes now; any stream still running for them is cancelled.
    case startStreams([LiveRun])
    /// Write every pane as a trace file.
    case saveTraces
}

/// One request of one live pane: the pane and which run of it.
public struct LiveRun: Sendable, Equatable, Hashable {
    public var paneID: Int
    public var generation: Int
    /// Hidden instructions sent with the request: a system message of about this many tokens.
    public var systemTokens: Int
    /// A staged pane's run: a real outline request first, then the answer request.
    public var staged: Bool
    /// A batch pane's queue: the requests to work through, `slots` at a time.
    public var batch: BatchRequests?
    public init(
        paneID: Int, generation: Int, systemTokens: Int = 0, staged: Bool = false, batch: BatchRequests? = nil
    ) {
        self.paneID = paneID
        self.generation = generation
        self.systemTokens = systemTokens
        self.staged = staged
        self.batch = batch
    }
}

/// The queue of a live batch pane: `count` requests cycling through `prompts`, `slots` in flight.
public struct BatchRequests: Sendable, Equatable, Hashable {
    public var prompts: [String]
    /// Each prompt's estimated size in tokens (what the pane counts until the server says).
    public var promptTokens: [Int]
    public var count: Int
    public var slots: Int

    public init(prompts: [String], promptTokens: [Int], count: Int, slots: Int) {
        self.prompts = prompts
        self.promptTokens = promptTokens
        self.count = count
        self.slots = slots
    }
}

/// What a live batch pane heard about one of its items.
public enum ItemFeed: Sendable, Equatable {
    /// The item's request went out in `slot`, `at` seconds since the batch started.
    case sent(slot: Int, at: Double, promptTokens: Int)
    case event(FeedEvent)
}
