/// Splits newline-delimited JSON (Ollama's `application/x-ndjson`) into complete lines.
///
/// Bytes are held until a line is complete, so a UTF-8 character split across reads stays whole.
/// Each piece is scanned in place; only a line cut by the end of a piece is copied.
public struct LineSplitter: Sendable {
    private var line: [UInt8] = []

    public init() {}

    /// Consumes the next piece of the stream and returns the non-blank lines it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var lines: [String] = []
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed($0, into: &lines) }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { feed($0, into: &lines) }
        }
        return lines
    }

    /// The last line when the stream ended without a newline after it.
    public mutating func finish() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        return line.withUnsafeBufferPointer { Self.text($0[...]) }
    }

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into lines: inout [String]) {
        var i = 0
        while i < bytes.count {
            guard let j = bytes[i...].firstIndex(of: 0x0A) else {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...]))
                return
            }
            let text: String?
            if line.isEmpty {
                text = Self.text(bytes[i..<j])
            } else {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                text = line.withUnsafeBufferPointer { Self.text($0[...]) }
                line.removeAll(keepingCapacity: true)
            }
            if let text { lines.append(text) }
            i = j + 1
        }
    }

    /// One line without its CR, or nil when it is blank.
    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        var bytes = bytes
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        return text.allSatisfy(\.isWhitespace) ? nil : text
    }
}
