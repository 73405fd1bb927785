/// A recorded answer to play back: what the panes stream when they are simulated.
///
/// Samples are files in `Samples/` (format in `Samples/README.md`) so users can add their own.
public struct Sample: Sendable, Equatable {
    /// One run of text of a single kind. Agent samples alternate tool calls and tool results;
    /// `toolLatency` on a tool result says how long the tool ran (seconds).
    public struct Segment: Sendable, Equatable {
        public var kind: TokenKind
        public var text: String
        public var step: Int
        public var toolLatency: Double?

        public init(kind: TokenKind, text: String, step: Int = 0, toolLatency: Double? = nil) {
            self.kind = kind
            self.text = text
            self.step = step
            self.toolLatency = toolLatency
        }
    }

    /// One request of a batch sample: the item's own input (sent after the sample's shared
    /// instruction) and the model's answer to it.
    public struct Item: Sendable, Equatable {
        public var input: String
        public var answer: String
        /// The line of the item's `::: item` marker, for errors.
        public var line: Int

        public init(input: String, answer: String, line: Int = 0) {
            self.input = input
            self.answer = answer
            self.line = line
        }
    }

    /// Token counts from a real BPE tokenizer, kept in the file to check the heuristic tokenizer.
    public struct Calibration: Sendable, Equatable {
        public var tokenizer: String
        public var promptTokens: Int
        public var answerTokens: Int

        public init(tokenizer: String, promptTokens: Int, answerTokens: Int) {
            self.tokenizer = tokenizer
            self.promptTokens = promptTokens
            self.answerTokens = answerTokens
        }
    }

    public var id: String
    public var title: String
    public var task: TaskKind
    public var prompt: String
    public var segments: [Segment]
    public var calibration: Calibration?
    /// Chance that a speculative draft token is accepted for this text, when it differs from the
    /// task's usual one (creative prose accepts few drafts).
    public var draftAcceptance: Double?
    /// Where the sample was read from ("builtin" for compiled-in fallbacks).
    public var source: String
    /// The answer as a trace streamed it, piece by piece: simulated panes play these same pieces
    /// instead of splitting the text again, so they stream as many tokens as the trace.
    public var pieces: [Token]?
    /// The prompt's length as a trace recorded it (`prompt_tokens`), instead of the estimate.
    public var recordedPromptTokens: Int?
    /// A short first stage (`::: outline`): what a staged presentation writes before the full answer.
    public var outline: String?
    /// A batch sample's queue (`::: item` … `::: answer` pairs); empty for other tasks. The sample's
    /// `prompt` is the instruction every item's request starts with, and its `segments` are the
    /// first item's answer.
    public var items: [Item] = []

    /// The request of batch item `index`: the shared instruction, a blank line, the item's input.
    public func itemPrompt(_ index: Int) -> String {
        let input = items[index].input
        return prompt.isEmpty ? input : prompt + "\n\n" + input
    }

    public init(
        id: String, title: String, task: TaskKind, prompt: String, segments: [Segment],
        calibration: Calibration? = nil, draftAcceptance: Double? = nil, source: String = "builtin"
    ) {
        self.id = id
        self.title = title
        self.task = task
        self.prompt = prompt
        self.segments = segments
        self.calibration = calibration
        self.draftAcceptance = draftAcceptance
        self.source = source
    }
}
