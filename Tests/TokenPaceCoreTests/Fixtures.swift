import TokenPaceCore

/// Small answers built in code so core tests do not depend on the sample files.
enum Fixtures {
    static func tokens(_ n: Int, kind: TokenKind = .answer) -> [Token] {
        (0..<n).map { Token(" w\($0)", kind: kind) }
    }

    static let chat = Sample(
        id: "fixture-chat", title: "Fixture chat", task: .chat, prompt: "Plan my weekend please",
        segments: [
            .init(kind: .reasoning, text: "The user wants a plan."),
            .init(kind: .answer, text: "Saturday: hike early. Sunday: rest and cook."),
        ])

    static let code = Sample(
        id: "fixture-code", title: "Fixture code", task: .code, prompt: "Write hello",
        segments: [.init(kind: .answer, text: "Here:\n```swift\nprint(\"hi\")\n```\n")])

    static let agent = Sample(
        id: "fixture-agent", title: "Fixture agent", task: .agent, prompt: "Find the bug",
        segments: [
            .init(kind: .toolCall, text: "grep(\"bug\")", step: 0),
            .init(kind: .toolResult, text: "main.swift:3 bug here", step: 0, toolLatency: 1.5),
            .init(kind: .answer, text: "Fixed it.", step: 1),
        ])
}
