/// Keeps credentials out of everything tokenpace prints: descriptions, errors, logs, traces.
enum Redaction {
    static let placeholder = "<redacted>"

    /// Header names whose values are credentials.
    static func isSecret(header name: String) -> Bool {
        let n = name.lowercased()
        return n == "authorization" || n == "proxy-authorization" || n.contains("api-key") || n.contains("apikey")
            || n.contains("token") || n == "cookie"
    }

    static func describe(_ headers: [String: String]) -> String {
        "["
            + headers.keys.sorted().map { "\($0): \(isSecret(header: $0) ? placeholder : headers[$0]!)" }
            .joined(separator: ", ") + "]"
    }

    static func describe(_ headers: [(String, String)]) -> String {
        "[" + headers.map { "\($0.0): \(isSecret(header: $0.0) ? placeholder : $0.1)" }.joined(separator: ", ") + "]"
    }
}
