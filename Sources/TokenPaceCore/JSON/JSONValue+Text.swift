extension JSONValue {
    /// Compact JSON on one line (a JSON Lines record): keys in their own order, numbers in their
    /// shortest exact form, whole numbers without ".0".
    public var compact: String {
        var out = ""
        write(to: &out, spaced: true)
        return out
    }

    /// Without spaces after separators, the way HTTP APIs send JSON.
    public var tight: String {
        var out = ""
        write(to: &out, spaced: false)
        return out
    }

    /// Reads a JSON text; the error message says where it stopped.
    public static func parse(_ text: String) throws(ValueError) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw ValueError("invalid JSON: \(error.message) at byte \(error.offset + 1)")
        }
    }

    func write(to out: inout String, spaced: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += JSONValue.format(n)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (k, v) in items.enumerated() {
                if k > 0 { out += "," }
                v.write(to: &out, spaced: spaced)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (k, m) in members.enumerated() {
                if k > 0 { out += spaced ? ", " : "," }
                JSONValue.writeString(m.key, to: &out)
                out += spaced ? ": " : ":"
                m.value.write(to: &out, spaced: spaced)
            }
            out += "}"
        }
    }

    static func format(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
