import Testing
import TokenPaceCore

@Suite struct DisplayWidthTests {
    @Test func asciiIsOne() { #expect(DisplayWidth.of("abc") == 3) }
    @Test func cjkIsTwo() { #expect(DisplayWidth.of("速度") == 4) }
    @Test func emojiIsTwo() { #expect(DisplayWidth.of("🚀") == 2) }
    @Test func combiningIsZero() { #expect(DisplayWidth.of("e\u{0301}") == 1) }
}
