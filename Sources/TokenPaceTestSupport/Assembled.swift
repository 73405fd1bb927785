import TokenPaceCore
import TokenPaceWire

/// What a pane would show after a stream: the events folded into text, counts and clocks (shared by
/// the wire and backends tests).
public struct Assembled: Sendable {
    public var events: [BackendEvent] = []

    public init(_ events: [BackendEvent]) { self.events = events }

    public var tokens: [TokenEvent] {
        events.compactMap { if case .token(let t) = $0 { return t } else { return nil } }
    }

    public func text(_ kind: TokenKind = .answer) -> String {
        tokens.filter { $0.kind == kind }.map(\.text).joined()
    }

    public var usage: Usage? {
        events.compactMap { if case .usage(let u) = $0 { return u } else { return nil } }.last
    }

    public var timings: ServerTimings? {
        events.compactMap { if case .serverTimings(let s) = $0 { return s } else { return nil } }.last
    }

    public var finished: String?? {
        for case .finished(let reason) in events { return .some(reason) }
        return nil
    }

    public var failure: BackendError? {
        for case .failed(let error) in events { return error }
        return nil
    }

    public var ttft: Double? { tokens.first?.t }

    /// Tokens arrive in time order and nothing follows the terminal event.
    public var isWellFormed: Bool {
        let times = tokens.map(\.t)
        let terminalIndex = events.firstIndex { $0.isTerminal }
        return zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }
            && (terminalIndex == nil || terminalIndex == events.count - 1)
    }
}

/// Feeds pieces to a decoder the way the client does, then ends the stream.
public func decode(_ decoder: some StreamDecoder, _ pieces: [(t: Double, bytes: [UInt8])]) -> Assembled {
    var decoder = decoder
    var events: [BackendEvent] = []
    for piece in pieces { events += decoder.feed(piece.bytes, at: piece.t) }
    events += decoder.finish(at: pieces.last?.t ?? 0)
    return Assembled(events)
}

public func decode(_ decoder: some StreamDecoder, _ text: String, at t: Double = 0) -> Assembled {
    decode(decoder, [(t, Array(text.utf8))])
}

extension BackendEvent {
    public var isToken: Bool { if case .token = self { true } else { false } }
}

/// Splits bytes at pseudo-random points, reproducibly, to mimic arbitrary socket reads.
public func randomPieces(_ bytes: [UInt8], seed: UInt64, maxPiece: Int = 7) -> [[UInt8]] {
    var rng = SeededRandom(seed: seed)
    var pieces: [[UInt8]] = []
    var i = 0
    while i < bytes.count {
        let n = Int(rng.next() % UInt64(maxPiece)) + 1
        pieces.append(Array(bytes[i..<min(i + n, bytes.count)]))
        i += n
    }
    return pieces
}
