/// Which answer tokens sit inside ``` fences, found one token at a time: a live answer grows a token
/// at a time, and each costs only its own text. A fence is three backticks at the start of a line
/// (after spaces or tabs), even when split over tokens; the fence lines themselves count as code.
public struct CodeFenceScan: Sendable {
    private var inFence = false
    private var lineStart = true
    private var pendingFence = 0

    public init() {}

    /// Whether `token`, the next of the answer, is code (never for text that is not the answer's).
    public mutating func next(_ token: Token) -> Bool {
        guard token.kind == .answer else { return false }
        var code = inFence
        for ch in token.text {
            if ch == "`" && (lineStart || pendingFence > 0) {
                pendingFence += 1
                if pendingFence == 3 {
                    inFence.toggle()
                    code = true
                }
                lineStart = false
                continue
            }
            pendingFence = 0
            lineStart = ch == "\n" || (lineStart && (ch == " " || ch == "\t"))
        }
        return code
    }
}
