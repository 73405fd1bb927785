import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

/// Each WHATWG framing rule from PROTOCOLS.md, one test each, plus arbitrary splits.
@Suite struct SSEParserTests {
    private func events(_ text: String) -> [SSEEvent] {
        var parser = SSEParser()
        return parser.feed(Array(text.utf8))
    }

    private func events(_ bytes: [UInt8]) -> [SSEEvent] {
        var parser = SSEParser()
        return parser.feed(bytes)
    }

    @Test func linesEndInLFCRLFOrLoneCR() {
        #expect(events("data: a\n\n").map(\.data) == ["a"])
        #expect(events("data: a\r\n\r\n").map(\.data) == ["a"])
        #expect(events("data: a\r\r").map(\.data) == ["a"])
        #expect(events("data: a\r\ndata: b\rdata: c\n\r\n").map(\.data) == ["a\nb\nc"])
    }

    @Test func crlfSplitAcrossReadsIsOneLineEnd() {
        var parser = SSEParser()
        var out = parser.feed(Array("data: a\r".utf8))
        out += parser.feed(Array("\ndata: b\r".utf8))
        out += parser.feed(Array("\n\r".utf8))
        out += parser.feed(Array("\n".utf8))
        #expect(out.map(\.data) == ["a\nb"])
    }

    @Test func loneCRAtTheEndOfAPieceEndsTheLine() {
        var parser = SSEParser()
        var out = parser.feed(Array("data: a\r".utf8))
        out += parser.feed(Array("data: b\r\r".utf8))
        out += parser.feed(Array("data: c\r".utf8))
        out += parser.feed([UInt8]())
        out += parser.feed(Array("\r".utf8))
        #expect(out.map(\.data) == ["a\nb", "c"])
    }

    @Test func piecesWithoutContiguousStorageAreReadToo() {
        var parser = SSEParser()
        let out = parser.feed("data: x\r\ndata: é\n\n".utf8.lazy.map { $0 })
        #expect(out.map(\.data) == ["x\né"])
        var splitter = LineSplitter()
        #expect(splitter.feed("{\"a\":1}\r\n{\"b\"".utf8.lazy.map { $0 }) == ["{\"a\":1}"])
        #expect(splitter.finish() == "{\"b\"")
    }

    @Test func leadingBOMIsIgnoredOnlyAtStreamStart() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(events(bom + Array("data: a\n\n".utf8)).map(\.data) == ["a"])
        // Later, a BOM is part of the field name, so the line is an unknown field.
        #expect(events(Array("data: a\n\n".utf8) + bom + Array("data: b\n\n".utf8)).map(\.data) == ["a"])
        // A BOM split across reads is still the leading BOM.
        var parser = SSEParser()
        var out = parser.feed([0xEF])
        out += parser.feed([0xBB, 0xBF] + Array("data: a\n\n".utf8))
        #expect(out.map(\.data) == ["a"])
    }

    @Test func commentsAreIgnored() {
        #expect(events(": OPENROUTER PROCESSING\n\n: ping\ndata: x\n: mid\n\n").map(\.data) == ["x"])
    }

    @Test func exactlyOneLeadingSpaceIsDropped() {
        #expect(events("data:x\n\ndata: x\n\ndata:  x\n\n").map(\.data) == ["x", "x", " x"])
        #expect(events("event:  spaced\ndata: 1\n\n").map(\.type) == [" spaced"])
    }

    @Test func fieldIsTextBeforeFirstColon() {
        #expect(events("data: a:b: c\n\n").map(\.data) == ["a:b: c"])
    }

    @Test func lineWithoutColonIsFieldWithEmptyValue() {
        #expect(events("data\n\n").map(\.data) == [""])
        #expect(events("data\ndata\n\n").map(\.data) == ["\n"])
    }

    @Test func multipleDataLinesJoinWithNewline() {
        #expect(events("data: a\ndata: b\ndata: c\n\n").map(\.data) == ["a\nb\nc"])
        // Empty data lines count too (EventSource 1.1.1 drops these).
        #expect(events("data:\ndata: x\n\n").map(\.data) == ["\nx"])
        #expect(events("data: x\ndata:\n\n").map(\.data) == ["x\n"])
    }

    @Test func eventWithoutDataIsNotDispatched() {
        #expect(events("event: ping\n\n").isEmpty)
        #expect(events("id: 7\n\n").isEmpty)
        #expect(events("retry: 100\n\n").isEmpty)
        // ... and its name does not leak into the next event.
        #expect(events("event: ping\n\ndata: x\n\n") == [SSEEvent(type: "message", data: "x")])
    }

    @Test func eventNamesDefaultToMessageAndResetAfterDispatch() {
        let out = events("event: content_block_delta\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n")
        #expect(out.map(\.type) == ["content_block_delta", "message", "message"])
    }

    @Test func unknownFieldsAreIgnored() {
        // Old llama-server builds sent `error: {...}` lines: a conforming parser drops them.
        #expect(events("error: {\"message\":\"boom\"}\n\n").isEmpty)
        #expect(events("foo: bar\ndata: x\n\n").map(\.data) == ["x"])
    }

    @Test func idPersistsAndNulIsRejected() {
        let out = events("id: 1\ndata: a\n\ndata: b\n\nid: x\u{0}y\ndata: c\n\n")
        #expect(out.map(\.lastEventID) == ["1", "1", "1"])
    }

    @Test func incompleteEventAtEndIsNotDispatched() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\n\ndata: partial\n".utf8)).map(\.data) == ["a"])
        #expect(parser.hasPendingEvent)
    }

    @Test func utf8CharacterSplitAcrossReads() {
        let text = "data: é🙂 ok\n\n"
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            var parser = SSEParser()
            let out = parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
            #expect(out.map(\.data) == ["é🙂 ok"], "cut at \(cut)")
        }
    }

    @Test func anySplitGivesTheSameEvents() throws {
        let body = try Fixtures.body("llama-server-anthropic-messages")
        let whole = events(body)
        #expect(whole.count > 20)
        for seed in UInt64(1)...20 {
            var parser = SSEParser()
            let split = randomPieces(body, seed: seed).flatMap { parser.feed($0) }
            #expect(split == whole)
        }
        var parser = SSEParser()
        #expect(body.flatMap { parser.feed([$0]) } == whole)
    }
}

@Suite struct LineSplitterTests {
    @Test func splitsOnLFDropsCRAndBlankLinesKeepsSplitCharacters() {
        var splitter = LineSplitter()
        let bytes = Array("{\"a\":\"é\"}\r\n\n  \n{\"b\":1}\n{\"c\"".utf8)
        var lines: [String] = []
        for b in bytes { lines += splitter.feed([b]) }
        #expect(lines == ["{\"a\":\"é\"}", "{\"b\":1}"])
        #expect(splitter.finish() == "{\"c\"")
    }
}
