/// One HTTP request ready to send, credentials included.
///
/// Because it holds the API key, every way of printing it (`description`, `debugDescription`,
/// `dump`/mirrors) shows only header names and redacts credential values.
public struct BackendRequest: Sendable {
    public var url: String
    public var method: String
    /// Header fields in sending order.
    public var headers: [(name: String, value: String)]
    /// The JSON body.
    public var body: [UInt8]

    public init(url: String, method: String = "POST", headers: [(name: String, value: String)], body: [UInt8]) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }

    /// The value of a header (case-insensitive), for tests and diagnostics.
    public func header(_ name: String) -> String? {
        headers.last { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

extension BackendRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "\(method) \(url) \(Redaction.describe(headers.map { ($0.name, $0.value) })) \(bodyText)"
    }

    public var debugDescription: String { "BackendRequest(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
