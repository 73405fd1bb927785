/// Keeps credentials out of traces. Traces get shared and committed, so anything that looks like
/// a key is dropped before it can be written: URL user info, secret query parameters, settings named
/// like a credential, and values that look like one whatever they are called (`sk-…`, `Bearer …`,
/// or a key the app was given).
public enum TraceRedaction {
    /// Setting names dropped whatever their value.
    static let secretNames: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "api_key", "apikey", "key", "password",
        "secret", "cookie", "x-goog-api-key",
    ]

    /// True when a setting called `key` holding `value` may be a credential: a known name, or a
    /// name containing "token", "secret" or "password" with a text value (so `max_tokens: 200`
    /// stays, and `prompt_tokens_details: {...}` is kept and its members checked one by one).
    public static func isSecret(key: String, value: JSONValue) -> Bool {
        let k = key.lowercased()
        if secretNames.contains(k) || k.hasSuffix("_key") || k.hasSuffix("-key") || k.hasSuffix("apikey") {
            return true
        }
        if k.contains("token") || k.contains("secret") || k.contains("password") || k.contains("auth") {
            // An object's members are checked one by one; text (or a list of it) may be the key itself.
            switch value {
            case .number, .bool, .object, .null: return false
            case .string, .array: return true
            }
        }
        return false
    }

    /// Shortest known key value looked for in text (shorter ones would match ordinary words).
    static let shortestKnown = 8

    /// True when `text` holds something that looks like a credential: a word starting `sk-` (OpenAI,
    /// Anthropic `sk-ant-…`) with at least 8 more characters, a `Bearer …` value, or any of `known`
    /// (the values of the key variables the app reads).
    public static func looksLikeKey(_ text: String, known: [String] = []) -> Bool {
        let trimmed = text.trimmedSpaces
        if trimmed.lowercased().hasPrefix("bearer ") { return true }
        for word in trimmed.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\"" || $0 == "'" })
        {
            if isKeyWord(word) { return true }
        }
        return known.contains { $0.count >= shortestKnown && text.contains($0) }
    }

    /// A word that is an `sk-` key (OpenAI, Anthropic `sk-ant-…`): the prefix and at least 8 more characters.
    static func isKeyWord(_ word: Substring) -> Bool {
        word.count >= 11 && word.lowercased().hasPrefix("sk-")
    }

    /// `settings` without credentials, at any depth: members named like one, and any member or array
    /// item whose text looks like one (`looksLikeKey`).
    public static func settings(_ value: JSONValue, known: [String] = []) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(
                members.compactMap { m in
                    if isSecret(key: m.key, value: m.value) { return nil }
                    if let s = m.value.string, looksLikeKey(s, known: known) { return nil }
                    return .init(m.key, settings(m.value, known: known))
                })
        case .array(let items):
            return .array(
                items.compactMap { item in
                    if let s = item.string, looksLikeKey(s, known: known) { return nil }
                    return settings(item, known: known)
                })
        default:
            return value
        }
    }

    /// Free text (a prompt) with every word that looks like a key replaced by `[redacted]`, and every
    /// known key value too.
    public static func text(_ text: String, known: [String] = []) -> String {
        guard looksLikeKey(text, known: known) else { return text }
        var out = text
        for k in known where k.count >= shortestKnown {
            out = out.split(separator: k, omittingEmptySubsequences: false).joined(separator: "[redacted]")
        }
        var words: [String] = []
        var redactNext = false
        for word in out.split(separator: " ", omittingEmptySubsequences: false) {
            let w = word.lowercased()
            if redactNext && !word.isEmpty {
                words.append("[redacted]")
                redactNext = false
            } else if isKeyWord(word) {
                words.append("[redacted]")
            } else {
                redactNext = w == "bearer"
                words.append(String(word))
            }
        }
        return words.joined(separator: " ")
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
