import Testing
import TokenPaceCore

@testable import TokenPaceServe

@Suite struct ServePlanTests {
    func request(_ prompt: String, max: Int? = nil) -> ChatRequest {
        ChatRequest(model: nil, prompt: prompt, stream: true, includeUsage: false, maxTokens: max, think: nil)
    }

    @Test func tokenChunksAreOpenAIChunksWithTheTokenAsJSON() throws {
        let wire = OpenAIWire(id: "chatcmpl-x", created: 1_700_000_000, model: "m \"q\"")
        for token in [Token("a \"b\"\n\\ 🚀\u{1}"), Token("thinking…", kind: .reasoning), Token("")] {
            let chunk = wire.tokenChunk(token)
            #expect(chunk.hasPrefix("data: {") && chunk.hasSuffix("}\n\n"))
            let json = try JSONValue.parse(String(chunk.dropFirst(6).dropLast(2)))
            #expect(json["id"]?.string == "chatcmpl-x")
            #expect(json["model"]?.string == "m \"q\"")
            #expect(json["object"]?.string == "chat.completion.chunk")
            let choice = json["choices"]?.array?.first
            let key = token.kind == .reasoning ? "reasoning_content" : "content"
            #expect(choice?["delta"]?[key]?.string == token.text)
            #expect(choice?["delta"]?.members?.count == 1)
            #expect(choice?["finish_reason"] == .null)
        }
    }

    @Test func prefillRateSetsTTFTFromThePrompt() {
        var options = ServeHarness.options()
        options.pacing = .profile(Profile(rate: 20, firstToken: .prefill(rate: 100, overhead: 0)), seed: 1)
        options.promptCounter = { _ in 250 }
        let plan = StreamPlan.make(options: options, request: request("long"), reasoning: true)
        #expect(plan.promptTokens == 250)
        #expect(abs(plan.ttft! - 2.5) < 1e-12)
        #expect(abs(plan.rate! - 20) < 1e-9)
    }

    @Test func timesComeFromTheCoreSchedule() {
        let options = ServeHarness.options(rate: 21, ttft: 0.5)
        let plan = StreamPlan.make(options: options, request: request("x"), reasoning: true)
        let schedule = Schedule.make(
            profile: Profile(rate: 21, firstToken: .fixed(0.5)), tokens: ServeHarness.tokens, promptTokens: 1, seed: 1)
        #expect(plan.times == schedule.times)
    }

    @Test func reasoningOffAndMaxTokens() {
        let options = ServeHarness.options()
        let plan = StreamPlan.make(options: options, request: request("x", max: 2), reasoning: false)
        #expect(plan.tokens.map(\.text) == ["Hello", ","])
        #expect(plan.finishReason == "length")
    }

    /// The start line's promise: with reasoning off (the default) the first content token comes at
    /// the TTFT asked for; with it on, after the thinking.
    @Test func firstContentTokenTime() {
        var options = ServeOptions(pacing: .profile(Profile(rate: 21, firstToken: .fixed(0.5)), seed: 1))
        #expect(!options.reasoning)
        #expect(options.firstContentTime() == 0.5)
        #expect(options.firstContentSummary.hasPrefix("first content token at 500.0 ms ("))
        #expect(options.firstContentSummary.contains("reasoning tokens not sent; --reasoning on sends them first"))
        options.reasoning = true
        let thinking = ServeOptions.builtinAnswer.filter { $0.kind == .reasoning }.count
        let schedule = Schedule.make(
            profile: Profile(rate: 21, firstToken: .fixed(0.5)), tokens: ServeOptions.builtinAnswer, promptTokens: 0,
            seed: 1)
        #expect(options.firstContentTime() == schedule.times[thinking])
        #expect(options.firstContentTime()! > 1)
        #expect(options.firstContentSummary.contains("after \(thinking) reasoning tokens"))

        options.reasoning = false
        options.pacing = .profile(Profile(rate: 21, firstToken: .prefill(rate: 1000, overhead: 0.3)), seed: 1)
        #expect(abs(options.firstContentTime(promptTokens: 2000)! - 2.3) < 1e-9)
        #expect(options.firstContentSummary.hasPrefix("first content token at 300.0 ms + prompt ÷ 1000 tok/s"))
        options.tokens = [Token("hm", kind: .reasoning)]
        #expect(options.firstContentTime() == nil)
        #expect(options.firstContentSummary == "no content tokens to send")
    }

    @Test func traceTimesAreKeptPerToken() {
        var options = ServeHarness.options()
        options.pacing = .times([0.1, 0.2, 0.3, 1.0, 1.1, 1.2, 1.3, 1.4])
        let plan = StreamPlan.make(options: options, request: request("x"), reasoning: false)
        #expect(plan.times == [1.0, 1.1, 1.2, 1.3, 1.4])
    }

    @Test func promptEstimate() {
        #expect(PromptEstimate.count("") == 0)
        #expect(PromptEstimate.count("Say hi") == 2)
        #expect(PromptEstimate.count("internationalization, ok?") == 8)
    }

    @Test func logLineNamesThePace() {
        let t = ContinuousClock.now
        let r = ServeRecord(
            client: "127.0.0.1:5000", method: "POST", path: "/v1/chat/completions", status: 200, stream: true,
            promptTokens: 12, plannedTokens: 40, sentTokens: 40, completed: true, ttft: 0.5, rate: 21, started: t,
            ended: t + .milliseconds(2357))
        let want =
            "127.0.0.1:5000 POST /v1/chat/completions 200  stream  rate 21.0 tok/s  ttft 0.500s  prompt 12 tok  sent 40 tok  in 2.357s"
        let line = r.logLine
        #expect(line == want)
    }
}
