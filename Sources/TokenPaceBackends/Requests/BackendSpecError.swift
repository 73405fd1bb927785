import TokenPaceWire

/// Why a pane spec typed by the user could not be understood; worded to show the fix.
public struct BackendSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public var spec: String
    public var problem: String

    public init(spec: String, problem: String) {
        self.spec = spec
        self.problem = problem
    }

    public var description: String {
        "invalid backend '\(spec)': \(problem). Expected KIND:MODEL or KIND:URL[@MODEL] with KIND one of "
            + BackendKind.allCases.map(\.rawValue).joined(separator: ", ")
            + " (e.g. openai:http://127.0.0.1:8080/v1@qwen3, ollama:llama3.2, anthropic:claude-sonnet-4-5, llamacpp:http://127.0.0.1:8080, llamacpp:http://127.0.0.1:8080@raw)"
    }
}
