/// Where in a token list the milestones a person waits for fall. They depend on the text only, not
/// on time. Built by appending tokens one at a time — a live pane's answer grows a token at a time,
/// and each token costs only its own text — so the figures after n tokens are those of the first n.
public struct Milestones: Sendable {
    /// First token of any kind (index 0 when there are tokens).
    public private(set) var firstToken: Int?
    /// First answer token (after any reasoning).
    public private(set) var firstAnswer: Int?
    /// The token that completes the task's first useful output (DESIGN §2).
    public var useful: Int? { marked ?? scan.index(firstAnswer: firstAnswer) }
    /// Set from outside the text: a batch's first finished item ends at this token.
    private var marked: Int?
    /// Tokens the model generated (tool results excluded).
    public private(set) var generatedCount = 0
    /// Tokens appended so far.
    public private(set) var count = 0
    private var scan: UsefulScan

    public init(task: TaskKind) {
        scan = UsefulScan(task: task)
    }

    public init(tokens: [Token], task: TaskKind) {
        self.init(task: task)
        for t in tokens { append(t) }
    }

    /// Takes the next token of the answer into account: O(its text), whatever came before.
    public mutating func append(_ token: Token) {
        let i = count
        count += 1
        if firstToken == nil { firstToken = i }
        if firstAnswer == nil, token.kind == .answer { firstAnswer = i }
        if token.kind.isGenerated { generatedCount += 1 }
        scan.append(token, at: i)
    }

    /// A batch's first useful output is its first finished item: the token it ended with.
    public mutating func markUseful(_ index: Int) {
        if marked == nil { marked = index }
    }

    /// chat/reasoning: first answer token; code: the token ending the first full line inside a code
    /// block (or of the answer when it has no fence); summarize: the token ending the first sentence
    /// or bullet; agent: the token that completes the first tool call (the tool can start then).
    public static func usefulIndex(tokens: [Token], task: TaskKind) -> Int? {
        Milestones(tokens: tokens, task: task).useful
    }
}

extension Milestones: Equatable {
    /// The same figures (how they were reached does not matter).
    public static func == (a: Milestones, b: Milestones) -> Bool {
        a.firstToken == b.firstToken && a.firstAnswer == b.firstAnswer && a.useful == b.useful
            && a.generatedCount == b.generatedCount && a.count == b.count
    }
}
