import TokenPaceCore

extension Fixtures {
    /// A second chat answer, so sessions have samples to cycle through.
    static let chat2 = Sample(
        id: "fixture-chat-2", title: "Fixture chat two", task: .chat, prompt: "Name a river",
        segments: [.init(kind: .answer, text: "The Danube flows through many countries and ends in the Black Sea.")])
}
