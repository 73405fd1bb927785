/// Applies an action at app time `now`. Pure: the same state, action and time give the same result.
@discardableResult
public func reduce(_ state: inout AppState, _ action: Action, now: Double) -> [Effect] {
    switch action {
    case .selectNext:
        state.selected = (state.selected + 1) % state.panes.count
    case .selectPrevious:
        state.selected = (state.selected + state.panes.count - 1) % state.panes.count
    case .select(let i):
        if i >= 0, i < state.panes.count { state.selected = i }
    case .scaleRate(let f):
        changeProfile(&state, indices: [state.selected], now: now) { $0.rate = Profile.clampRate($0.rate * f) }
    case .scaleAllRates(let f):
        changeProfile(&state, indices: Array(state.panes.indices), now: now) {
            $0.rate = Profile.clampRate($0.rate * f)
        }
    case .longerTTFT, .shorterTTFT:
        let longer = action == .longerTTFT
        changeProfile(&state, indices: [state.selected], now: now) { p in
            switch p.firstToken {
            case .fixed(let s):
                let steps = AppState.ttftSteps
                let next = longer ? steps.first { $0 > s + 1e-9 } : steps.last { $0 < s - 1e-9 }
                p.firstToken = .fixed(next ?? s)
            case .prefill(let r, let overhead):
                p.firstToken = .prefill(rate: longer ? r / 1.25 : r * 1.25, overhead: overhead)
            }
        }
    case .nextTask, .previousTask:
        // The next task that has a sample (a library may lack some, e.g. batch queues).
        var task = state.task
        var sample = state.sample
        for _ in TaskKind.allCases {
            task = action == .nextTask ? task.next() : task.previous()
            if let s = state.library.first(where: { $0.task == task }) {
                sample = s
                break
            }
        }
        load(&state, sample: sample, now: now)
        return state.liveRuns
    case .nextSample:
        let same = state.library.filter { $0.task == state.task }
        if let i = same.firstIndex(where: { $0.id == state.sample.id }), same.count > 1 {
            load(&state, sample: same[(i + 1) % same.count], now: now)
            return state.liveRuns
        }
    case .togglePause:
        if let at = state.pausedAt {
            let pausedFor = now - at
            // A real stream cannot be paused: live panes keep their clocks, only the view froze.
            for i in state.panes.indices where !state.panes[i].source.isLive {
                state.panes[i].origin += pausedFor
            }
            state.pausedAt = nil
        } else {
            state.pausedAt = now
        }
    case .restart:
        load(&state, sample: state.sample, now: now)
        return state.liveRuns
    case .addPane:
        guard state.panes.count < AppState.maxPanes else { break }
        var copy = state.panes[state.selected]
        copy.id = state.nextPaneID
        copy.seed = state.baseSeed &+ UInt64(copy.id)
        let base = copy.source == .simulated ? state.sample.tokens(using: copy.tokenizer) : copy.answerTokens
        copy.restart(
            tokens: base, promptTokens: copy.promptTokens, task: state.task, now: state.pausedAt ?? now,
            draftAcceptance: state.sample.draftAcceptance)
        state.nextPaneID += 1
        state.panes.insert(copy, at: state.selected + 1)
        state.selected += 1
        if state.task == .batch { state.startBatch(pane: state.selected, now: state.pausedAt ?? now) }
        if copy.source.isLive {
            return [.startStreams([state.liveRun(for: state.panes[state.selected])])]
        }
    case .removePane:
        guard state.panes.count > 1 else { break }
        state.panes.remove(at: state.selected)
        state.selected = min(state.selected, state.panes.count - 1)
    case .cycleJitter:
        state.jitterIndex = (state.jitterIndex + 1) % Profile.jitterSteps.count
        let jitter = Profile.jitterSteps[state.jitterIndex]
        changeProfile(&state, indices: Array(state.panes.indices), now: now) { $0.jitter = jitter }
    case .toggleReasoning:
        state.showReasoning.toggle()
    case .toggleSpeculative:
        let on = (state.panes.first?.profile.speculativeDraft ?? 0) == 0
        let task = state.task
        let acceptance = state.sample.draftAcceptance
        changeProfile(&state, indices: Array(state.panes.indices), now: now) { p in
            p.speculativeDraft = on ? 4 : 0
            p = p.tuned(for: task, acceptance: acceptance)
        }
    case .togglePromptCache:
        let on = !(state.panes.first?.profile.promptCache ?? true)
        changeProfile(&state, indices: Array(state.panes.indices), now: now) { $0.promptCache = on }
    case .toggleHelp:
        state.helpVisible.toggle()
        state.helpScroll = 0
    case .scrollHelp(let d):
        state.helpScroll = max(0, state.helpScroll + d)
    case .quit:
        return [.quit]
    case .saveTraces:
        guard state.task != .batch else {
            state.notice = Notice(
                text: "a trace is one request; a batch is many: measure it with bench --task batch", until: now + 4)
            break
        }
        return [.saveTraces]
    case .toggleExplain:
        state.explainVisible.toggle()
        state.explainScroll = 0
    case .scrollExplain(let d):
        state.explainScroll = max(0, state.explainScroll + d)
    case .toggleChart:
        state.chartVisible.toggle()
    case .toggleReader:
        state.readerVisible.toggle()
    case .stepSystemTokens:
        state.systemTokens = HiddenInstructions.next(after: state.systemTokens)
        load(&state, sample: state.sample, now: now)
        return state.liveRuns
    case .cyclePresentation:
        guard state.task != .batch else {
            state.notice = Notice(
                text: "a batch pane shows its queue; presentations are for one answer", until: now + 4)
            break
        }
        let i = state.selected
        state.panes[i].present(
            state.panes[i].presentation.next, answer: state.sample.tokens(), task: state.task,
            draftAcceptance: state.sample.draftAcceptance)
    case .notice(let text):
        state.notice = Notice(text: text, until: now + 4)
    case .scaleSlots(let f):
        let i = state.selected
        guard state.task == .batch else {
            state.notice = Notice(text: "k/K set a batch pane's slots: pick the batch task (t)", until: now + 4)
            break
        }
        let slots = min(max(Int((Double(state.panes[i].batchSlots) * f).rounded()), 1), BatchPlanner.maxSlots)
        guard slots != state.panes[i].batchSlots else { break }
        state.panes[i].batchSlots = slots
        let live = state.panes[i].source.isLive
        state.startBatch(pane: i, now: live ? now : state.pausedAt ?? now)
        state.notice = Notice(text: "\(state.panes[i].label): \(slots) slots, batch started over", until: now + 4)
        if live { return [.startStreams([state.liveRun(for: state.panes[i])])] }
    case .feedItem(let id, let generation, let item, let feed):
        guard let i = state.panes.firstIndex(where: { $0.id == id }), state.panes[i].generation == generation
        else { break }
        switch feed {
        case .sent(let slot, let at, let prompt):
            state.panes[i].startItem(item, slot: slot, at: at, promptTokens: prompt)
        case .event(let event):
            let wasComplete = state.panes[i].batch?.complete == true
            state.panes[i].feed(item: item, event)
            if !wasComplete, state.panes[i].batch?.complete == true { state.startMirrors(of: i, now: now) }
        }
    case .feed(let id, let generation, let event):
        guard let i = state.panes.firstIndex(where: { $0.id == id }), state.panes[i].generation == generation
        else { break }
        state.panes[i].feed(event, task: state.task)
        // Mirrors replay the live answer once it is complete, from that moment, at their own pace.
        let source = state.panes[i]
        for m in state.panes.indices where state.panes[m].source == .mirror(of: id) {
            switch event {
            case .finished:
                let prompt = source.live.promptTokens ?? state.panes[m].promptTokens
                state.panes[m].restart(
                    tokens: source.answerTokens, promptTokens: prompt, task: state.task, now: now,
                    draftAcceptance: state.sample.draftAcceptance)
                state.panes[m].live.ended = true
            case .failed:
                state.panes[m].live.failure = "\(source.label) failed: nothing to replay"
                state.panes[m].live.ended = true
            default:
                break
            }
        }
    }
    return []
}

private func changeProfile(_ state: inout AppState, indices: [Int], now: Double, _ edit: (inout Profile) -> Void) {
    for i in indices {
        // Live and replayed panes run at the pace they really had.
        switch state.panes[i].source {
        case .live, .replay: continue
        case .simulated, .mirror: break
        }
        var p = state.panes[i].profile
        edit(&p)
        if state.panes[i].batch != nil {
            // A batch's plan depends on every item's pace: it starts over with the new one.
            state.panes[i].profile = p
            state.startBatch(pane: i, now: state.pausedAt ?? now)
            continue
        }
        let e = state.elapsed(state.panes[i], now: now)
        state.panes[i].change(profile: p, elapsed: e)
    }
}

/// Puts a sample in every pane and starts the race again at `now` (paused races stay paused).
private func load(_ state: inout AppState, sample: Sample, now: Double) {
    state.sample = sample
    state.task = sample.task
    let tokens = sample.tokens()
    let start = state.pausedAt ?? now
    let outline = sample.outlineTokens()
    // The system prompt is read from the prompt cache when the last requests sent the same one.
    let sameSystem = state.sentSystemTokens == state.systemTokens
    state.sentSystemTokens = state.systemTokens
    for i in state.panes.indices {
        state.panes[i].outline = outline
        state.panes[i].profile.systemTokens = state.systemTokens
        state.panes[i].profile.systemCached = sameSystem && state.panes[i].profile.promptCache
        // Live requests go out now even when paused: only the view is frozen.
        let origin = state.panes[i].source.isLive ? now : start
        let tokenizer = state.panes[i].tokenizer
        let own: [Token] =
            state.panes[i].source == .simulated ? (tokenizer == nil ? tokens : sample.tokens(using: tokenizer)) : []
        state.panes[i].restart(
            tokens: own, promptTokens: sample.promptTokenCount(using: tokenizer), task: sample.task, now: origin,
            draftAcceptance: sample.draftAcceptance)
    }
    state.startBatches(now: now, paused: state.pausedAt)
}

extension AppState {
    /// Effects that (re)start every live pane's request.
    var liveRuns: [Effect] {
        let runs = panes.filter { $0.source.isLive }.map(liveRun(for:))
        return runs.isEmpty ? [] : [.startStreams(runs)]
    }

}
