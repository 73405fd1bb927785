import ArgumentParser
import Foundation
import TokenPaceCore

/// `tokenpace tokens`: token counts of text files with the user's own model's tokenizer, and what a
/// token is worth in characters and words — "21 tok/s" is a different amount of text per model family
/// and per language.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Count the tokens of text files with a model's own tokenizer, or the built-in estimate.",
        discussion: """
            A token is a different amount of text for every model family and every language: with SmolLM2, 21 tok/s is about 17 words a second of English prose, 8 of German, and 12 characters a second of Japanese. Give the tokenizer of the model you run to see what its speed means.

            Examples:
              tokenpace tokens notes.md --tokenizer ~/models/qwen2.5-7b-q4_k_m.gguf
              tokenpace tokens prompt.txt --tokenizer ./Llama-3.1-8B-Instruct/
              tokenpace tokens README.md --tokenizer cl100k_base.tiktoken --show
              git diff | tokenpace tokens -

            Tokenizer files (read from disk, no network):
              GGUF model: only its tokenizer.ggml.* metadata is read, never the weights. Byte-level BPE models (tokenizer.ggml.model gpt2: GPT-2, Llama 3, Qwen2, SmolLM, StarCoder… pre-tokenizers) and SentencePiece models (llama).
              tokenizer.json: Hugging Face byte-level BPE, or a model folder that holds one.
              .tiktoken: OpenAI rank files cl100k_base, o200k_base, r50k_base, p50k_base, told apart by the file name.
            Without --tokenizer the built-in estimate counts: SmolLM2-like byte-level BPE without a vocabulary, within about 10% of SmolLM2 on English, code, CJK and European languages.

            Per file: tokens (no BOS/EOS added; a special token written in the text, such as <|im_start|>, is one token where the model's tokenizer makes it one), characters/token (characters as a reader counts them) and words/token (runs of letters or digits). Text mostly in a script without spaces between words (Chinese, Japanese, Thai) has no words/token: read characters/token. — marks a figure that cannot be computed.

            --show prints the text cut into its tokens: alternating colours on a terminal, | between tokens otherwise; ↵ marks a newline inside a token. A character spread over several byte tokens (an emoji, a rare kanji) is one piece.
            """)

    @Argument(help: ArgumentHelp("Text files to count ('-' reads standard input).", valueName: "file"))
    var files: [String]

    @Option(
        help: ArgumentHelp(
            "The model's tokenizer: a GGUF model file, a tokenizer.json or its folder, or a .tiktoken rank file.",
            valueName: "path"))
    var tokenizer: String?

    @Flag(help: "Also print each text cut into its tokens.")
    var show = false

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run() throws {
        let counter: any TokenCounter = try tokenizer.map { try TokenizerFile.load(path: $0) } ?? BuiltinTokenCounter()
        let texts = try files.map { (file: $0, text: try read($0)) }
        print("tokenizer: \(counter.name)")
        let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var total = 0
        for (file, text) in texts {
            let report = TokenReport(text: text, tokens: counter.count(text))
            total += report.tokens
            print("\(file == "-" ? "(stdin)" : file): \(report.summary)")
            if show {
                print(TokenReport.render(counter.pieces(text), colour: colour))
                print()
            }
        }
        if files.count > 1 { print("total: \(total) tokens") }
    }

    func read(_ file: String) throws -> String {
        let data: Data?
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                throw Failure(description: "\(file): no such file")
            }
            guard !isDirectory.boolValue else { throw Failure(description: "\(file): is a folder, not a text file") }
            data = FileManager.default.contents(atPath: file)
        }
        guard let data else { throw Failure(description: "\(file): cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure(description: "\(file): not UTF-8 text")
        }
        return text
    }
}
