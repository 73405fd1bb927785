/// Applies an action at app time `now` (seconds). Pure: the same session, action and time give the
/// same result and effects; the run loop writes `.record` lines and obeys `.quit`.
@discardableResult
public func reduce(_ s: inout PerceptionSession, _ action: PerceptionAction, now: Double) -> [PerceptionEffect] {
    if action == .quit { return [.quit] }
    if case .scroll(let rows) = action {
        s.scroll = max(0, s.scroll + rows)
        return []
    }
    let before = s.phase
    defer { if s.phase != before { s.scroll = 0 } }
    switch (s.phase, action) {
    case (.instructions, .proceed):
        offerNextTrial(&s)
    case (.ready, .proceed):
        guard let trial = s.trial else { break }
        startStreaming(&s, trial: trial, now: now)
    case (.ready, .endSession):
        s.trial = nil
        s.phase = .finished
    case (.streaming, .answerNow):
        s.frozenAt = now
        s.answers = TrialAnswers()
        s.answerOpenedAt = now
        s.phase = .answering(s.panes.count > 1 ? .faster : .accept)
    case (.streaming, .abort), (.answering, .abort):
        s.abortedSinceRecord += 1
        s.panes = []
        s.frozenAt = nil
        s.answers = TrialAnswers()
        s.phase = .ready
    case (.answering(let step), _):
        return answer(&s, step: step, action: action, now: now)
    default:
        break
    }
    return []
}

private func offerNextTrial(_ s: inout PerceptionSession) {
    s.panes = []
    s.frozenAt = nil
    s.answers = TrialAnswers()
    if let next = s.plannedTrial() {
        s.trial = next
        s.phase = .ready
    } else {
        s.trial = nil
        s.phase = .finished
    }
}

private func startStreaming(_ s: inout PerceptionSession, trial: PerceptionTrial, now: Double) {
    let tokens = trial.sample.tokens()
    let prompt = trial.sample.promptTokenCount
    let seed = PerceptionTrial.streamSeed(s.config, number: trial.number)
    s.runs += 1
    let run = s.runs
    s.panes = trial.panes.map { p in
        let profile = Profile(rate: p.rate, firstToken: .fixed(p.ttft), jitter: s.config.jitter)
        var pane = PaneState(
            id: p.position, profile: profile, seed: seed, tokens: tokens, promptTokens: prompt, task: trial.sample.task,
            origin: now)
        if let presentation = p.presentation, presentation != .stream {
            pane.outline = trial.sample.outlineTokens()
            pane.present(presentation, answer: tokens, task: trial.sample.task)
        }
        pane.generation = run
        return pane
    }
    s.frozenAt = nil
    s.streamStartedAt = now
    s.phase = .streaming
}

private func answer(_ s: inout PerceptionSession, step: AnswerStep, action: PerceptionAction, now: Double)
    -> [PerceptionEffect]
{
    guard let trial = s.trial else { return [] }
    let labels = trial.panes.map(\.label)
    switch (step, action) {
    case (.faster, .choose(let i)):
        s.answers.faster = labels[i]
        s.phase = .answering(.accept)
    case (.faster, .noDifference):
        s.answers.faster = TrialAnswers.same
        s.phase = .answering(.accept)
    case (.accept, .choose(let i)):
        var chosen = Set(s.answers.accepted)
        if chosen.contains(labels[i]) { chosen.remove(labels[i]) } else { chosen.insert(labels[i]) }
        s.answers.accepted = labels.filter(chosen.contains)
    case (.accept, .confirm):
        s.phase = .answering(.rating(0))
    case (.accept, .back):
        if labels.count > 1 { s.phase = .answering(.faster) }
    case (.rating(let i), .rate(let n)):
        s.answers.ratings[labels[i]] = n
        if i + 1 < labels.count {
            s.phase = .answering(.rating(i + 1))
        } else {
            return [.record(finishTrial(&s, trial: trial, now: now))]
        }
    case (.rating(let i), .back):
        if i > 0 {
            s.answers.ratings[labels[i - 1]] = nil
            s.phase = .answering(.rating(i - 1))
        } else {
            s.phase = .answering(.accept)
        }
    default:
        break
    }
    return []
}

/// Feeds the answers to the estimator (counted trials only), builds the results line and offers
/// the next trial.
private func finishTrial(_ s: inout PerceptionSession, trial: PerceptionTrial, now: Double) -> TrialRecord {
    let mode = s.config.mode
    if trial.practice {
        s.practiceDone = true
    } else {
        for pane in trial.panes where mode.isAdaptive {
            s.estimator.update(x: mode.x(pane.value(mode)), accepted: s.answers.accepted.contains(pane.label))
        }
        s.completed += 1
    }
    let started = s.streamStartedAt ?? now
    let opened = s.answerOpenedAt ?? now
    let record = TrialRecord(
        participant: s.config.participant, task: s.config.task, mode: mode, trial: trial.number,
        trials: s.config.trials, practice: trial.practice, seed: s.config.seed, seedOption: s.config.seedOption,
        sample: trial.sample.id, jitter: s.config.jitter,
        panes: trial.panes, answers: s.answers, watchSeconds: opened - started, answerSeconds: now - opened,
        aborted: s.abortedSinceRecord,
        estimate: trial.practice || !mode.isAdaptive ? nil : RecordedEstimate(s.estimator.estimate, mode: mode))
    s.records.append(record)
    s.abortedSinceRecord = 0
    offerNextTrial(&s)
    return record
}
