import Testing

@testable import TokenPaceCore

/// The capture file format: line 1 request/status/headers, then one read per line.
@Suite struct CaptureReaderTests {
    static let head =
        #"{"request": {"model": "m", "stream": true}, "path": "/v1/chat/completions", "status": 200, "headers": {"Content-Type": "text/event-stream"}}"#

    @Test func readsKeepTheirBytesAndArrivalTimes() throws {
        // `\udcce` is Python's surrogateescape for the byte 0xCE: the first half of "α" cut by a read.
        let text =
            Self.head + "\n" + #"{"t_ms": 12.5, "data": "data: x\udcce"}"# + "\n"
            + #"{"t_ms": 20, "data": "\udcb1\n\n"}"# + "\n"
        let capture = try CaptureReader.parse(text, path: "c.jsonl")
        #expect(capture.status == 200)
        #expect(capture.path == "/v1/chat/completions")
        #expect(capture.request["model"]?.string == "m")
        #expect(capture.headers["Content-Type"]?.string == "text/event-stream")
        #expect(capture.complete)
        #expect(capture.reads.map(\.t) == [0.0125, 0.02])
        #expect(capture.reads[0].bytes == Array("data: x".utf8) + [0xCE])
        #expect(String(decoding: capture.reads.flatMap(\.bytes), as: UTF8.self) == "data: xα\n\n")
    }

    @Test(arguments: [
        ("", "c.jsonl: empty capture"),
        (#"{"status": 200}"#, "c.jsonl:1: not a capture"),
        (head + "\n" + #"{"t_ms": 1}"#, "c.jsonl:2: capture line needs"),
        (head + "\n" + #"{"t_ms": 1, "data": "x"}"# + "\n" + #"{"t_ms": 2, "data": "da"#, "c.jsonl:3: truncated line"),
        (head + "\n" + "not json", "c.jsonl:2: corrupted line"),
    ])
    func badFilesNameTheLine(text: String, prefix: String) {
        do {
            _ = try CaptureReader.parse(text, path: "c.jsonl")
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(prefix), "\(error.description)")
        }
    }
}
