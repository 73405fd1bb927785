import TokenPaceCore

/// One terminal cell. A wide character fills its first cell; the next cell is a continuation
/// (`isContinuation`) that the terminal never draws on its own. Eight bytes with no padding, so
/// rows of cells compare as memory.
public struct Cell: Sendable, Equatable {
    public var glyph: Glyph
    public var role: StyleRole
    public var isContinuation: Bool
    private var unused: UInt8 = 0

    public init(_ char: Character = " ", role: StyleRole = .normal, isContinuation: Bool = false) {
        self.init(glyph: Glyph(char), role: role, isContinuation: isContinuation)
    }

    @inlinable public init(glyph: Glyph, role: StyleRole = .normal, isContinuation: Bool = false) {
        self.glyph = glyph
        self.role = role
        self.isContinuation = isContinuation
    }

    public var char: Character {
        get { glyph.character }
        set { glyph = Glyph(newValue) }
    }

    public static let blank = Cell(glyph: .space)
}

public struct Size: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

public struct Rect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rect shrunk by `by` cells on every side.
    public func inset(_ by: Int) -> Rect {
        Rect(x: x + by, y: y + by, width: width - 2 * by, height: height - 2 * by)
    }
}

/// A grid of cells: the whole screen as a pure value. The view writes it, the terminal diffs it,
/// tests print it.
public struct Buffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(_ size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.width && y < size.height
    }

    /// Sets one cell; nothing happens outside the buffer, so whatever is drawn past its edge is clipped.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        self[x, y] = cell
    }

    /// Writes text from (x, y), clipped to `limit` columns (default: the row's end). Returns the
    /// column after the last cell written. A wide character that would be cut is replaced by a space.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, role: StyleRole, limit: Int? = nil)
        -> Int
    {
        put(String(text), x: x, y: y, role: role, limit: limit)
    }

    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let end = min(size.width, limit ?? size.width)
        let width = size.width
        var printableASCII = true
        for b in text.utf8 where b < 0x20 || b >= 0x7F {
            printableASCII = false
            break
        }
        if printableASCII {
            return cells.withUnsafeMutableBufferPointer { cells in
                let row = cells.baseAddress! + y * width
                var col = x
                for b in text.utf8 {
                    guard let next = Self.write(Glyph(ascii: b), role: role, at: col, end: end, row: row, width: width)
                    else { return end }
                    col = next
                }
                return col
            }
        }
        // If every scalar is a character of its own and none is zero-width, there are no clusters to
        // find: take the glyphs scalar by scalar (at most one per UTF-8 byte).
        let simple: Int? = withUnsafeTemporaryAllocation(of: Glyph.self, capacity: text.utf8.count) { glyphs in
            var n = 0
            for s in text.unicodeScalars {
                guard DisplayWidth.standsAlone(s.value) else { return nil }
                glyphs[n] = Glyph(scalar: s)
                n += 1
            }
            return cells.withUnsafeMutableBufferPointer { cells in
                let row = cells.baseAddress! + y * width
                var col = x
                for g in glyphs[..<n] {
                    guard let next = Self.write(g, role: role, at: col, end: end, row: row, width: width) else {
                        return end
                    }
                    col = next
                }
                return col
            }
        }
        if let simple { return simple }
        var col = x
        for ch in text {
            let g = Glyph(ch)
            if g.width == 0 {
                if col > 0, col - 1 < end, contains(x: col - 1, y: y), !self[col - 1, y].isContinuation {
                    join(g, toCellAt: col - 1, y: y)
                }
                continue
            }
            let next = cells.withUnsafeMutableBufferPointer { cells in
                Self.write(g, role: role, at: col, end: end, row: cells.baseAddress! + y * width, width: width)
            }
            guard let next else { return end }
            col = next
        }
        return col
    }

    /// Writes prepared characters (widths already known) from (x, y), clipped to `limit`; returns
    /// the next column. The same as putting them one by one, in one pass over the row.
    @discardableResult
    public mutating func put(row chars: some Collection<StyledChar>, x: Int, y: Int, limit: Int) -> Int {
        guard y >= 0, y < size.height, x >= 0 else { return x }
        let end = min(size.width, limit)
        let width = size.width
        return cells.withUnsafeMutableBufferPointer { cells in
            let row = cells.baseAddress! + y * width
            var col = x
            for c in chars {
                if c.glyph.width == 0 {
                    if col > 0, col - 1 < end, !row[col - 1].isContinuation {
                        row[col - 1].glyph = Self.joined(row[col - 1].glyph, c.glyph)
                    }
                    continue
                }
                // Cut at the end: later characters are cut too, as when put one by one.
                guard let next = Self.write(c.glyph, role: c.role, at: col, end: end, row: row, width: width) else {
                    col = end
                    continue
                }
                col = next
            }
            return col
        }
    }

    /// Writes one prepared character (its width already known); returns the next column.
    @discardableResult
    public mutating func put(_ c: StyledChar, x: Int, y: Int, limit: Int) -> Int {
        put(row: CollectionOfOne(c), x: x, y: y, limit: limit)
    }

    /// One character of width 1 or 2 at `col` of a row (`col` may be left of the screen); the next
    /// column, or nil when it does not fit before `end` (a wide one cut there leaves a space).
    /// Overwriting half of a wide character blanks its other half so columns never shift.
    @inline(__always)
    private static func write(
        _ g: Glyph, role: StyleRole, at col: Int, end: Int, row: UnsafeMutablePointer<Cell>, width: Int
    ) -> Int? {
        let w = g.width
        if col + w > end {
            if w == 2, col < end, col >= 0 { row[col] = Cell(glyph: .space, role: role) }
            return nil
        }
        if col >= 0 {
            clearWide(at: col, row: row, width: width)
            row[col] = Cell(glyph: g, role: role)
            if w == 2 {
                clearWide(at: col + 1, row: row, width: width)
                row[col + 1] = Cell(glyph: .space, role: role, isContinuation: true)
            }
        }
        return col + w
    }

    @inline(__always)
    private static func clearWide(at x: Int, row: UnsafeMutablePointer<Cell>, width: Int) {
        guard x >= 0, x < width else { return }
        let cell = row[x]
        if cell.isContinuation, x > 0 {
            row[x - 1] = Cell(glyph: .space, role: row[x - 1].role)
        } else if cell.glyph.width == 2, x + 1 < width {
            row[x + 1] = Cell(glyph: .space, role: row[x + 1].role)
        }
    }

    /// A zero-width character (combining mark, joiner) joins the character of the cell before it.
    private static func joined(_ base: Glyph, _ mark: Glyph) -> Glyph {
        Glyph(Character(String(base.character) + String(mark.character)))
    }

    private mutating func join(_ mark: Glyph, toCellAt x: Int, y: Int) {
        let i = y * size.width + x
        cells[i].glyph = Self.joined(cells[i].glyph, mark)
    }

    /// Direct access to the cells, row-major (the caller keeps wide characters whole).
    mutating func setCells<R>(_ body: (UnsafeMutableBufferPointer<Cell>) -> R) -> R {
        cells.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Fills a rect with one character and role.
    public mutating func fill(_ rect: Rect, char: Character = " ", role: StyleRole = .normal) {
        let cell = Cell(char, role: role)
        let (xs, ys) = clippedRanges(rect)
        for yy in ys {
            for xx in xs {
                clearWide(at: xx, y: yy)
                self[xx, yy] = cell
            }
        }
    }

    /// Sets the role of cells without changing their text.
    public mutating func paint(_ rect: Rect, role: StyleRole) {
        let (xs, ys) = clippedRanges(rect)
        for yy in ys {
            for xx in xs {
                self[xx, yy].role = role
            }
        }
    }

    /// The columns and rows of `rect` inside the buffer (empty when it lies wholly outside).
    private func clippedRanges(_ rect: Rect) -> (Range<Int>, Range<Int>) {
        let x0 = max(0, rect.x)
        let y0 = max(0, rect.y)
        return (x0..<max(x0, min(size.width, rect.maxX)), y0..<max(y0, min(size.height, rect.maxY)))
    }

    private mutating func clearWide(at x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(glyph: .space, role: self[x - 1, y].role)
        } else if cell.glyph.width == 2, x + 1 < size.width {
            self[x + 1, y] = Cell(glyph: .space, role: self[x + 1, y].role)
        }
    }

    /// The screen as text, one line per row, trailing spaces kept (snapshots compare exactly).
    public var text: String {
        var lines: [String] = []
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width {
                let c = self[x, y]
                if !c.isContinuation { line.append(c.char) }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One letter per cell naming its role (see `StyleRole.letter`).
    public var styleGrid: String {
        var lines: [String] = []
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width { line.append(self[x, y].role.letter) }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
