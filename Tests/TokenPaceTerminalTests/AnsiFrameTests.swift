import Testing
import TokenPaceView

@testable import TokenPaceTerminal

/// The bytes a frame's changed cells become on an ANSI terminal.
@Suite struct AnsiFrameTests {
    /// Roles switch to "<name>" so the expected bytes read plainly; "." is the normal style.
    private func writer(unicode: Bool = true, avoidLastCell: Bool = false) -> AnsiFrame {
        AnsiFrame(
            normal: Array(".".utf8),
            looks: StyleRole.allCases.map {
                // Errors are bold: leaving them takes a reset. Others set a foreground only.
                AnsiFrame.Look(
                    bytes: Array("<\($0)>".utf8), plain: $0 != .error, setsForeground: true, setsBackground: false)
            },
            save: Array("S".utf8), restore: Array("R".utf8), unicode: unicode, avoidLastCell: avoidLastCell,
            terminalWidth: { $0 >= 0x1100 && $0 < 0x1F000 ? 2 : 1 })
    }

    private func buffer(_ rows: [String], width: Int = 6, role: StyleRole = .text) -> Buffer {
        var b = Buffer(Size(width: width, height: rows.count))
        for (y, row) in rows.enumerated() { b.put(row, x: 0, y: y, role: role) }
        return b
    }

    private func encode(_ w: AnsiFrame, _ previous: Buffer?, _ current: Buffer, screen: Size? = nil) -> String {
        var out: [UInt8] = []
        w.encode(
            current, changed: FrameDiff.cellsToWrite(previous: previous, current: current),
            screen: screen ?? current.size, into: &out)
        return String(decoding: out, as: UTF8.self).map { $0 == "\u{1B}" ? "⎋" : String($0) }.joined()
    }

    @Test func aRunOfChangedCellsIsOneMoveAndOneStyle() {
        let s = encode(writer(), buffer(["abcdef", "uvwxyz"]), buffer(["abXYef", "uvwxyQ"]))
        #expect(s == "S⎋[1;3H.<text>XY⎋[2;6HQ.R")
    }

    @Test func aRoleChangeSwitchesFromNormal() {
        var b = buffer(["abcdef"])
        b.paint(Rect(x: 2, y: 0, width: 2, height: 1), role: .error)
        #expect(encode(writer(), buffer(["abcdef"]), b) == "S⎋[1;3H.<error>cd.R")
        // From a plain look to one that sets the same colours: its bytes alone.
        var c = buffer(["abXdef"])
        c.paint(Rect(x: 3, y: 0, width: 1, height: 1), role: .error)
        #expect(encode(writer(), buffer(["abcdef"]), c) == "S⎋[1;3H.<text>X<error>d.R")
        // Leaving a look with attributes resets first.
        var d = buffer(["abcYef"])
        d.paint(Rect(x: 2, y: 0, width: 1, height: 1), role: .error)
        #expect(encode(writer(), buffer(["abcdef"]), d) == "S⎋[1;3H.<error>c.<text>Y.R")
    }

    @Test func aFewUnchangedCellsAreWrittenRatherThanJumpedOver() {
        #expect(encode(writer(), buffer(["abcdef"]), buffer(["aXcYef"])) == "S⎋[1;2H.<text>XcY.R")
        // Too far apart, or a cell in another role between: a cursor move.
        #expect(
            encode(writer(), buffer(["abcdefghijk"], width: 11), buffer(["aXcdefghijY"], width: 11))
                == "S⎋[1;2H.<text>X⎋[1;11HY.R")
        var before = buffer(["abcdef"])
        before.paint(Rect(x: 2, y: 0, width: 1, height: 1), role: .dim)
        var after = buffer(["aXcYef"])
        after.paint(Rect(x: 2, y: 0, width: 1, height: 1), role: .dim)
        #expect(encode(writer(), before, after) == "S⎋[1;2H.<text>X⎋[1;4HY.R")
    }

    @Test func nothingChangedWritesNothing() {
        #expect(encode(writer(), buffer(["abc"]), buffer(["abc"])) == "")
    }

    @Test func wideCharactersCoverTheirSecondCell() {
        #expect(encode(writer(), buffer(["abcd"]), buffer(["a速d"])) == "S⎋[1;2H.<text>速.R")
        // A locale that is not UTF-8: "?" and a "?" for the second half.
        #expect(encode(writer(unicode: false), buffer(["abcd"]), buffer(["a速d"])) == "S⎋[1;2H.<text>??.R")
    }

    @Test func widthsTheTerminalMayDisagreeOnGetTheirOwnMove() {
        // é as e + combining accent is one cell here; the next cell is addressed again.
        let s = encode(writer(), buffer(["abcd"]), buffer(["ae\u{301}xd"]))
        #expect(s == "S⎋[1;2H.<text>e\u{301}⎋[1;3Hx.R")
    }

    @Test func cellsOffTheScreenAndTheLastCellAreLeftAlone() {
        let s = encode(writer(avoidLastCell: true), nil, buffer(["ab", "cd"], width: 2))
        #expect(s == "S⎋[1;1H.<text>ab⎋[2;1Hc.R")
        let t = encode(writer(), nil, buffer(["abc", "def"], width: 3), screen: Size(width: 2, height: 1))
        #expect(t == "S⎋[1;1H.<text>ab.R")
    }

    @Test func controlCharactersAreBlanks() {
        var b = Buffer(Size(width: 3, height: 1))
        b[1, 0] = Cell(glyph: Glyph(ascii: 0x07), role: .text)
        #expect(encode(writer(), Buffer(Size(width: 3, height: 1)), b) == "S⎋[1;2H.<text> .R")
    }

    @Test func cursorMovesCountFromOne() {
        var out: [UInt8] = []
        AnsiFrame.moveCursor(y: 39, x: 119, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\u{1B}[40;120H")
    }
}
