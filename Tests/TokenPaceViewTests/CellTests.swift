import Testing
import TokenPaceCore
import TokenPaceView

@Suite struct CellTests {
    @Test func cellIsEightBytesWithoutPadding() {
        // Rows are compared as memory: every byte of a cell must belong to a field.
        #expect(MemoryLayout<Cell>.size == 8)
        #expect(MemoryLayout<Cell>.stride == 8)
    }

    @Test func charactersRoundTrip() {
        for c: Character in ["a", " ", "速", "🚀", "e\u{0301}", "👩‍👩‍👧", "☺\u{FE0F}", "\u{0301}"] {
            let cell = Cell(c, role: .text)
            #expect(cell.char == c)
            #expect(cell.glyph.width == DisplayWidth.of(c))
        }
    }

    @Test func equalClustersMakeEqualCells() {
        #expect(Cell("👩‍👩‍👧", role: .text) == Cell("👩‍👩‍👧", role: .text))
        #expect(Cell("👩‍👩‍👧", role: .text) != Cell("👩‍👩‍👦", role: .text))
        #expect(Cell("a", role: .text) != Cell("a", role: .dim))
    }

    /// The old way: one character at a time through `put(_:x:y:role:limit:)` on single characters.
    func oneByOne(_ chars: [StyledChar], width: Int, x: Int, limit: Int) -> Buffer {
        var b = Buffer(Size(width: width, height: 1))
        b.put("xx速yy", x: 0, y: 0, role: .dim)
        var col = x
        for c in chars { col = b.put(c, x: col, y: 0, limit: limit) }
        return b
    }

    @Test func rowPutMatchesPuttingOneByOne() {
        let texts = ["abc", "速度a", "a\u{0301}b", "🚀x", "ab速", "速速速速", " ", "\u{0301}ab"]
        for text in texts {
            let chars = text.map { StyledChar($0, role: .text) }
            for x in 0..<4 {
                for limit in 0...7 {
                    var b = Buffer(Size(width: 7, height: 1))
                    b.put("xx速yy", x: 0, y: 0, role: .dim)
                    let end = b.put(row: chars, x: x, y: 0, limit: limit)
                    var col = x
                    var ref = Buffer(Size(width: 7, height: 1))
                    ref.put("xx速yy", x: 0, y: 0, role: .dim)
                    for c in chars { col = ref.put(c, x: col, y: 0, limit: limit) }
                    #expect(b == ref, "\(text) x \(x) limit \(limit)")
                    #expect(end == col)
                }
            }
        }
    }

    @Test func textPutKeepsWideCharactersWhole() {
        // The fast paths (ASCII, then scalar by scalar) and the character path agree on clipping.
        for (text, limit, expected) in [
            ("abcdef", 4, "abcd    "), ("a·b─c", 4, "a·b─    "), ("a速b", 2, "a       "), ("a速b", 3, "a速     "),
            ("e\u{0301}x", 8, "e\u{0301}x      "),
        ] {
            var b = Buffer(Size(width: 8, height: 1))
            b.put(text, x: 0, y: 0, role: .text, limit: limit)
            #expect(b.text == expected, "\(text) limit \(limit)")
        }
    }
}
