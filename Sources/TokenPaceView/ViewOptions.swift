/// How to draw, beyond the state: ASCII-only borders for terminals without UTF-8.
public struct ViewOptions: Sendable, Equatable {
    public var ascii: Bool
    public init(ascii: Bool = false) { self.ascii = ascii }
}
