/// Why a JSON text could not be read, with the byte offset where reading stopped.
struct JSONSyntaxError: Error, Equatable {
    var message: String
    var offset: Int
}

/// A small strict JSON reader over UTF-8 bytes (RFC 8259). Strings are built as bytes; with
/// `surrogateEscape`, a lone `\udc80`…`\udcff` becomes the raw byte it stands for — that is how
/// Python's `surrogateescape` writes an undecodable byte, e.g. half of a UTF-8 character split
/// across two socket reads in a capture.
struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0
    private let surrogateEscape: Bool

    init(_ bytes: [UInt8], surrogateEscape: Bool = false) {
        self.bytes = bytes
        self.surrogateEscape = surrogateEscape
    }

    static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var p = JSONParser(Array(text.utf8))
        return try p.parseDocument()
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        let v = try parseValue(depth: 0)
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the JSON value") }
        return v
    }

    /// Reads one object, handing each member's key to `member`, which reads the value itself
    /// (with `parseValue` or `parseStringBytes`).
    mutating func parseObject(member: (String, inout JSONParser) throws(JSONSyntaxError) -> Void)
        throws(JSONSyntaxError)
    {
        skipSpace()
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                let key = String(decoding: try parseStringBytes(), as: UTF8.self)
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                try member(key, &self)
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        skipSpace()
        guard i == bytes.count else { throw fail("unexpected text after the JSON value") }
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < 512 else { throw fail("nested too deeply") }
        skipSpace()
        guard let c = peek() else { throw fail("unexpected end of line") }
        switch c {
        case UInt8(ascii: "{"):
            i += 1
            var members: [JSONValue.Member] = []
            skipSpace()
            if peek() == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else {
                    throw fail(peek() == nil ? "unexpected end of line" : "expected a key")
                }
                let key = String(decoding: try parseStringBytes(), as: UTF8.self)
                skipSpace()
                try expect(UInt8(ascii: ":"))
                members.append(.init(key, try parseValue(depth: depth + 1)))
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return .object(members)
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return .array(items)
            }
        case UInt8(ascii: "\""):
            return .string(String(decoding: try parseStringBytes(), as: UTF8.self))
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return .number(try parseNumber())
        }
    }

    mutating func parseStringBytes() throws(JSONSyntaxError) -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw fail("unexpected end of line inside a string") }
            i += 1
            switch c {
            case UInt8(ascii: "\""):
                return out
            case UInt8(ascii: "\\"):
                guard let e = peek() else { throw fail("unexpected end of line inside a string") }
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), peek() == UInt8(ascii: "\\"),
                        i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u")
                    {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                        }
                    }
                    if surrogateEscape, (0xDC80...0xDCFF).contains(scalar) {
                        out.append(UInt8(scalar - 0xDC00))
                    } else {
                        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    }
                default:
                    i -= 1
                    throw fail("unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
            default:
                guard c >= 0x20 else {
                    i -= 1
                    throw fail("control character inside a string")
                }
                out.append(c)
            }
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("unexpected end of line in a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("bad \\u escape")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = i
        if peek() == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            i += 1
            digits += 1
        }
        guard digits > 0 else {
            i = start
            throw fail(peek() == nil ? "unexpected end of line" : "unexpected character")
        }
        if peek() == UInt8(ascii: ".") {
            i += 1
            var frac = 0
            while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                i += 1
                frac += 1
            }
            guard frac > 0 else { throw fail(peek() == nil ? "unexpected end of line" : "bad number") }
        }
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            i += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i += 1 }
            var exp = 0
            while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                i += 1
                exp += 1
            }
            guard exp > 0 else { throw fail(peek() == nil ? "unexpected end of line" : "bad number") }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let v = Double(text) else { throw fail("bad number \(text)") }
        return v
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let w = word.withUTF8Buffer { Array($0) }
        for b in w {
            guard let c = peek() else { throw fail("unexpected end of line") }
            guard c == b else { throw fail("unexpected character") }
            i += 1
        }
    }

    private mutating func expect(_ b: UInt8) throws(JSONSyntaxError) {
        guard let c = peek() else { throw fail("unexpected end of line") }
        guard c == b else { throw fail("expected '\(Character(Unicode.Scalar(b)))'") }
        i += 1
    }

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let c = peek(), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
    }

    private func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, offset: i) }
}
