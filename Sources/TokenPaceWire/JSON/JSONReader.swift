import TokenPaceCore

/// Why `JSONReader` stopped: the text is not JSON, or not the shape the decoder asked for.
struct JSONReadError: Error, Equatable, CustomStringConvertible {
    var message: String
    /// Byte offset in the text where reading stopped.
    var offset: Int

    var description: String { "\(message) at byte \(offset)" }
}

/// A strict pull reader over the UTF-8 bytes of one JSON text: how every stream decoder reads its
/// payloads, live or from a capture.
///
/// It reads only what a decoder asks for (`object(_:_:)`, `string()`, `int()`...) and skips the
/// rest while still checking it is JSON (RFC 8259: no trailing commas, no leading zeros, only the
/// escapes JSON defines, surrogate pairs paired). Strings without escapes become a `String`
/// straight from the input bytes; nothing else is allocated. Free-form parts (error objects, tool
/// arguments, the usage and timings objects a trace keeps as sent) are read whole as a `JSONValue`
/// with `value()`.
///
/// Keys match exactly (escaped keys are decoded first). A key given twice is read twice, so the
/// last one wins, as in `JSONValue`'s subscript. A number read as an integer must be whole
/// (`24`, `24.0`, `2.4e1`), as `JSONValue.int` reads it.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    /// Set by `object`/`array` openings: the next member or element is the first one.
    private var first = false
    static let maxDepth = 256

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Reads one JSON text with `body` and checks that only whitespace follows what it read.
    static func read<T>(_ text: String, _ body: (inout JSONReader) throws(JSONReadError) -> T)
        throws(JSONReadError) -> T
    {
        var text = text
        let result = text.withUTF8 { utf8 -> Result<T, JSONReadError> in
            var reader = JSONReader(utf8)
            return Result { () throws(JSONReadError) -> T in
                let value = try body(&reader)
                try reader.end()
                return value
            }
        }
        return try result.get()
    }

    /// Only whitespace may follow the value.
    mutating func end() throws(JSONReadError) {
        skipSpace()
        guard offset == bytes.count else { throw fail("unexpected text after the JSON value") }
    }

    // MARK: Structure

    /// Reads an object, or `null` (returns false). `member` gets the index in `keys` of each member
    /// the caller wants, and must read its value; other members are checked and skipped.
    mutating func object(
        _ keys: JSONKeys, _ member: (Int, inout JSONReader) throws(JSONReadError) -> Void
    ) throws(JSONReadError) -> Bool {
        guard try beginObject() else { return false }
        while let key = try nextKey() {
            if let k = keys.index(of: key) {
                try member(k, &self)
            } else {
                try skipValue()
            }
        }
        return true
    }

    /// Reads an array, or `null` (returns nil), each element with `element`.
    mutating func array<T>(_ element: (inout JSONReader) throws(JSONReadError) -> T) throws(JSONReadError) -> [T]? {
        guard try beginArray() else { return nil }
        var out: [T] = []
        while try nextElement() { out.append(try element(&self)) }
        return out
    }

    /// Consumes `{` (true) or `null` (false); anything else is the wrong type.
    mutating func beginObject() throws(JSONReadError) -> Bool {
        try begin(UInt8(ascii: "{"), orFail: "expected an object")
    }

    /// A member's key: its bytes in the text, or decoded when it has escapes (servers never send
    /// those, but `"\u0063ontent"` is still `content`).
    enum Key {
        case raw(UnsafeBufferPointer<UInt8>)
        case decoded(String)

        var text: String {
            switch self {
            case .raw(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .decoded(let s): return s
            }
        }
    }

    /// The next member's key (its `:` consumed), or nil after the closing `}`.
    mutating func nextKey() throws(JSONReadError) -> Key? {
        guard try nextMember(closedBy: UInt8(ascii: "}"), in: "an object") else { return nil }
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        offset += 1
        let start = offset
        var key: Key?
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                key = .raw(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
                offset += 1
                break
            }
            if c == UInt8(ascii: "\\") {
                key = .decoded(try escapedString(from: start))
                break
            }
            if c < 0x20 { throw fail("control character in a key") }
            offset += 1
        }
        guard let key else { throw fail("unterminated key") }
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw fail("expected : after a key") }
        offset += 1
        return key
    }

    /// Consumes `[` (true) or `null` (false); anything else is the wrong type.
    mutating func beginArray() throws(JSONReadError) -> Bool {
        try begin(UInt8(ascii: "["), orFail: "expected an array")
    }

    /// Whether another element follows (positioned at it), false after the closing `]`.
    mutating func nextElement() throws(JSONReadError) -> Bool {
        try nextMember(closedBy: UInt8(ascii: "]"), in: "an array")
    }

    /// `{` or `[` (true, `first` set) or `null` (false) for `beginObject` and `beginArray`.
    private mutating func begin(_ open: UInt8, orFail expected: String) throws(JSONReadError) -> Bool {
        switch try peekValue() {
        case open:
            offset += 1
            first = true
            return true
        case UInt8(ascii: "n"):
            try literal("null")
            return false
        default: throw fail(expected)
        }
    }

    /// Steps over the `,` before the next member of an object or array (none before the first);
    /// false after the closing byte.
    private mutating func nextMember(closedBy close: UInt8, in container: String) throws(JSONReadError) -> Bool {
        skipSpace()
        guard offset < bytes.count else { throw fail("unexpected end of text in \(container)") }
        if bytes[offset] == close {
            offset += 1
            first = false
            return false
        }
        if first {
            first = false
        } else {
            guard bytes[offset] == UInt8(ascii: ",") else {
                throw fail("expected , or \(Character(Unicode.Scalar(close))) in \(container)")
            }
            offset += 1
        }
        return true
    }

    // MARK: Scalars (`null` reads as nil)

    mutating func string() throws(JSONReadError) -> String? {
        switch try peekValue() {
        case UInt8(ascii: "\""): break
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: throw fail("expected a string")
        }
        offset += 1
        let start = offset
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw fail("control character in a string") }
            offset += 1
        }
        throw fail("unterminated string")
    }

    /// A whole number that fits an `Int`: an integer literal, or a number with a fraction or an
    /// exponent whose value is whole (read as `JSONValue.int` reads it).
    mutating func int() throws(JSONReadError) -> Int? {
        if try isNull() { return nil }
        let start = offset
        let range = try number()
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value = 0
        while i < range.upperBound {
            let digit = Int(bytes[i] &- UInt8(ascii: "0"))
            guard digit < 10 else {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                guard let whole = JSONValue.number(Double(text) ?? .nan).int else {
                    offset = start
                    throw fail("not a whole number")
                }
                return whole
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (v, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            guard !o1, !o2 else {
                offset = start
                throw fail("integer out of range")
            }
            value = v
            i += 1
        }
        return value
    }

    mutating func double() throws(JSONReadError) -> Double? {
        if try isNull() { return nil }
        let start = offset
        let range = try number()
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            offset = start
            throw fail("number out of range")
        }
        return value
    }

    mutating func bool() throws(JSONReadError) -> Bool? {
        switch try peekValue() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: throw fail("expected true or false")
        }
    }

    /// Consumes a `null`; any other value throws (`why` says what was expected).
    mutating func null(else why: String) throws(JSONReadError) {
        guard try isNull() else { throw fail(why) }
    }

    /// Consumes `null` if it is next.
    mutating func isNull() throws(JSONReadError) -> Bool {
        guard try peekValue() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Checks and skips any one value.
    mutating func skipValue(depth: Int = 0) throws(JSONReadError) {
        guard depth < Self.maxDepth else { throw fail("nested too deeply") }
        switch try peekValue() {
        case UInt8(ascii: "{"):
            offset += 1
            first = true
            while try nextKey() != nil { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            offset += 1
            first = true
            while try nextElement() { try skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    // MARK: Pieces

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The first byte of the next value, after whitespace.
    mutating func peekValue() throws(JSONReadError) -> UInt8 {
        skipSpace()
        guard offset < bytes.count else { throw fail("unexpected end of text") }
        return bytes[offset]
    }

    private mutating func literal(_ word: StaticString) throws(JSONReadError) {
        let n = word.utf8CodeUnitCount
        guard offset + n <= bytes.count else { throw fail("unexpected end of text") }
        for k in 0..<n where bytes[offset + k] != word.utf8Start[k] { throw fail("unknown literal") }
        offset += n
    }

    /// A number, by the JSON grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() throws(JSONReadError) -> Range<Int> {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("expected a value") }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("expected a digit after .") }
            skipDigits()
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            guard offset < bytes.count, isDigit(bytes[offset]) else { throw fail("expected a digit in the exponent") }
            skipDigits()
        }
        return start..<offset
    }

    private func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }

    private mutating func skipString() throws(JSONReadError) {
        offset += 1
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                offset += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                _ = try escape()
            } else if c < 0x20 {
                throw fail("control character in a string")
            } else {
                offset += 1
            }
        }
        throw fail("unterminated string")
    }

    /// The rest of a string that has escapes, from its first byte.
    private mutating func escapedString(from start: Int) throws(JSONReadError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(offset - start + 16)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let c = bytes[offset]
            if c == UInt8(ascii: "\"") {
                offset += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                Self.appendUTF8(try escape(), to: &out)
            } else if c < 0x20 {
                throw fail("control character in a string")
            } else {
                out.append(c)
                offset += 1
            }
        }
        throw fail("unterminated string")
    }

    /// One escape at `offset` (on its backslash): the scalar it stands for; `\uD83D\uDE00` is one.
    private mutating func escape() throws(JSONReadError) -> Unicode.Scalar {
        guard offset + 1 < bytes.count else { throw fail("unterminated string") }
        let c = bytes[offset + 1]
        offset += 2
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return Unicode.Scalar(c)
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            switch unit {
            case 0xD800...0xDBFF:
                guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
                    bytes[offset + 1] == UInt8(ascii: "u")
                else { throw fail("unpaired surrogate") }
                offset += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            case 0xDC00...0xDFFF:
                throw fail("unpaired surrogate")
            default:
                return Unicode.Scalar(unit)!
            }
        default:
            offset -= 2
            throw fail("unknown escape")
        }
    }

    private mutating func hex4() throws(JSONReadError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[offset]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw fail("bad \\u escape")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    func fail(_ message: String) -> JSONReadError { JSONReadError(message: message, offset: offset) }
}

/// The keys one object level of a decoder wants, spelled as on the wire.
struct JSONKeys: Sendable {
    let names: [StaticString]

    init(_ names: StaticString...) { self.names = names }

    func index(of key: JSONReader.Key) -> Int? {
        switch key {
        case .raw(let bytes): return index(of: bytes)
        case .decoded(let text):
            var text = text
            return text.withUTF8 { index(of: $0) }
        }
    }

    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        for (k, name) in names.enumerated() where name.utf8CodeUnitCount == key.count {
            if memcmpEqual(name.utf8Start, key) { return k }
        }
        return nil
    }

    private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<b.count where a[i] != b[i] { return false }
        return true
    }
}
