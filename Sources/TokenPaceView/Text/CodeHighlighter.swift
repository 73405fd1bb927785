import TokenPaceCore

/// A small, language-agnostic highlighter for one line of code: keywords, strings, comments,
/// numbers and capitalised type names. Good enough to make code look like code while it streams.
public enum CodeHighlighter {
    static let keywords: Set<String> = [
        "func", "let", "var", "if", "else", "for", "while", "return", "import", "struct", "class", "enum",
        "case", "switch", "guard", "in", "def", "from", "as", "with", "try", "catch", "throw", "throws",
        "async", "await", "const", "function", "fn", "pub", "use", "mut", "impl", "match", "package", "go",
        "type", "interface", "public", "private", "static", "new", "true", "false", "nil", "null", "None",
        "True", "False", "self", "Self", "break", "continue", "do", "elif", "except", "finally", "raise",
        "yield", "lambda", "not", "and", "or", "is", "extension", "protocol", "init", "where", "defer",
        "export", "default", "int", "void", "char", "double", "float", "bool", "string", "#include",
    ]

    /// The longest keyword: a longer word is never one, so it is not built as a string.
    static let longestKeyword = keywords.map(\.count).max() ?? 0

    /// The character's value when it is ASCII (checked without building a `Character`, since a
    /// streaming code line is highlighted again at every token); `nil` otherwise.
    @inline(__always) static func ascii(_ c: StyledChar) -> UInt32? {
        c.glyph.isCluster || c.glyph.bits >= 0x80 ? nil : c.glyph.bits
    }

    @inline(__always) static func isNumber(_ c: StyledChar) -> Bool {
        if let b = ascii(c) { return b >= 0x30 && b <= 0x39 }
        return c.char.isNumber
    }

    @inline(__always) static func isIdent(_ c: StyledChar) -> Bool {
        if let b = ascii(c) {
            return (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
                || b == 0x23
        }
        let ch = c.char
        return ch.isLetter || ch.isNumber
    }

    @inline(__always) static func isUppercase(_ c: StyledChar) -> Bool {
        if let b = ascii(c) { return b >= 0x41 && b <= 0x5A }
        return c.char.isUppercase
    }

    public static func highlight(_ line: [StyledChar]) -> [StyledChar] {
        var out = line
        var i = 0
        let n = line.count
        let slash: UInt32 = 0x2F
        let hash: UInt32 = 0x23
        let space: UInt32 = 0x20
        let backslash: UInt32 = 0x5C
        while i < n {
            let c = ascii(line[i])
            if c == slash && i + 1 < n && ascii(line[i + 1]) == slash
                || c == hash && (i + 1 >= n || ascii(line[i + 1]) == space)
            {
                for j in i..<n { out[j].role = .codeComment }
                break
            }
            if let quote = c, quote == 0x22 || quote == 0x27 {
                var j = i + 1
                while j < n && ascii(line[j]) != quote {
                    if ascii(line[j]) == backslash { j += 1 }
                    j += 1
                }
                let end = min(j, n - 1)
                for k in i...end { out[k].role = .codeString }
                i = end + 1
                continue
            }
            if isNumber(line[i]) {
                var j = i
                while j < n && (isNumber(line[j]) || ascii(line[j]) == 0x2E || ascii(line[j]) == 0x5F) { j += 1 }
                for k in i..<j { out[k].role = .codeNumber }
                i = j
                continue
            }
            if isIdent(line[i]) {
                var j = i
                while j < n && isIdent(line[j]) { j += 1 }
                if j - i <= longestKeyword, keywords.contains(String(line[i..<j].map(\.char))) {
                    for k in i..<j { out[k].role = .codeKeyword }
                } else if isUppercase(line[i]) {
                    for k in i..<j { out[k].role = .codeType }
                }
                i = j
                continue
            }
            i += 1
        }
        return out
    }
}
