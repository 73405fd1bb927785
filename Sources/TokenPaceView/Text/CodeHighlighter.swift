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

    public static func highlight(_ line: [StyledChar]) -> [StyledChar] {
        var out = line
        var i = 0
        let n = line.count
        func isIdent(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "#" }
        while i < n {
            let c = line[i].char
            if c == "/" && i + 1 < n && line[i + 1].char == "/" || c == "#" && (i + 1 >= n || line[i + 1].char == " ") {
                for j in i..<n { out[j].role = .codeComment }
                break
            }
            if c == "\"" || c == "'" {
                var j = i + 1
                while j < n && line[j].char != c {
                    if line[j].char == "\\" { j += 1 }
                    j += 1
                }
                let end = min(j, n - 1)
                for k in i...end { out[k].role = .codeString }
                i = end + 1
                continue
            }
            if c.isNumber {
                var j = i
                while j < n && (line[j].char.isNumber || line[j].char == "." || line[j].char == "_") { j += 1 }
                for k in i..<j { out[k].role = .codeNumber }
                i = j
                continue
            }
            if isIdent(c) {
                var j = i
                var word = ""
                while j < n && isIdent(line[j].char) {
                    word.append(line[j].char)
                    j += 1
                }
                if keywords.contains(word) {
                    for k in i..<j { out[k].role = .codeKeyword }
                } else if let f = word.first, f.isUppercase {
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
