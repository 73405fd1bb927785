/// Keeps credentials out of traces. Traces get shared and committed, so anything that looks like
/// a key is dropped before it can be written: URL user info, secret query parameters, and
/// settings named like a credential.
public enum TraceRedaction {
    /// Setting names dropped whatever their value.
    static let secretNames: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "api_key", "apikey", "key", "password",
        "secret", "cookie", "x-goog-api-key",
    ]

    /// True when a setting called `key` holding `value` may be a credential: a known name, or a
    /// name containing "token", "secret" or "password" with a text value (so `max_tokens: 200`
    /// stays).
    public static func isSecret(key: String, value: TraceJSON) -> Bool {
        let k = key.lowercased()
        if secretNames.contains(k) || k.hasSuffix("_key") || k.hasSuffix("-key") || k.hasSuffix("apikey") {
            return true
        }
        if k.contains("token") || k.contains("secret") || k.contains("password") || k.contains("auth") {
            if case .number = value { return false }
            if case .bool = value { return false }
            return true
        }
        return false
    }

    /// `settings` without credentials, at any depth.
    public static func settings(_ value: TraceJSON) -> TraceJSON {
        switch value {
        case .object(let members):
            return .object(
                members.compactMap { m in
                    isSecret(key: m.key, value: m.value) ? nil : .init(m.key, settings(m.value))
                })
        case .array(let items):
            return .array(items.map(settings))
        default:
            return value
        }
    }

    /// `url` without user info and without query parameters named like credentials
    /// (`?key=…`, `?api_key=…`, `?access_token=…`, `?sig=…`).
    public static func url(_ url: String) -> String {
        var rest = Substring(url)
        var scheme = Substring("")
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            let after = rest.index(colon, offsetBy: 3)
            scheme = rest[..<after]
            rest = rest[after...]
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var tail = rest[authorityEnd...]
        var fragment = Substring("")
        if let hash = tail.firstIndex(of: "#") {
            fragment = tail[hash...]
            tail = tail[..<hash]
        }
        var path = tail
        var query = ""
        if let q = tail.firstIndex(of: "?") {
            path = tail[..<q]
            let kept = tail[tail.index(after: q)...].split(separator: "&").filter { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
                return !isSecretQueryName(name)
            }
            if !kept.isEmpty { query = "?" + kept.joined(separator: "&") }
        }
        return String(scheme) + String(authority) + String(path) + query + String(fragment)
    }

    static func isSecretQueryName(_ name: String) -> Bool {
        let n = name.lowercased()
        return ["key", "sig", "signature", "code"].contains(n) || n.contains("token") || n.contains("secret")
            || n.contains("password") || n.contains("auth") || n.hasSuffix("key")
    }
}
