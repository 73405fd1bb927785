import TokenPaceCore

/// One character on its way to the screen, with its role and cell width.
public struct StyledChar: Sendable, Equatable {
    public var glyph: Glyph
    public var role: StyleRole

    public init(_ char: Character, role: StyleRole) {
        self.glyph = Glyph(char)
        self.role = role
    }

    @inlinable public init(glyph: Glyph, role: StyleRole) {
        self.glyph = glyph
        self.role = role
    }

    public var char: Character { glyph.character }
    @inlinable public var width: Int { glyph.width }
}

/// Text word-wrapped to a width, built by appending. Streaming costs only the new text: the greedy
/// wrap never changes a row once a later one has started, so only the open row of the open
/// paragraph (the text since the last newline) is kept in the making. A code paragraph is wrapped
/// again as a whole, since highlighting can recolour it back to its start.
///
/// Several appends in a row (the tokens one frame shows) can leave the open row and a code
/// paragraph's rows to `settle()`, so they are copied, highlighted and wrapped once, not per token:
/// the rows are the same either way.
public struct WrappedText: Sendable {
    public let width: Int
    public private(set) var rows: [[StyledChar]] = []
    /// The open paragraph's characters, kept for code only (prose needs just `breaker`).
    private var paragraph: [StyledChar] = []
    private var paragraphEmpty = true
    private var paragraphIsCode = false
    private var paragraphRowStart = 0
    /// The wrap of the open prose paragraph so far; its open row is `rows.last` when `openRowShown`.
    private var breaker: LineBreaker
    private var openRowShown = false
    /// The open paragraph's last rows (its open row, or a code paragraph's rows) wait for `settle()`.
    private var unsettled = false

    public init(width: Int) {
        self.width = max(1, width)
        breaker = LineBreaker(width: self.width, words: true)
    }

    /// Appends text in one role; `code` means no word wrap and syntax colours per line.
    public mutating func append(_ text: String, role: StyleRole, code: Bool = false) {
        appendUnsettled(text, role: role, code: code)
        settle()
    }

    /// As `append`, but the open paragraph's last rows wait for `settle()` (call it before reading
    /// `rows`): appending a frame's tokens then costs their characters alone.
    mutating func appendUnsettled(_ text: String, role: StyleRole, code: Bool = false) {
        var pending: [StyledChar] = []
        var utf8 = text.utf8.makeIterator()
        var ascii = true
        while let b = utf8.next() {
            if b >= 0x80 {
                ascii = false
                break
            }
        }
        if ascii {
            // Each byte is a character, except CR LF which is one (a line break).
            var bytes = text.utf8.makeIterator()
            var next = bytes.next()
            while let b = next {
                next = bytes.next()
                if b == 0x0A || (b == 0x0D && next == 0x0A) {
                    if b == 0x0D { next = bytes.next() }
                    add(pending, code: code)
                    pending.removeAll(keepingCapacity: true)
                    closeParagraph()
                } else if b == 0x09 {
                    pending.append(contentsOf: repeatElement(StyledChar(glyph: .space, role: role), count: 4))
                } else {
                    pending.append(StyledChar(glyph: Glyph(ascii: b), role: role))
                }
            }
        } else {
            for ch in text {
                if ch == "\n" || ch == "\r\n" {
                    add(pending, code: code)
                    pending.removeAll(keepingCapacity: true)
                    closeParagraph()
                } else if ch == "\t" {
                    pending.append(contentsOf: repeatElement(StyledChar(glyph: .space, role: role), count: 4))
                } else {
                    pending.append(StyledChar(ch, role: role))
                }
            }
        }
        add(pending, code: code)
    }

    /// Starts a new row (closing the open paragraph) if anything is on the current one.
    public mutating func breakLine() {
        if !paragraphEmpty { closeParagraph() }
    }

    /// Adds a whole row as is (headers such as "── thinking ──"), clipped to the width.
    public mutating func appendRow(_ text: String, role: StyleRole) {
        breakLine()
        append(text, role: role)
        closeParagraph()
    }

    private mutating func add(_ chars: [StyledChar], code: Bool) {
        guard !chars.isEmpty else { return }
        if paragraphEmpty {
            paragraphIsCode = code
            paragraphEmpty = false
        }
        unsettled = true
        if paragraphIsCode {
            paragraph.append(contentsOf: chars)
            return
        }
        if openRowShown {
            rows.removeLast()
            openRowShown = false
        }
        for c in chars {
            if let row = breaker.feed(c) { rows.append(row) }
        }
    }

    /// Brings `rows` up to date with the open paragraph: its open row, or a code paragraph
    /// highlighted and wrapped as a whole.
    mutating func settle() {
        guard unsettled else { return }
        unsettled = false
        if paragraphIsCode {
            rows.removeSubrange(paragraphRowStart...)
            rows.append(contentsOf: WrappedText.wrap(CodeHighlighter.highlight(paragraph), width: width, words: false))
            return
        }
        // As `wrap` ends: the open row counts if it has anything or is the paragraph's only row.
        openRowShown = !breaker.row.isEmpty || rows.count == paragraphRowStart
        if openRowShown { rows.append(breaker.row) }
    }

    private mutating func closeParagraph() {
        settle()
        if paragraphEmpty {
            rows.append([])
        }
        paragraph.removeAll(keepingCapacity: true)
        paragraphEmpty = true
        breaker.reset()
        openRowShown = false
        paragraphRowStart = rows.count
    }

    /// Greedy wrap: breaks after spaces and next to wide (CJK) characters when `words`, else at the
    /// width; a word longer than the width is cut; a wide character never straddles two rows.
    public static func wrap(_ chars: [StyledChar], width: Int, words: Bool) -> [[StyledChar]] {
        var out: [[StyledChar]] = []
        var breaker = LineBreaker(width: width, words: words)
        for c in chars {
            if let row = breaker.feed(c) { out.append(row) }
        }
        if !breaker.row.isEmpty || out.isEmpty { out.append(breaker.row) }
        return out
    }
}

/// The greedy wrap, one character at a time: rows before the open one are final.
struct LineBreaker: Sendable {
    let width: Int
    let words: Bool
    /// The open row.
    private(set) var row: [StyledChar] = []
    private var rowWidth = 0
    /// Where the row may be broken: the row keeps row[..<cut], the next starts at row[resume...].
    private var breakAt: (cut: Int, resume: Int)?

    init(width: Int, words: Bool) {
        self.width = width
        self.words = words
    }

    mutating func reset() {
        row.removeAll(keepingCapacity: true)
        rowWidth = 0
        breakAt = nil
    }

    /// Adds a character; returns the row it closed, if it closed one.
    mutating func feed(_ c: StyledChar) -> [StyledChar]? {
        var closed: [StyledChar]?
        if rowWidth + c.width > width {
            if words, c.glyph.isSpace {
                closed = row
                reset()
                return closed
            }
            if words, let b = breakAt, b.cut > 0 || b.resume > 0 {
                let rest = Array(row[b.resume...])
                closed = Array(row[..<b.cut])
                row = rest
                rowWidth = rest.reduce(0) { $0 + $1.width }
            } else {
                closed = row
                row = []
                rowWidth = 0
            }
            breakAt = nil
        }
        if c.glyph.isSpace {
            breakAt = (row.count, row.count + 1)
        } else if c.width == 2 || (row.last.map { $0.width == 2 } ?? false) {
            breakAt = (row.count, row.count)
        }
        row.append(c)
        rowWidth += c.width
        return closed
    }
}
