import Histogram
import Testing
import TokenPaceCore

/// The whole-answer definitions of the milestones and the code mask, scanning every token each time:
/// what the incremental scans (one token at a time) must give on every prefix of an answer.
enum WholeAnswer {
    static func useful(_ tokens: [Token], task: TaskKind) -> Int? {
        switch task {
        case .chat, .reasoning:
            return tokens.firstIndex { $0.kind == .answer }
        case .agent:
            guard let start = tokens.firstIndex(where: { $0.kind == .toolCall }) else {
                return tokens.firstIndex { $0.kind == .answer }
            }
            var end = start
            while end + 1 < tokens.count, tokens[end + 1].kind == .toolCall { end += 1 }
            return end
        case .code:
            return firstCodeLine(tokens)
        case .summarize:
            return firstSentence(tokens)
        case .batch:
            // A batch's first finished item is marked by its queue, not found in the text.
            return nil
        }
    }

    static func firstCodeLine(_ tokens: [Token]) -> Int? {
        let hasFence = tokens.contains { $0.kind == .answer && $0.text.contains("```") }
        var line = ""
        var inFence = !hasFence
        for (i, t) in tokens.enumerated() where t.kind == .answer {
            for ch in t.text {
                if ch == "\n" {
                    let trimmed = trim(line)
                    if trimmed.hasPrefix("```") {
                        inFence.toggle()
                    } else if inFence, !trimmed.isEmpty {
                        return i
                    }
                    line = ""
                } else {
                    line.append(ch)
                }
            }
        }
        return nil
    }

    static func firstSentence(_ tokens: [Token]) -> Int? {
        var line = ""
        var words = 0
        for (i, t) in tokens.enumerated() where t.kind == .answer {
            for ch in t.text {
                if ch == "\n" {
                    let trimmed = trim(line)
                    if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("• ") {
                        if trimmed.count > 2 { return i }
                    }
                    line = ""
                    continue
                }
                if ch == " " { words += 1 }
                line.append(ch)
                if ".!?。！？".contains(ch), words >= 2 { return i }
            }
        }
        return nil
    }

    static func trim(_ s: String) -> String {
        var s = Substring(s)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    static func codeMask(_ tokens: [Token]) -> [Bool] {
        var mask = [Bool](repeating: false, count: tokens.count)
        var inFence = false
        var lineStart = true
        var pendingFence = 0
        for (i, t) in tokens.enumerated() where t.kind == .answer {
            mask[i] = inFence
            for ch in t.text {
                if ch == "`" && (lineStart || pendingFence > 0) {
                    pendingFence += 1
                    if pendingFence == 3 {
                        inFence.toggle()
                        mask[i] = true
                    }
                    lineStart = false
                    continue
                }
                pendingFence = 0
                lineStart = ch == "\n" || (lineStart && (ch == " " || ch == "\t"))
            }
        }
        return mask
    }

    static func firstAnswer(_ tokens: [Token]) -> Int? { tokens.firstIndex { $0.kind == .answer } }
    static func generated(_ tokens: [Token]) -> Int { tokens.reduce(0) { $0 + ($1.kind.isGenerated ? 1 : 0) } }

    /// The stream's figures from the whole token list at once.
    static func metrics(
        _ tokens: [Token], _ times: [Double], counts: [Int]?, task: TaskKind, finished: Bool, stallThreshold: Double
    ) -> StreamMetrics {
        let n = min(tokens.count, times.count)
        let tokens = Array(tokens.prefix(n))
        var m = StreamMetrics(tokens: [], times: [], task: task, finished: false)
        m.ttft = tokens.isEmpty ? nil : times[0]
        m.ttfa = firstAnswer(tokens).map { times[$0] }
        m.useful = useful(tokens, task: task).map { times[$0] }
        m.e2e = finished && n > 0 ? times[n - 1] : nil
        var generatedTimes: [Double] = []
        var generatedText: [String] = []
        var gapList: [Double] = []
        var afterTool = false
        var total = 0
        for i in 0..<n {
            if i > 0, tokens[i].attempt != tokens[i - 1].attempt { afterTool = true }
            guard tokens[i].kind.isGenerated else {
                afterTool = true
                continue
            }
            if let previous = generatedTimes.last, !afterTool { gapList.append(times[i] - previous) }
            afterTool = false
            generatedTimes.append(times[i])
            generatedText.append(tokens[i].text)
            total += counts?[i] ?? 1
        }
        m.tokens = total
        if generatedTimes.count > 1, let first = generatedTimes.first, let last = generatedTimes.last, last > first {
            m.decodeRate = Double(total - (counts?.first ?? 1)) / (last - first)
            // Text speed from the whole text: what it holds beyond its first piece.
            let all = TextCount(generatedText.joined())
            let head = TextCount(generatedText[0])
            m.charactersPerSecond = Double(all.characters - head.characters) / (last - first)
            if !all.withoutSpaces { m.wordsPerSecond = Double(all.words - head.words) / (last - first) }
        }
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        for gap in gapList {
            histogram.record(UInt64(max(0, gap) * 1_000_000))
            if gap >= stallThreshold {
                m.stallCount += 1
                m.longestStall = max(m.longestStall, gap)
            }
        }
        if !gapList.isEmpty {
            m.itlP50 = Double(histogram.valueAtPercentile(50)) / 1_000_000
            m.itlP90 = Double(histogram.valueAtPercentile(90)) / 1_000_000
            m.itlP99 = Double(histogram.valueAtPercentile(99)) / 1_000_000
        }
        return m
    }

    /// Where an agent loop stands, from the whole token list at once.
    static func agentProgress(tokens all: [Token], shown allShown: Int, done: Bool) -> AgentProgress {
        let attempt = allShown > 0 && allShown <= all.count ? all[allShown - 1].attempt : 0
        let lo = attempt == 0 ? 0 : (all.firstIndex { $0.attempt == attempt } ?? 0)
        let hi = all[lo...].firstIndex { $0.attempt != attempt } ?? all.count
        let tokens = all[lo..<hi]
        let shown = allShown - lo
        var calls = 0
        var lastStep = -1
        for t in tokens where t.kind == .toolCall && t.step != lastStep {
            calls += 1
            lastStep = t.step
        }
        let steps = calls + 1
        var started = 0
        lastStep = -1
        for t in tokens.prefix(shown) where t.kind == .toolCall && t.step != lastStep {
            started += 1
            lastStep = t.step
        }
        let last = shown > 0 ? tokens[lo + shown - 1].kind : nil
        if last == .answer || last == .toolResult && shown < tokens.count && tokens[lo + shown].kind == .answer {
            started = steps
        }
        var p = AgentSteps(tokens: []).progress(shown: 0, done: false)
        p.steps = steps
        p.step = max(1, min(started, steps))
        if done {
            p.phase = .done
            p.step = steps
            return p
        }
        switch last {
        case nil: p.phase = .prefill
        case .reasoning: p.phase = .thinking
        case .answer: p.phase = .answer
        case .toolResult: p.phase = .prefill
        case .toolCall:
            p.phase = shown < tokens.count && tokens[lo + shown].kind == .toolResult ? .waitingOnTool : .toolCall
        }
        return p
    }
}

@Suite struct IncrementalScanTests {
    /// Every shipped sample's answer as the tokenizer cuts it, and cut again at random places
    /// (fences, line ends and CR LF split across tokens, several lines in one token), with a seed per
    /// sample so a failure repeats; with `tries`, also as a retried answer (two tries).
    static func answers(tries: Bool = false) throws -> [(name: String, task: TaskKind, tokens: [Token])] {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        var out: [(String, TaskKind, [Token])] = []
        for (k, sample) in library.samples.enumerated() {
            let tokens = sample.tokens()
            out.append((sample.id, sample.task, tokens))
            if tries { out.append((sample.id + " ×2 tries", sample.task, Attempts.tokens(tokens, count: 2))) }
            var rng = SeededRandom(seed: 0x5eed + UInt64(k))
            out.append((sample.id + " recut", sample.task, recut(tokens, rng: &rng)))
        }
        return out
    }

    /// The same text and kinds in pieces of 1–12 characters (runs of one kind and step stay together).
    static func recut(_ tokens: [Token], rng: inout SeededRandom) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < tokens.count {
            var j = i
            var text = ""
            while j < tokens.count, tokens[j].kind == tokens[i].kind, tokens[j].step == tokens[i].step,
                tokens[j].attempt == tokens[i].attempt
            {
                text += tokens[j].text
                j += 1
            }
            var chars = Substring(text.replacingCRLF(every: 7))
            while !chars.isEmpty {
                let n = Int(rng.next() % 12) + 1
                out.append(
                    Token(
                        String(chars.prefix(n)), kind: tokens[i].kind, step: tokens[i].step, attempt: tokens[i].attempt)
                )
                chars = chars.dropFirst(n)
            }
            i = j
        }
        return out
    }

    /// The sample's own task's rule on every prefix; every task's rule (a code rule over prose, a
    /// sentence rule over tool calls…) on every 17th prefix and the whole answer.
    @Test func milestonesAppendedMatchTheWholeAnswerOnEveryPrefix() throws {
        for answer in try Self.answers() {
            let generated = answer.tokens.reduce(into: [0]) { $0.append($0.last! + ($1.kind.isGenerated ? 1 : 0)) }
            for task in TaskKind.allCases {
                var m = Milestones(task: task)
                var expected = WholeAnswer.useful([], task: task)
                #expect(m.useful == expected)
                for n in 1...answer.tokens.count {
                    m.append(answer.tokens[n - 1])
                    guard task == answer.task || n % 17 == 0 || n == answer.tokens.count else { continue }
                    let prefix = Array(answer.tokens[..<n])
                    expected = WholeAnswer.useful(prefix, task: task)
                    guard m.useful == expected, m.firstAnswer == WholeAnswer.firstAnswer(prefix),
                        m.generatedCount == generated[n], m.firstToken == 0, m.count == n
                    else {
                        Issue.record(
                            "\(answer.name), \(task) rule, after \(n) tokens: \(m.useful as Any) ≠ \(expected as Any)")
                        break
                    }
                }
                #expect(m == Milestones(tokens: answer.tokens, task: task))
            }
        }
    }

    @Test func codeMaskAppendedMatchesTheWholeAnswerOnEveryPrefix() throws {
        for answer in try Self.answers() {
            var scan = CodeFenceScan()
            var mask: [Bool] = []
            for n in 1...answer.tokens.count {
                mask.append(scan.next(answer.tokens[n - 1]))
                guard mask == WholeAnswer.codeMask(Array(answer.tokens[..<n])) else {
                    Issue.record("\(answer.name): code mask differs after \(n) tokens")
                    break
                }
            }
            #expect(mask == PaneState.codeMask(answer.tokens))
            if answer.task == .code { #expect(mask.contains(true)) }
        }
    }

    /// A live pane fed through `reduce`, as the dashboard applies a stream's reports: after every
    /// token its milestones and code mask are those of the tokens so far.
    @Test func livePaneFedTokenByTokenKeepsWholeAnswerFigures() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        // A batch's items are fed per item (BatchTests); every other task is one stream.
        for task in TaskKind.allCases where task != .batch {
            let sample = try #require(library.samples(for: task).first)
            var state = AppState(
                setups: [PaneSetup(profile: Profile(rate: 20), source: .live(name: "test"))], sample: sample,
                library: [sample], seed: 1, now: 0)
            let tokens = sample.tokens()
            for (n, token) in tokens.enumerated() {
                let event = TokenEvent(text: token.text, kind: token.kind, t: 0.2 + Double(n) * 0.01)
                reduce(&state, .feed(paneID: 0, generation: 0, event: .token(event)), now: event.t)
                let pane = state.panes[0]
                let prefix = pane.tokens
                guard pane.milestones.useful == WholeAnswer.useful(prefix, task: task),
                    pane.milestones.firstAnswer == WholeAnswer.firstAnswer(prefix),
                    pane.milestones.generatedCount == WholeAnswer.generated(prefix),
                    pane.inCode == WholeAnswer.codeMask(prefix)
                else {
                    Issue.record("\(sample.id): live pane differs after \(n + 1) tokens")
                    break
                }
            }
            #expect(state.panes[0].tokens.count == tokens.count)
        }
    }

    /// Figures kept up to date token by token (gaps, histogram, stalls, decode rate, milestone
    /// times) equal those of the whole stream so far: every prefix of the first 30 tokens, then
    /// every 61st, over jittered, stalling, retried and agent streams with pieces of 1–3 tokens.
    @Test func streamTallyMatchesTheWholeStream() throws {
        let profile = Profile(rate: 40, jitter: 0.5, stallChance: 0.03, stallSeconds: 0.3)
        for (k, answer) in try Self.answers(tries: true).enumerated() {
            let times = Schedule.make(profile: profile, tokens: answer.tokens, promptTokens: 50, seed: UInt64(k)).times
            let counts = answer.tokens.indices.map { 1 + ($0 * 7 + k) % 3 }
            let withCounts = k % 2 == 0
            var tally = StreamTally(task: answer.task, stallThreshold: 0.25)
            for n in 1...answer.tokens.count {
                tally.append(answer.tokens[n - 1], at: times[n - 1], count: withCounts ? counts[n - 1] : 1)
                guard n <= 30 || n % 61 == 0 || n == answer.tokens.count else { continue }
                let finished = n % 2 == 0
                let expected = WholeAnswer.metrics(
                    Array(answer.tokens[..<n]), Array(times[..<n]), counts: withCounts ? Array(counts[..<n]) : nil,
                    task: answer.task, finished: finished, stallThreshold: 0.25)
                guard tally.metrics(finished: finished) == expected else {
                    Issue.record("\(answer.name): figures differ after \(n) tokens")
                    break
                }
            }
            let all = StreamMetrics(
                tokens: answer.tokens, times: times, counts: withCounts ? counts : nil, task: answer.task,
                finished: true)
            #expect(tally.metrics(finished: true) == all)
            #expect(all.stallCount > 0 || answer.tokens.count < 100)
        }
    }

    /// An agent answer's steps worked out once give, for every number of shown tokens, the step and
    /// phase a scan of the whole answer gives (one and two tries; running, and done at every 11th).
    @Test func agentStepsLookUpWhatTheWholeAnswerScanGives() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        let agents = library.samples(for: .agent)
        #expect(!agents.isEmpty)
        for sample in agents {
            for tries in 1...2 {
                let tokens = Attempts.tokens(sample.tokens(), count: tries)
                let steps = AgentSteps(tokens: tokens)
                for shown in 0...tokens.count {
                    for done in shown % 11 == 0 ? [false, true] : [false] {
                        let expected = WholeAnswer.agentProgress(tokens: tokens, shown: shown, done: done)
                        guard steps.progress(shown: shown, done: done) == expected else {
                            Issue.record("\(sample.id), \(tries) tries: progress differs at \(shown) shown")
                            break
                        }
                    }
                }
                #expect(steps.progress(shown: tokens.count, done: false).phase == .answer)
            }
        }
    }

    @Test func aFenceArrivingLaterMovesTheCodeSignal() {
        let texts = ["Here is", " the code:\n", "\n", "```swift\n", "let x = 1", "\n"]
        var m = Milestones(task: .code)
        for t in texts.prefix(3) { m.append(Token(t)) }
        // No fence yet: the answer's first line counts.
        #expect(m.useful == 1)
        m.append(Token(texts[3]))
        // Now the first line inside the block counts, and it has not ended.
        #expect(m.useful == nil)
        m.append(Token(texts[4]))
        #expect(m.useful == nil)
        m.append(Token(texts[5]))
        #expect(m.useful == 5)
        #expect(m.useful == WholeAnswer.useful(texts.map { Token($0) }, task: .code))
    }

    @Test func aFenceSplitOverTokensIsNoFenceInAToken() {
        let tokens = ["Intro\n", "``", "`py\n", "x = 1\n"].map { Token($0) }
        #expect(Milestones(tokens: tokens, task: .code).useful == 0)
        #expect(WholeAnswer.useful(tokens, task: .code) == 0)
        #expect(PaneState.codeMask(tokens) == [false, false, true, true])
    }

    @Test func theFirstToolCallEndsWhenItsRunEnds() {
        var m = Milestones(task: .agent)
        m.append(Token("Let me look.", kind: .answer))
        #expect(m.useful == 0)
        m.append(Token("{\"name\":", kind: .toolCall, step: 1))
        #expect(m.useful == 1)
        m.append(Token(" \"grep\"}", kind: .toolCall, step: 1))
        #expect(m.useful == 2)
        m.append(Token("3 matches", kind: .toolResult, step: 1))
        m.append(Token("{\"name\": \"open\"}", kind: .toolCall, step: 2))
        #expect(m.useful == 2)
        #expect(m.generatedCount == 4)
    }
}

extension String {
    /// Every `n`-th line break written as CR LF (one `Character` in Swift, so no line end to the scans).
    fileprivate func replacingCRLF(every n: Int) -> String {
        var out = ""
        var k = 0
        for ch in self {
            if ch == "\n" {
                k += 1
                out += k % n == 0 ? "\r\n" : "\n"
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
