/// Incremental Server-Sent Events framing, following the WHATWG "interpreting an event stream" rules.
///
/// Fed raw bytes in whatever pieces the socket delivers (a line, an event, even one UTF-8 character
/// may be split); lines are decoded only once complete. This exists because EventSource 1.1.1 does not
/// build on Linux (it needs `URLSession.bytes`) and its parser breaks several rules tokenpace relies on:
/// it dispatches events that have no `data:` field, drops empty `data:` lines when joining, strips a
/// BOM from every line rather than only the stream's first, and dispatches a half-received event at EOF.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var afterCR = false
    private var atStreamStart = true
    private var eventType = ""
    private var data = ""
    private var hasData = false
    private var lastEventID = ""

    public init() {}

    /// Consumes the next piece of the stream and returns the events it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        for byte in bytes {
            switch byte {
            case 0x0A where afterCR:
                afterCR = false
            case 0x0A, 0x0D:
                afterCR = byte == 0x0D
                if let event = endLine() { events.append(event) }
            default:
                afterCR = false
                line.append(byte)
            }
        }
        return events
    }

    /// Whether bytes of an event that was never dispatched are pending; the rules say such an
    /// event is discarded at end of stream, so callers only use this to word their error.
    public var hasPendingEvent: Bool { !line.isEmpty || hasData }

    private mutating func endLine() -> SSEEvent? {
        defer { line.removeAll(keepingCapacity: true) }
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        if line.isEmpty { return dispatch() }
        if line[0] == UInt8(ascii: ":") { return nil }
        let field: String
        let value: String
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = String(decoding: line[..<colon], as: UTF8.self)
            var rest = line[(colon + 1)...]
            if rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() }
            value = String(decoding: rest, as: UTF8.self)
        } else {
            field = String(decoding: line, as: UTF8.self)
            value = ""
        }
        switch field {
        case "event":
            eventType = value
        case "data":
            if hasData { data.append("\n") }
            data.append(value)
            hasData = true
        case "id":
            if !value.contains("\0") { lastEventID = value }
        default:
            break  // `retry` and unknown fields: nothing to do for a one-shot stream.
        }
        return nil
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            eventType = ""
            data = ""
            hasData = false
        }
        guard hasData else { return nil }
        return SSEEvent(type: eventType.isEmpty ? "message" : eventType, data: data, lastEventID: lastEventID)
    }
}
