import Foundation

/// The tokenizer a simulated pane cuts its answer with: a model's own (`TokenizerFile`), so the pane
/// streams that model's token pieces at its rate and shows what the rate means as text. Two are the
/// same when they come from the same file.
public struct PaneTokenizer: Sendable, Equatable {
    /// Short name for a pane's title: the file's name without its extension (a model folder's name
    /// for the tokenizer.json inside it).
    public let label: String
    /// The file as given.
    public let path: String
    public let counter: any TokenCounter

    public init(label: String, path: String, counter: any TokenCounter) {
        self.label = label
        self.path = path
        self.counter = counter
    }

    /// Loads the tokenizer in `path`; errors name the file and what is wrong with it.
    public static func load(path: String) throws -> PaneTokenizer {
        let counter = try TokenizerFile.load(path: path)
        return PaneTokenizer(label: label(path: path), path: path, counter: counter)
    }

    static func label(path: String) -> String {
        var url = URL(fileURLWithPath: path)
        if url.lastPathComponent == "tokenizer.json" { url.deleteLastPathComponent() }
        let name = url.deletingPathExtension().lastPathComponent
        return name.isEmpty ? url.lastPathComponent : name
    }

    public static func == (a: PaneTokenizer, b: PaneTokenizer) -> Bool { a.path == b.path }
}

extension Sample {
    /// The tokens a simulated pane streams: the built-in estimate's pieces without a tokenizer, else
    /// the tokenizer's. A piece the tokenizer spends several tokens on (a character made of several
    /// byte tokens) is shown with its first token, and the tokens after it carry no text, so the
    /// stream spends as many token times on it as the model does. A sample made from a trace plays the
    /// trace's own pieces whatever the tokenizer.
    public func tokens(using tokenizer: PaneTokenizer?) -> [Token] {
        guard let tokenizer, pieces == nil else { return tokens() }
        return tokens(cutBy: tokenizer.counter)
    }

    /// Prompt size in this tokenizer's tokens (a trace's recorded count when it has one).
    public func promptTokenCount(using tokenizer: PaneTokenizer?) -> Int {
        guard let tokenizer, recordedPromptTokens == nil else { return promptTokenCount }
        return tokenizer.counter.count(prompt)
    }
}
