/// GPT-2's byte-to-character alphabet: byte-level vocabularies (GGUF `gpt2`, tokenizer.json ByteLevel)
/// write every byte as a printable character (`Ġ` is a space, `Ċ` a newline). Decoding a token's text
/// gives the bytes it stands for.
enum ByteLevelAlphabet {
    /// Byte for each character value below 0x144, -1 where the character is not in the alphabet.
    static let byteOfScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 0x144)
        var extra = 0
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            if printable {
                table[b] = Int16(b)
            } else {
                table[256 + extra] = Int16(b)
                extra += 1
            }
        }
        return table
    }()

    /// The bytes `text` (UTF-8, in the alphabet) stands for, appended to `out`; false when a character
    /// is not in the alphabet (then `out` is left as it was).
    static func decode<C: Collection>(_ text: C, into out: inout [UInt8]) -> Bool where C.Element == UInt8 {
        let mark = out.count
        var it = text.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                let v = Int(s.value)
                guard v < byteOfScalar.count, byteOfScalar[v] >= 0 else {
                    out.removeSubrange(mark...)
                    return false
                }
                out.append(UInt8(byteOfScalar[v]))
            case .emptyInput:
                return true
            case .error:
                out.removeSubrange(mark...)
                return false
            }
        }
    }
}
