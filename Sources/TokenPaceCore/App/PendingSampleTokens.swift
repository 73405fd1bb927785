// Temporary until the tokenizer lands.
extension Sample {
    public func tokens() -> [Token] {
        var out: [Token] = []
        for seg in segments {
            var cur = ""
            var first = true
            for ch in seg.text {
                if ch == " " || ch == "\n", !cur.isEmpty {
                    out.append(Token(cur, kind: seg.kind, step: seg.step, toolLatency: first ? seg.toolLatency : nil))
                    first = false
                    cur = ""
                }
                cur.append(ch)
            }
            if !cur.isEmpty { out.append(Token(cur, kind: seg.kind, step: seg.step, toolLatency: first ? seg.toolLatency : nil)) }
        }
        return out
    }
    public var promptTokenCount: Int { prompt.split(separator: " ").count }
}
