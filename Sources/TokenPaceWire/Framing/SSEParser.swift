/// Incremental Server-Sent Events framing, following the WHATWG "interpreting an event stream" rules.
///
/// Fed raw bytes in whatever pieces the socket delivers (a line, an event, even one UTF-8 character
/// may be split); lines are decoded only once complete. This exists because EventSource 1.1.1 does not
/// build on Linux (it needs `URLSession.bytes`) and its parser breaks several rules tokenpace relies on:
/// it dispatches events that have no `data:` field, drops empty `data:` lines when joining, strips a
/// BOM from every line rather than only the stream's first, and dispatches a half-received event at EOF.
///
/// On the hot path of every live pane: each piece is scanned in place for line ends, only a line cut
/// by the end of a piece is copied, and an event's `data` becomes a `String` once, at dispatch.
public struct SSEParser: Sendable {
    /// The start of a line that the previous piece cut off.
    private var line: [UInt8] = []
    private var afterCR = false
    private var atStreamStart = true
    private var eventType = ""
    private var data: [UInt8] = []
    private var hasData = false
    private var lastEventID = ""

    public init() {}

    /// Consumes the next piece of the stream and returns the events it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let done: Void? = bytes.withContiguousStorageIfAvailable { feed($0, into: &events) }
        if done == nil {
            Array(bytes).withUnsafeBufferPointer { feed($0, into: &events) }
        }
        return events
    }

    /// Whether bytes of an event that was never dispatched are pending; the rules say such an
    /// event is discarded at end of stream, so callers only use this to word their error.
    public var hasPendingEvent: Bool { !line.isEmpty || hasData }

    private mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        var i = 0
        let n = bytes.count
        if afterCR, n > 0 {
            afterCR = false
            if bytes[0] == 0x0A { i = 1 }
        }
        while i < n {
            var j = i
            while j < n, bytes[j] != 0x0A, bytes[j] != 0x0D { j += 1 }
            guard j < n else {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<n]))
                return
            }
            let event: SSEEvent?
            if line.isEmpty {
                event = endLine(UnsafeBufferPointer(rebasing: bytes[i..<j]))
            } else {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                event = line.withUnsafeBufferPointer { endLine($0) }
                line.removeAll(keepingCapacity: true)
            }
            if let event { events.append(event) }
            // A CR ends the line; an LF right after it belongs to the same line end.
            if bytes[j] == 0x0D {
                if j + 1 < n {
                    j += bytes[j + 1] == 0x0A ? 1 : 0
                } else {
                    afterCR = true
                }
            }
            i = j + 1
        }
    }

    private mutating func endLine(_ whole: UnsafeBufferPointer<UInt8>) -> SSEEvent? {
        var line = whole[...]
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        }
        if line.isEmpty { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }
        let field: Slice<UnsafeBufferPointer<UInt8>>
        var value: Slice<UnsafeBufferPointer<UInt8>>
        if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
            field = line[..<colon]
            value = line[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            field = line
            value = line[line.endIndex...]
        }
        if Self.equals(field, "data") {
            if hasData { data.append(0x0A) }
            data.append(contentsOf: UnsafeBufferPointer(rebasing: value))
            hasData = true
        } else if Self.equals(field, "event") {
            eventType = String(decoding: UnsafeBufferPointer(rebasing: value), as: UTF8.self)
        } else if Self.equals(field, "id") {
            if !value.contains(0) {
                lastEventID = String(decoding: UnsafeBufferPointer(rebasing: value), as: UTF8.self)
            }
        }
        // `retry` and unknown fields: nothing to do for a one-shot stream.
        return nil
    }

    private static func equals(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let p = name.utf8Start
        var k = 0
        for b in bytes {
            if b != p[k] { return false }
            k += 1
        }
        return true
    }

    private mutating func dispatch() -> SSEEvent? {
        defer {
            eventType = ""
            data.removeAll(keepingCapacity: true)
            hasData = false
        }
        guard hasData else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        return SSEEvent(type: eventType.isEmpty ? "message" : eventType, data: text, lastEventID: lastEventID)
    }
}
