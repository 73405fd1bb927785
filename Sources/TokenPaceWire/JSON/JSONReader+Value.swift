import TokenPaceCore

extension JSONReader {
    /// Reads any one value whole: for the free-form parts of a payload (error objects, tool
    /// arguments) and the objects a trace keeps as the server sent them (usage, timings).
    mutating func value(depth: Int = 0) throws(JSONReadError) -> JSONValue {
        guard depth < Self.maxDepth else { throw fail("nested too deeply") }
        switch try peekValue() {
        case UInt8(ascii: "{"):
            _ = try beginObject()
            var members: [JSONValue.Member] = []
            while let key = try nextKey() { members.append(JSONValue.Member(key.text, try value(depth: depth + 1))) }
            return .object(members)
        case UInt8(ascii: "["):
            _ = try beginArray()
            var items: [JSONValue] = []
            while try nextElement() { items.append(try value(depth: depth + 1)) }
            return .array(items)
        case UInt8(ascii: "\""): return try string().map(JSONValue.string) ?? .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return try bool().map(JSONValue.bool) ?? .null
        case UInt8(ascii: "n"):
            try null(else: "null")
            return .null
        default: return try double().map(JSONValue.number) ?? .null
        }
    }

    /// An object read whole, or nil for `null`; any other value is the wrong type.
    mutating func objectValue() throws(JSONReadError) -> JSONValue? {
        switch try peekValue() {
        case UInt8(ascii: "{"): return try value()
        case UInt8(ascii: "n"):
            try null(else: "an object")
            return nil
        default: throw fail("expected an object")
        }
    }
}
