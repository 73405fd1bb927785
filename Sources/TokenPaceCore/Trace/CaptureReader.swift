/// Reads a raw capture (`captures/*.jsonl`: line 1 request/status/headers, then one
/// `{"t_ms", "data"}` per socket read): what one request sent and received, byte for byte, with
/// arrival times. Decoding the bytes is the wire layer's job (`CaptureConverter` in TokenPaceWire),
/// so a capture is read by the same decoders as a live stream.
public enum CaptureReader {
    /// One socket read of a capture.
    public struct Read: Sendable, Equatable {
        public var t: Double
        public var bytes: [UInt8]

        public init(t: Double, bytes: [UInt8]) {
            self.t = t
            self.bytes = bytes
        }
    }

    /// A capture's first line and its reads.
    public struct Capture: Sendable, Equatable {
        public var request: JSONValue
        public var path: String
        public var status: Int
        public var headers: JSONValue
        public var reads: [Read]
        /// The body ended: every byte is here (a capture file, a finished request). A live request
        /// still streaming, or cut off by a timeout, is not complete.
        public var complete: Bool

        public init(
            request: JSONValue, path: String, status: Int, headers: JSONValue, reads: [Read], complete: Bool = true
        ) {
            self.request = request
            self.path = path
            self.status = status
            self.headers = headers
            self.reads = reads
            self.complete = complete
        }
    }

    public static func parse(_ text: String, path: String) throws(TraceError) -> Capture {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw TraceError(path: path, line: 0, message: "empty capture") }
        let head = try TraceFile.json(first, path: path, line: 1)
        guard let request = head["request"], let status = head["status"]?.int else {
            throw TraceError(path: path, line: 1, message: "not a capture: line 1 needs \"request\" and \"status\"")
        }
        var reads: [Read] = []
        for (index, line) in lines.enumerated().dropFirst() {
            if line.allSatisfy(\.isWhitespace) { continue }
            var parser = JSONParser(Array(line.utf8), surrogateEscape: true)
            var t: Double?
            var bytes: [UInt8]?
            do {
                try parser.parseObject { key, p throws(JSONSyntaxError) in
                    switch key {
                    case "data": bytes = try p.parseStringBytes()
                    case "t_ms": t = try p.parseValue(depth: 1).number
                    default: _ = try p.parseValue(depth: 1)
                    }
                }
            } catch {
                let what = error.message.contains("end of line") ? "truncated line" : "corrupted line"
                throw TraceError(
                    path: path, line: index + 1, message: "\(what): \(error.message) at column \(error.offset + 1)")
            }
            guard let t, let bytes else {
                throw TraceError(path: path, line: index + 1, message: "capture line needs \"t_ms\" and \"data\"")
            }
            reads.append(Read(t: t / 1000, bytes: bytes))
        }
        return Capture(
            request: request, path: head["path"]?.string ?? "", status: status, headers: head["headers"] ?? .object([]),
            reads: reads)
    }
}
