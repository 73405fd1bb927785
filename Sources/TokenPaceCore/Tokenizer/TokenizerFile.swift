import Foundation

/// Loads the exact tokenizer of a model from a file the user already has — no network: a GGUF model
/// (only its metadata is read), a Hugging Face `tokenizer.json` (or a model folder holding one), or an
/// OpenAI tiktoken rank file. The kind is told by the file's contents, not its name.
public enum TokenizerFile {
    public static let supportedKinds =
        "a GGUF model (tokenizer.ggml.model gpt2 or llama), a Hugging Face tokenizer.json (byte-level BPE) "
        + "or a tiktoken rank file (cl100k_base.tiktoken, o200k_base.tiktoken)"

    public static func load(path: String) throws -> any VocabularyTokenizer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TokenizerFileError(path: path, "no such file")
        }
        if isDirectory.boolValue {
            let inner = (path as NSString).appendingPathComponent("tokenizer.json")
            guard FileManager.default.fileExists(atPath: inner) else {
                throw TokenizerFileError(path: path, "is a folder without a tokenizer.json; give \(supportedKinds)")
            }
            return try load(path: inner)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TokenizerFileError(path: path, "cannot be opened for reading")
        }
        let head = handle.readData(ofLength: 64)
        try? handle.close()
        if head.starts(with: Array("GGUF".utf8)) { return try GGUFTokenizer.load(path: path) }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw TokenizerFileError(path: path, "cannot be read")
        }
        let firstByte = contents.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if firstByte == UInt8(ascii: "{") { return try HuggingFaceTokenizerFile.load(path: path, contents: contents) }
        if looksLikeTiktoken(contents) { return try TiktokenFile.load(path: path, contents: Array(contents)) }
        throw TokenizerFileError(path: path, "is not a tokenizer file; expected \(supportedKinds)")
    }

    /// First line is base64, a space and a number.
    static func looksLikeTiktoken(_ contents: Data) -> Bool {
        let line = contents.prefix(512).split(separator: 0x0A, maxSplits: 1).first ?? Data()
        let fields = line.split(separator: 0x20)
        guard fields.count == 2, !fields[0].isEmpty else { return false }
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        return fields[0].allSatisfy(base64.contains)
            && TiktokenFile.parseRank(ArraySlice(fields[1].filter { $0 != 0x0D })) != nil
    }
}
