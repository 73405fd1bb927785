/// A token piece that arrived: what a source (simulation, trace, live backend) hands to the core.
///
/// `t` is seconds since the request was sent. `count` is how many model tokens the piece stands for
/// (a live delta can hold several; the server's usage count wins when it has one).
public struct TokenEvent: Sendable, Equatable {
    public var text: String
    public var kind: TokenKind
    public var t: Double
    public var count: Int

    public init(text: String, kind: TokenKind, t: Double, count: Int = 1) {
        self.text = text
        self.kind = kind
        self.t = t
        self.count = count
    }
}
