/// The kind of job a person is waiting on. Each has its own "first useful signal".
public enum TaskKind: String, Sendable, Codable, CaseIterable, Hashable {
    case chat, code, reasoning, summarize, agent
    /// A queue of independent requests worked through a few at a time (a nightly pipeline): nobody
    /// watches one answer; the queue, its ETA and its bill are what matter.
    case batch

    /// Human wording of what counts as the first useful output for this task (DESIGN §2).
    public var usefulSignalName: String {
        switch self {
        case .chat, .reasoning: return "first answer token"
        case .code: return "first full line of code"
        case .summarize: return "first full sentence"
        case .agent: return "first tool call"
        case .batch: return "first finished item"
        }
    }

    public func next() -> TaskKind {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public func previous() -> TaskKind {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + all.count - 1) % all.count]
    }
}
