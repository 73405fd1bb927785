import Testing
import TokenPaceView

@testable import TokenPaceTerminal

@Suite struct ColorPairsTests {
    @Test func defaultColoursUsePairZero() {
        var pairs = ColorPairs(capacity: 10)
        #expect(pairs.number(fg: -1, bg: -1) == (0, false))
        #expect(pairs.count == 0)
    }

    @Test func allocatesOncePerCombination() {
        var pairs = ColorPairs(capacity: 10)
        #expect(pairs.number(fg: 196, bg: -1) == (1, true))
        #expect(pairs.number(fg: 46, bg: 0) == (2, true))
        #expect(pairs.number(fg: 196, bg: -1) == (1, false))
        #expect(pairs.count == 2)
    }

    @Test func fullCacheFallsBackToPairZero() {
        var pairs = ColorPairs(capacity: 1)
        #expect(pairs.number(fg: 1, bg: 2) == (1, true))
        #expect(pairs.number(fg: 3, bg: 4) == (0, false))
        #expect(pairs.number(fg: 1, bg: 2) == (1, false))
    }

    @Test func cursesColourNumbers() {
        #expect(CursesColor.number(for: nil, direct: false) == -1)
        #expect(CursesColor.number(for: .default, direct: true) == -1)
        #expect(CursesColor.number(for: .ansi(3), direct: false) == 3)
        #expect(CursesColor.number(for: .ansi256(214), direct: false) == 214)
        #expect(CursesColor.number(for: .rgb(0xff, 0xaa, 0x00), direct: false) == 214)
        #expect(CursesColor.number(for: .rgb(0xff, 0xaa, 0x00), direct: true) == 0xffaa00)
        #expect(CursesColor.number(for: .rgb(0, 0, 3), direct: true) == 8)
        #expect(CursesColor.number(for: .ansi(3), direct: true) == 3)
        #expect(CursesColor.number(for: .ansi256(196), direct: true) == 0xff0000)
    }
}
