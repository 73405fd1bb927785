import Testing

@testable import TokenPaceCore

@Suite struct DisplayWidthTests {
    @Test func asciiIsOne() { #expect(DisplayWidth.of("abc") == 3) }
    @Test func cjkIsTwo() { #expect(DisplayWidth.of("速度") == 4) }
    @Test func emojiIsTwo() { #expect(DisplayWidth.of("🚀") == 2) }
    @Test func combiningIsZero() { #expect(DisplayWidth.of("e\u{0301}") == 1) }
}

@Suite struct DisplayWidthFastPathTests {
    /// The wide ranges as the `switch` listed them before the table.
    static func referenceWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1,
            0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA,
            0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C,
            0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C,
            0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
            0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF,
            0x1B000...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251,
            0x1F300...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393,
            0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E,
            0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567,
            0x1F57A, 0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
            0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
            0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    @Test func tableMatchesTheRangeList() {
        var v: UInt32 = 0x20
        while v < 0x40000 {
            if let s = Unicode.Scalar(v), !DisplayWidth.isZeroWidth(v), v >= 0xA0 {
                #expect((DisplayWidth.of(scalar: s) == 2) == Self.referenceWide(v), "U+\(String(v, radix: 16))")
            }
            v += 1
        }
    }

    @Test func scalarsThatStandAloneAreCharactersOfTheirOwn() {
        // Next to letters, to each other and to themselves they never join into one character, so
        // text made of them can be taken scalar by scalar.
        var v: UInt32 = 0
        var checked = 0
        while v < 0x10000 {
            if DisplayWidth.standsAlone(v), let s = Unicode.Scalar(v) {
                let c = String(s)
                #expect((c + "a").count == 2 && ("a" + c).count == 2 && (c + c).count == 2 && (c + "·─速").count == 4)
                #expect(DisplayWidth.of(scalar: s) >= 1 && v != 0xFE0F)
                checked += 1
            }
            v += 1
        }
        #expect(checked > 20_000)
    }

    @Test func stringWidthMatchesCharacterByCharacter() {
        for s in ["plain", "a · b ─ c", "速度 — 2.0s", "e\u{0301}", "🚀 ok", "\u{FE0F}x", "tab\there", "a\r\nb", "👩‍👩‍👧"] {
            #expect(DisplayWidth.of(s) == s.reduce(0) { $0 + DisplayWidth.of($1) }, "\(s)")
            #expect(DisplayWidth.of(Substring(s)) == DisplayWidth.of(s))
        }
    }
}
