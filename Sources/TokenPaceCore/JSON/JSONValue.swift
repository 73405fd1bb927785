/// The one JSON value type of tokenpace: trace headers, request and reply bodies, the free-form
/// parts of a stream (error objects, tool arguments, usage and timings as a server sent them).
///
/// Objects keep their key order, so a written trace or request reads the way it was built (header
/// key first), and the core needs no Foundation to read or write one.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value under `key` when this is an object (the last one wins, as in most parsers).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var number: Double? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// A whole number that fits an Int.
    public var int: Int? {
        guard let n = number, n.rounded() == n, abs(n) < 9e15 else { return nil }
        return Int(n)
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var members: [Member]? {
        if case .object(let m) = self { return m }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// An object from key/value pairs, skipping nil values.
    public static func fields(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { k, v in v.map { Member(k, $0) } })
    }
}
