import Testing
import TokenPaceView

@Suite struct BufferTests {
    @Test func wideCharactersTakeTwoCells() {
        var b = Buffer(Size(width: 6, height: 1))
        let end = b.put("a速b", x: 0, y: 0, role: .text)
        #expect(end == 4)
        #expect(b.text == "a速b  ")
        #expect(b[2, 0].isContinuation)
    }

    @Test func wideCharacterCutAtEdgeBecomesSpace() {
        var b = Buffer(Size(width: 3, height: 1))
        b.put("ab速", x: 0, y: 0, role: .text)
        #expect(b.text == "ab ")
    }

    @Test func overwritingHalfAWideCharBlanksTheOtherHalf() {
        var b = Buffer(Size(width: 4, height: 1))
        b.put("速速", x: 0, y: 0, role: .text)
        b.put("x", x: 1, y: 0, role: .text)
        #expect(b.text == " x速")
    }
}
