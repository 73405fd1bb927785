/// Splits newline-delimited JSON (Ollama's `application/x-ndjson`) into complete lines.
///
/// Bytes are held until a line is complete, so a UTF-8 character split across reads stays whole.
public struct LineSplitter: Sendable {
    private var line: [UInt8] = []

    public init() {}

    /// Consumes the next piece of the stream and returns the non-blank lines it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        for byte in bytes {
            if byte == 0x0A {
                if let l = take() { lines.append(l) }
            } else {
                line.append(byte)
            }
        }
        return lines
    }

    /// The last line when the stream ended without a newline after it.
    public mutating func finish() -> String? { take() }

    private mutating func take() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.last == 0x0D { line.removeLast() }
        let text = String(decoding: line, as: UTF8.self)
        return text.allSatisfy(\.isWhitespace) ? nil : text
    }
}
