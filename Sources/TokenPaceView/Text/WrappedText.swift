import TokenPaceCore

/// One character on its way to the screen, with its role and cell width.
public struct StyledChar: Sendable, Equatable {
    public var char: Character
    public var role: StyleRole
    public var width: Int

    public init(_ char: Character, role: StyleRole) {
        self.char = char
        self.role = role
        self.width = DisplayWidth.of(char)
    }
}

/// Text word-wrapped to a width, built by appending. Only the open paragraph (the text since the
/// last newline) is wrapped again when more arrives, so streaming costs the new text plus one
/// paragraph, not the whole answer.
public struct WrappedText: Sendable {
    public let width: Int
    public private(set) var rows: [[StyledChar]] = []
    private var paragraph: [StyledChar] = []
    private var paragraphIsCode = false
    private var paragraphRowStart = 0

    public init(width: Int) { self.width = max(1, width) }

    /// Appends text in one role; `code` means no word wrap and syntax colours per line.
    public mutating func append(_ text: String, role: StyleRole, code: Bool = false) {
        var pending: [StyledChar] = []
        for ch in text {
            if ch == "\n" || ch == "\r\n" {
                add(pending, code: code)
                pending.removeAll(keepingCapacity: true)
                closeParagraph()
            } else if ch == "\t" {
                pending.append(contentsOf: repeatElement(StyledChar(" ", role: role), count: 4))
            } else {
                pending.append(StyledChar(ch, role: role))
            }
        }
        add(pending, code: code)
    }

    /// Starts a new row (closing the open paragraph) if anything is on the current one.
    public mutating func breakLine() {
        if !paragraph.isEmpty { closeParagraph() }
    }

    /// Adds a whole row as is (headers such as "── thinking ──"), clipped to the width.
    public mutating func appendRow(_ text: String, role: StyleRole) {
        breakLine()
        append(text, role: role)
        closeParagraph()
    }

    private mutating func add(_ chars: [StyledChar], code: Bool) {
        guard !chars.isEmpty else { return }
        if paragraph.isEmpty { paragraphIsCode = code }
        paragraph.append(contentsOf: chars)
        rows.removeSubrange(paragraphRowStart...)
        let styled = paragraphIsCode ? CodeHighlighter.highlight(paragraph) : paragraph
        rows.append(contentsOf: WrappedText.wrap(styled, width: width, words: !paragraphIsCode))
    }

    private mutating func closeParagraph() {
        if paragraph.isEmpty {
            rows.append([])
        }
        paragraph.removeAll(keepingCapacity: true)
        paragraphRowStart = rows.count
    }

    /// Greedy wrap: breaks after spaces and next to wide (CJK) characters when `words`, else at the
    /// width; a word longer than the width is cut; a wide character never straddles two rows.
    public static func wrap(_ chars: [StyledChar], width: Int, words: Bool) -> [[StyledChar]] {
        var out: [[StyledChar]] = []
        var row: [StyledChar] = []
        var rowWidth = 0
        // Where the row may be broken: the row keeps row[..<cut], the next starts at row[resume...].
        var breakAt: (cut: Int, resume: Int)?
        for c in chars {
            if rowWidth + c.width > width {
                if words, c.char == " " {
                    out.append(row)
                    row = []
                    rowWidth = 0
                    breakAt = nil
                    continue
                }
                if words, let b = breakAt, b.cut > 0 || b.resume > 0 {
                    let rest = Array(row[b.resume...])
                    out.append(Array(row[..<b.cut]))
                    row = rest
                    rowWidth = rest.reduce(0) { $0 + $1.width }
                } else {
                    out.append(row)
                    row = []
                    rowWidth = 0
                }
                breakAt = nil
            }
            if c.char == " " {
                breakAt = (row.count, row.count + 1)
            } else if c.width == 2 || (row.last.map { $0.width == 2 } ?? false) {
                breakAt = (row.count, row.count)
            }
            row.append(c)
            rowWidth += c.width
        }
        if !row.isEmpty || out.isEmpty { out.append(row) }
        return out
    }
}
