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
        let task = action == .nextTask ? state.task.next() : state.task.previous()
        let sample = state.library.first { $0.task == task } ?? state.sample
        load(&state, sample: sample, now: now)
    case .nextSample:
        let same = state.library.filter { $0.task == state.task }
        if let i = same.firstIndex(where: { $0.id == state.sample.id }), same.count > 1 {
            load(&state, sample: same[(i + 1) % same.count], now: now)
        }
    case .togglePause:
        if let at = state.pausedAt {
            let pausedFor = now - at
            for i in state.panes.indices { state.panes[i].origin += pausedFor }
            state.pausedAt = nil
        } else {
            state.pausedAt = now
        }
    case .restart:
        load(&state, sample: state.sample, now: now)
    case .addPane:
        guard state.panes.count < AppState.maxPanes else { break }
        var copy = state.panes[state.selected]
        copy.id = state.nextPaneID
        copy.seed = state.baseSeed &+ UInt64(copy.id)
        copy.restart(tokens: copy.tokens, promptTokens: copy.promptTokens, task: state.task, now: state.pausedAt ?? now)
        state.nextPaneID += 1
        state.panes.insert(copy, at: state.selected + 1)
        state.selected += 1
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
    case .toggleHelp:
        state.helpVisible.toggle()
        state.helpScroll = 0
    case .scrollHelp(let d):
        state.helpScroll = max(0, state.helpScroll + d)
    case .quit:
        return [.quit]
    }
    return []
}

private func changeProfile(_ state: inout AppState, indices: [Int], now: Double, _ edit: (inout Profile) -> Void) {
    for i in indices {
        var p = state.panes[i].profile
        edit(&p)
        let e = state.elapsed(state.panes[i], now: now)
        state.panes[i].change(profile: p, elapsed: e)
    }
}

/// Puts a sample in every pane and starts the race again at `now` (paused races stay paused).
private func load(_ state: inout AppState, sample: Sample, now: Double) {
    state.sample = sample
    state.task = sample.task
    let tokens = sample.tokens()
    let prompt = sample.promptTokenCount
    let start = state.pausedAt ?? now
    for i in state.panes.indices {
        state.panes[i].restart(tokens: tokens, promptTokens: prompt, task: sample.task, now: start)
    }
}
