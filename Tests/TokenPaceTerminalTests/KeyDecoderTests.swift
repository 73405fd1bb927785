import CNcursesw
import Testing
import TokenPaceCore

@testable import TokenPaceTerminal

@Suite struct KeyDecoderTests {
    @Test func controlCharacters() {
        #expect(KeyDecoder.decode(code: 3, isFunctionKey: false) == .key(.ctrlC))
        #expect(KeyDecoder.decode(code: 9, isFunctionKey: false) == .key(.tab))
        #expect(KeyDecoder.decode(code: 13, isFunctionKey: false) == .key(.enter))
        #expect(KeyDecoder.decode(code: 10, isFunctionKey: false) == .key(.enter))
        #expect(KeyDecoder.decode(code: 27, isFunctionKey: false) == .key(.escape))
        #expect(KeyDecoder.decode(code: 127, isFunctionKey: false) == .key(.backspace))
        #expect(KeyDecoder.decode(code: 8, isFunctionKey: false) == .key(.backspace))
        #expect(KeyDecoder.decode(code: 26, isFunctionKey: false) == .suspend)
        #expect(KeyDecoder.decode(code: 1, isFunctionKey: false) == .ignored)
    }

    @Test func printableCharacters() {
        #expect(KeyDecoder.decode(code: UInt32(UInt8(ascii: "q")), isFunctionKey: false) == .key(.char("q")))
        #expect(KeyDecoder.decode(code: 0x901F, isFunctionKey: false) == .key(.char("速")))
        #expect(KeyDecoder.decode(code: 0x1F600, isFunctionKey: false) == .key(.char("😀")))
    }

    @Test func functionKeys() {
        func key(_ code: Int32) -> InputEvent { KeyDecoder.decode(code: UInt32(code), isFunctionKey: true) }
        #expect(key(KEY_UP) == .key(.up))
        #expect(key(KEY_DOWN) == .key(.down))
        #expect(key(KEY_LEFT) == .key(.left))
        #expect(key(KEY_RIGHT) == .key(.right))
        #expect(key(KEY_PPAGE) == .key(.pageUp))
        #expect(key(KEY_NPAGE) == .key(.pageDown))
        #expect(key(KEY_HOME) == .key(.home))
        #expect(key(KEY_END) == .key(.end))
        #expect(key(KEY_BTAB) == .key(.backTab))
        #expect(key(KEY_ENTER) == .key(.enter))
        #expect(key(KEY_BACKSPACE) == .key(.backspace))
        #expect(key(KEY_RESIZE) == .key(.resize))
        #expect(key(KEY_F0 + 5) == .ignored)
    }

    @Test func functionKeyCodesAreNotCharacters() {
        // KEY_UP's value is also a printable code point; only the flag tells them apart.
        #expect(KeyDecoder.decode(code: UInt32(KEY_UP), isFunctionKey: false) != .key(.up))
    }

    @Test func combiningMarkJoinsThePreviousCharacter() {
        var keys: [Key] = []
        KeyDecoder.append(.key(.char("e")), to: &keys)
        KeyDecoder.append(KeyDecoder.decode(code: 0x301, isFunctionKey: false), to: &keys)
        KeyDecoder.append(.key(.char("x")), to: &keys)
        KeyDecoder.append(.ignored, to: &keys)
        #expect(keys == [.char("e\u{301}"), .char("x")])
    }
}
