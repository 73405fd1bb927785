import TokenPaceView

/// The bytes that bring an ANSI (ECMA-48) terminal from the last frame to this one, for the cells
/// `FrameDiff` found changed: a cursor move where a run of changed cells starts, a style switch
/// where the role changes, the characters as UTF-8, and the normal style again at the end. The
/// whole is wrapped in a cursor save and restore, so the cursor ends where curses left it and curses'
/// own moves later (on a full redraw, at exit) start from where it believes they do.
///
/// Curses would take the same cells, compare them again with its own copy of the screen and
/// format each cursor move and colour through terminfo: most of a busy frame's cost. The styles
/// are still terminfo's own bytes (captured from curses once per role), so only the cursor move is
/// written here, for terminals whose `cup` is the ANSI one.
struct AnsiFrame {
    /// `normal` (sgr0) and, per role (by raw value), what takes the terminal from normal to it: a
    /// role change is the two in turn, or the look alone where that is the same (`Look.follows`).
    var normal: [UInt8]
    var looks: [Look]
    /// Save and restore the cursor (`sc`, `rc`).
    var save: [UInt8]
    var restore: [UInt8]
    /// The locale is UTF-8; otherwise non-ASCII characters are written as `?`.
    var unicode: Bool
    /// Writing the bottom-right cell would scroll the screen (automatic margins without the
    /// xterm-style delayed wrap): leave that cell alone.
    var avoidLastCell: Bool
    /// Columns the terminal's locale gives a one-scalar character (`wcwidth`; -1 unprintable).
    var terminalWidth: (UInt32) -> Int

    /// A role's look: its bytes from the normal style, whether it has attributes (bold, dim, …) and
    /// which colours the bytes set (a default colour is left as the normal style has it).
    struct Look {
        var bytes: [UInt8]
        var plain: Bool
        var setsForeground: Bool
        var setsBackground: Bool

        /// Whether this look's bytes alone turn `other` into it: `other` has no attribute to turn
        /// off and no colour that this one leaves alone.
        func follows(_ other: Look) -> Bool {
            other.plain && (setsForeground || !other.setsForeground) && (setsBackground || !other.setsBackground)
        }
    }

    /// Unchanged cells between two changed ones on a row are written again rather than jumped over
    /// when there are at most this many: a cursor move is 6–8 bytes.
    static let longestRewrite = 6

    /// The cursor address of the ANSI `cup` capability, the only one this writes.
    static let ansiCursorAddress = "\u{1B}[%i%p1%d;%p2%dH"

    /// Appends to `out` the bytes for the cells of `buffer` at `changed` (row-major indices, as
    /// `FrameDiff.cellsToWrite` lists them) that fit the screen; nothing when none does.
    func encode(_ buffer: Buffer, changed: [Int], screen: Size, into out: inout [UInt8]) {
        guard !changed.isEmpty else { return }
        let start = out.count
        out += save
        let width = buffer.size.width
        var cursor: (y: Int, x: Int)?
        var role: StyleRole?
        var wrote = false
        buffer.cells.withUnsafeBufferPointer { cells in
            for i in changed {
                let y = i / width
                let x = i - y * width
                guard x < screen.width, y < screen.height else { continue }
                if avoidLastCell, y == screen.height - 1, x == screen.width - 1 { continue }
                let cell = cells[i]
                var glyph = cell.glyph
                if cell.isContinuation {
                    // The wide character to the left covers this cell, unless the terminal's locale
                    // thinks it narrow: then blank the cell so nothing stale shows through.
                    if x > 0, !cells[i - 1].isContinuation, unicode, terminalColumns(of: cells[i - 1].glyph) == 2 {
                        continue
                    }
                    glyph = Glyph(ascii: unicode || x == 0 ? 0x20 : 0x3F)
                }
                if let c = cursor, c.y == y, c.x < x, x - c.x <= Self.longestRewrite, let r = role,
                    Self.rewrite(cells, from: y * width + c.x, to: i, role: r, into: &out)
                {
                    // The cells in between were written as they are.
                } else if cursor == nil || cursor! != (y, x) {
                    Self.moveCursor(y: y, x: x, into: &out)
                }
                if role != cell.role {
                    let look = looks[Int(cell.role.rawValue)]
                    if let r = role, look.follows(looks[Int(r.rawValue)]) {
                        out += look.bytes
                    } else {
                        out += normal
                        out += look.bytes
                    }
                    role = cell.role
                }
                wrote = true
                cursor = put(glyph, at: (y, x), into: &out)
            }
        }
        guard wrote else {
            out.removeSubrange(start...)
            return
        }
        out += normal
        out += restore
    }

    /// Writes one glyph; returns where the cursor is after it, or nil when the terminal may not
    /// agree on its width (the next cell then gets its own cursor move).
    private func put(_ glyph: Glyph, at p: (y: Int, x: Int), into out: inout [UInt8]) -> (y: Int, x: Int)? {
        if let s = glyph.scalar {
            var v = s.value
            if v < 0x20 || v == 0x7F { v = 0x20 }
            if !unicode, v >= 0x80 { v = 0x3F }
            if v < 0x80 {
                out.append(UInt8(v))
                return (p.y, p.x + 1)
            }
            Self.utf8(v, into: &out)
            let w = terminalWidth(v)
            return w >= 1 && w == max(1, glyph.width) ? (p.y, p.x + w) : nil
        }
        // Several scalars (a base with combining marks, an emoji sequence): as they are, if the
        // locale can show them.
        var scalars = Array(glyph.character.unicodeScalars)
        if scalars.first.map({ $0.value < 0x20 || $0.value == 0x7F }) ?? true { scalars = [" "] }
        if !unicode, scalars.contains(where: { !$0.isASCII }) {
            // The locale cannot show it: keep an ASCII base letter ("é" → "e"), else "?".
            scalars = scalars[0].isASCII ? [scalars[0]] : ["?"]
        }
        for s in scalars { Self.utf8(s.value, into: &out) }
        return nil
    }

    /// Writes cells `from..<to` as they are (they have not changed), when each is a printable ASCII
    /// character in `role`; false, writing nothing, otherwise.
    private static func rewrite(
        _ cells: UnsafeBufferPointer<Cell>, from: Int, to: Int, role: StyleRole, into out: inout [UInt8]
    ) -> Bool {
        for k in from..<to {
            let c = cells[k]
            guard c.role == role, !c.isContinuation, !c.glyph.isCluster, let s = c.glyph.scalar, s.value >= 0x20,
                s.value < 0x7F
            else { return false }
        }
        for k in from..<to { out.append(UInt8(cells[k].glyph.scalar!.value)) }
        return true
    }

    private func terminalColumns(of glyph: Glyph) -> Int {
        terminalWidth(glyph.firstScalar.value)
    }

    /// CSI row ; column H, 1-based.
    static func moveCursor(y: Int, x: Int, into out: inout [UInt8]) {
        out += [0x1B, 0x5B]
        decimal(y + 1, into: &out)
        out.append(0x3B)
        decimal(x + 1, into: &out)
        out.append(0x48)
    }

    private static func decimal(_ n: Int, into out: inout [UInt8]) {
        if n >= 10 { decimal(n / 10, into: &out) }
        out.append(UInt8(0x30 + n % 10))
    }

    private static func utf8(_ v: UInt32, into out: inout [UInt8]) {
        switch v {
        case ..<0x80:
            out.append(UInt8(v))
        case ..<0x800:
            out += [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case ..<0x10000:
            out += [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        default:
            out += [
                UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F),
                UInt8(0x80 | v & 0x3F),
            ]
        }
    }
}
