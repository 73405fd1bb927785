import TokenPaceCore

/// One terminal cell. A wide character fills its first cell; the next cell is a continuation
/// (`isContinuation`) that the terminal never draws on its own.
public struct Cell: Sendable, Equatable {
    public var char: Character
    public var role: StyleRole
    public var isContinuation: Bool

    public init(_ char: Character = " ", role: StyleRole = .normal, isContinuation: Bool = false) {
        self.char = char
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
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

    /// Writes text from (x, y), clipped to `limit` columns (default: the row's end). Returns the
    /// column after the last cell written. A wide character that would be cut is replaced by a space.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, role: StyleRole, limit: Int? = nil)
        -> Int
    {
        guard y >= 0, y < size.height else { return x }
        let end = min(size.width, limit ?? size.width)
        var col = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 {
                if col > 0, col - 1 < end, contains(x: col - 1, y: y), !self[col - 1, y].isContinuation {
                    var prev = self[col - 1, y]
                    prev.char = Character(String(prev.char) + String(ch))
                    self[col - 1, y] = prev
                }
                continue
            }
            if col + w > end {
                if w == 2, col < end, col >= 0 { self[col, y] = Cell(" ", role: role) }
                col = end
                break
            }
            if col >= 0 {
                clearWide(at: col, y: y)
                self[col, y] = Cell(ch, role: role)
                if w == 2 {
                    clearWide(at: col + 1, y: y)
                    self[col + 1, y] = Cell(" ", role: role, isContinuation: true)
                }
            }
            col += w
        }
        return col
    }

    /// Writes one prepared character (its width already known); returns the next column. Cheaper than
    /// `put(_:x:y:role:limit:)` on the per-frame text path.
    @discardableResult
    public mutating func put(_ c: StyledChar, x: Int, y: Int, limit: Int) -> Int {
        guard y >= 0, y < size.height, x >= 0 else { return x }
        let end = min(size.width, limit)
        if c.width == 0 {
            if x > 0, x - 1 < end, !self[x - 1, y].isContinuation {
                self[x - 1, y].char = Character(String(self[x - 1, y].char) + String(c.char))
            }
            return x
        }
        if x + c.width > end {
            if c.width == 2, x < end { self[x, y] = Cell(" ", role: c.role) }
            return end
        }
        clearWide(at: x, y: y)
        self[x, y] = Cell(c.char, role: c.role)
        if c.width == 2 {
            clearWide(at: x + 1, y: y)
            self[x + 1, y] = Cell(" ", role: c.role, isContinuation: true)
        }
        return x + c.width
    }

    /// Fills a rect with one character and role.
    public mutating func fill(_ rect: Rect, char: Character = " ", role: StyleRole = .normal) {
        for yy in max(0, rect.y)..<min(size.height, rect.maxY) {
            for xx in max(0, rect.x)..<min(size.width, rect.maxX) {
                clearWide(at: xx, y: yy)
                self[xx, yy] = Cell(char, role: role)
            }
        }
    }

    /// Sets the role of cells without changing their text.
    public mutating func paint(_ rect: Rect, role: StyleRole) {
        for yy in max(0, rect.y)..<min(size.height, rect.maxY) {
            for xx in max(0, rect.x)..<min(size.width, rect.maxX) {
                self[xx, yy].role = role
            }
        }
    }

    /// Overwriting half of a wide character blanks its other half so columns never shift.
    private mutating func clearWide(at x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", role: self[x - 1, y].role)
        } else if DisplayWidth.of(cell.char) == 2, x + 1 < size.width {
            self[x + 1, y] = Cell(" ", role: self[x + 1, y].role)
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
