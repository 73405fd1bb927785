import TokenPaceCore
import TokenPaceWire

/// What a pane would show after a stream: the events folded into text, counts and clocks.
struct Assembled {
    var events: [BackendEvent] = []

    init(_ events: [BackendEvent]) { self.events = events }

    var tokens: [TokenEvent] {
        events.compactMap { if case .token(let t) = $0 { return t } else { return nil } }
    }

    func text(_ kind: TokenKind = .answer) -> String {
        tokens.filter { $0.kind == kind }.map(\.text).joined()
    }

    var usage: Usage? {
        events.compactMap { if case .usage(let u) = $0 { return u } else { return nil } }.last
    }

    var timings: ServerTimings? {
        events.compactMap { if case .serverTimings(let s) = $0 { return s } else { return nil } }.last
    }

    var finished: String?? {
        for case .finished(let reason) in events { return .some(reason) }
        return nil
    }

    var failure: BackendError? {
        for case .failed(let error) in events { return error }
        return nil
    }

    var ttft: Double? { tokens.first?.t }

    /// Tokens arrive in time order and nothing follows the terminal event.
    var isWellFormed: Bool {
        let times = tokens.map(\.t)
        let terminalIndex = events.firstIndex { $0.isTerminal }
        return zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
            && (terminalIndex == nil || terminalIndex == events.count - 1)
    }
}

/// Feeds pieces to a decoder the way the client does, then ends the stream.
func decode(_ decoder: some StreamDecoder, _ pieces: [(t: Double, bytes: [UInt8])]) -> Assembled {
    var decoder = decoder
    var events: [BackendEvent] = []
    for piece in pieces { events += decoder.feed(piece.bytes, at: piece.t) }
    events += decoder.finish(at: pieces.last?.t ?? 0)
    return Assembled(events)
}

func decode(_ decoder: some StreamDecoder, _ text: String, at t: Double = 0) -> Assembled {
    decode(decoder, [(t, Array(text.utf8))])
}

extension BackendEvent {
    var isToken: Bool { if case .token = self { true } else { false } }
}

/// Splits bytes at pseudo-random points, reproducibly, to mimic arbitrary socket reads.
func randomPieces(_ bytes: [UInt8], seed: UInt64, maxPiece: Int = 7) -> [[UInt8]] {
    var rng = SplitMix64(seed: seed)
    var pieces: [[UInt8]] = []
    var i = 0
    while i < bytes.count {
        let n = Int(rng.next() % UInt64(maxPiece)) + 1
        pieces.append(Array(bytes[i..<min(i + n, bytes.count)]))
        i += n
    }
    return pieces
}

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
