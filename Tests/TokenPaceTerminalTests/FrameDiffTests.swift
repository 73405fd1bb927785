import Testing
import TokenPaceView

@testable import TokenPaceTerminal

@Suite struct FrameDiffTests {
    private func buffer(_ text: String, width: Int = 6) -> Buffer {
        var b = Buffer(Size(width: width, height: 1))
        b.put(text, x: 0, y: 0, role: .text)
        return b
    }

    @Test func firstFrameWritesEverything() {
        #expect(FrameDiff.cellsToWrite(previous: nil, current: buffer("ab")) == Array(0..<6))
    }

    @Test func sizeChangeWritesEverything() {
        #expect(FrameDiff.cellsToWrite(previous: buffer("ab", width: 5), current: buffer("ab")) == Array(0..<6))
    }

    @Test func sameFrameWritesNothing() {
        #expect(FrameDiff.cellsToWrite(previous: buffer("abc"), current: buffer("abc")).isEmpty)
    }

    @Test func onlyChangedCells() {
        #expect(FrameDiff.cellsToWrite(previous: buffer("abcd"), current: buffer("abXd")) == [2])
    }

    @Test func roleChangeCounts() {
        var b = buffer("abcd")
        b.paint(Rect(x: 3, y: 0, width: 1, height: 1), role: .error)
        #expect(FrameDiff.cellsToWrite(previous: buffer("abcd"), current: b) == [3])
    }

    @Test func wideCharacterReplacingNarrowOnesWritesBothHalves() {
        #expect(FrameDiff.cellsToWrite(previous: buffer("abcd"), current: buffer("a速d")) == [1, 2])
    }

    @Test func narrowCharacterOverSecondHalfRewritesFirstHalf() {
        // "速" at 0–1 becomes " x": the first half must be blanked on screen as well.
        var b = buffer("速c")
        b.put("x", x: 1, y: 0, role: .text)
        #expect(FrameDiff.cellsToWrite(previous: buffer("速c"), current: b) == [0, 1])
    }

    @Test func changedWideCharacterRewritesItsContinuation() {
        #expect(FrameDiff.cellsToWrite(previous: buffer("速度"), current: buffer("速率")) == [2, 3])
    }
}
