/// One dispatched server-sent event.
struct SSEEvent: Equatable {
    var type: String
    var data: String
    var id: String?
}

/// Splits a byte stream into server-sent events by the WHATWG rules: LF, CRLF or a lone CR end a
/// line (a CRLF split across reads included), a leading BOM is dropped, `:` lines are comments,
/// one leading space of a value is dropped, `data:` lines join with "\n", and an event with no
/// data is not dispatched. Lines are decoded only once complete, so a UTF-8 character split
/// across reads is whole again.
struct SSEParser {
    private var line: [UInt8] = []
    private var afterCR = false
    private var started = false
    private var pendingStart: [UInt8] = []
    private var eventType = ""
    private var data = ""
    private var hasData = false
    private var lastID: String?

    mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        var out: [SSEEvent] = []
        for b in bytes {
            if !started {
                pendingStart.append(b)
                let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
                if pendingStart.count < 3, Array(bom.prefix(pendingStart.count)) == pendingStart { continue }
                started = true
                let pending = pendingStart == bom ? [] : pendingStart
                pendingStart = []
                for p in pending { take(p, into: &out) }
                continue
            }
            take(b, into: &out)
        }
        return out
    }

    /// The stream ended: an event not closed by a blank line is dropped (WHATWG), so nothing is
    /// dispatched; any bytes held back for a possible BOM are read as text.
    mutating func finish() -> [SSEEvent] {
        var out: [SSEEvent] = []
        if !started {
            started = true
            let pending = pendingStart
            pendingStart = []
            for p in pending { take(p, into: &out) }
        }
        return out
    }

    private mutating func take(_ b: UInt8, into out: inout [SSEEvent]) {
        if afterCR {
            afterCR = false
            if b == 0x0A { return }
        }
        switch b {
        case 0x0D:
            afterCR = true
            endLine(into: &out)
        case 0x0A:
            endLine(into: &out)
        default:
            line.append(b)
        }
    }

    private mutating func endLine(into out: inout [SSEEvent]) {
        let text = String(decoding: line, as: UTF8.self)
        line.removeAll(keepingCapacity: true)
        if text.isEmpty {
            if hasData {
                out.append(SSEEvent(type: eventType.isEmpty ? "message" : eventType, data: data, id: lastID))
            }
            data = ""
            hasData = false
            eventType = ""
            return
        }
        if text.hasPrefix(":") { return }
        var field = Substring(text)
        var value = Substring("")
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        }
        switch field {
        case "event":
            eventType = String(value)
        case "data":
            if hasData { data += "\n" }
            data += value
            hasData = true
        case "id":
            if !value.contains("\u{0}") { lastID = String(value) }
        default:
            break
        }
    }
}
