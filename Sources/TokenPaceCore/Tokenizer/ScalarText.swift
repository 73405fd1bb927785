/// Text as Unicode scalars with their byte offsets and the character classes the pre-tokenizer rules
/// ask about, decoded once so that every rule is a plain index walk (no `Character`, no regex).
struct ScalarText {
    /// Classes of one scalar, as bits.
    struct Flags: OptionSet {
        let rawValue: UInt8
        static let letter = Flags(rawValue: 1)  // \p{L}
        static let number = Flags(rawValue: 2)  // \p{N}
        static let whitespace = Flags(rawValue: 4)  // \s (Unicode White_Space)
        static let newline = Flags(rawValue: 8)  // \r or \n
        static let mark = Flags(rawValue: 16)  // \p{M}
        /// \p{Lu}, \p{Lt}, \p{Lm}, \p{Lo} or \p{M}: may start an o200k word ("upper" side).
        static let upperSide = Flags(rawValue: 32)
        /// \p{Ll}, \p{Lm}, \p{Lo} or \p{M}: may continue an o200k word ("lower" side).
        static let lowerSide = Flags(rawValue: 64)
    }

    /// The scalars' values.
    var scalars: [UInt32] = []
    /// Byte offset of each scalar in the UTF-8 text, plus the text's length at the end.
    var offsets: [Int] = []
    var flags: [Flags] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        flags.reserveCapacity(bytes.count)
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = UInt32(bytes[i])
            var v = b0
            var len = 1
            if b0 >= 0xF0, i + 3 < n {
                v =
                    (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                len = 4
            } else if b0 >= 0xE0, i + 2 < n {
                v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                len = 3
            } else if b0 >= 0xC0, i + 1 < n {
                v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                len = 2
            }
            scalars.append(v)
            offsets.append(i)
            flags.append(ScalarText.flags(of: v))
            i += len
        }
        offsets.append(n)
    }

    var count: Int { scalars.count }

    static let asciiFlags: [Flags] = (0..<128).map { v in
        switch UInt8(v) {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return [.whitespace, .newline]
        case 0x09, 0x0B, 0x0C, 0x20: return .whitespace
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return [.letter, .lowerSide]
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return [.letter, .upperSide]
        default: return []
        }
    }

    static func flags(of v: UInt32) -> Flags {
        if v < 128 { return asciiFlags[Int(v)] }
        guard let scalar = Unicode.Scalar(v) else { return [] }
        let p = scalar.properties
        var f: Flags = p.isWhitespace ? .whitespace : []
        switch p.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: f.formUnion([.letter, .upperSide])
        case .lowercaseLetter: f.formUnion([.letter, .lowerSide])
        case .modifierLetter, .otherLetter: f.formUnion([.letter, .upperSide, .lowerSide])
        case .nonspacingMark, .spacingMark, .enclosingMark: f.formUnion([.mark, .upperSide, .lowerSide])
        case .decimalNumber, .letterNumber, .otherNumber: f.insert(.number)
        default: break
        }
        return f
    }
}
