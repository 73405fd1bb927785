import TokenPaceCore

/// Why one pane's stream failed, worded for the pane itself.
///
/// Payloads are plain strings so the error is `Equatable` and can be shown as is; none of them
/// ever holds an API key (requests and specs redact keys before anything is described).
public enum BackendError: Error, Sendable, Equatable {
    /// The spec or request could not be built (unknown kind, bad URL, missing key...).
    case configuration(String)
    case connectionRefused(host: String, port: Int)
    case dnsFailure(host: String)
    case tls(String)
    /// Nothing of the body arrived within the first-byte timeout (seconds).
    case timeoutBeforeFirstByte(Double)
    /// The body stopped arriving for longer than the idle timeout (seconds).
    case idleTimeout(Double)
    /// The server refused the request; `message` is the server's own wording when it gave one.
    case http(status: Int, message: String?)
    /// The server reported an error inside a stream that had started (HTTP status stays 200).
    case streamError(message: String, type: String?)
    case connectionReset
    /// The body ended before the protocol's final event (`expected` names it).
    case incompleteStream(expected: String)
    /// A chunk that is not what the protocol promises (e.g. JSON that does not parse).
    case malformed(String)
    /// Any other transport error, described.
    case network(String)
}

extension BackendError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .configuration(let s): return s
        case .connectionRefused(let host, let port):
            return "connection refused by \(host):\(port) (is the server running?)"
        case .dnsFailure(let host): return "cannot resolve host \(host)"
        case .tls(let s): return "TLS failed: \(s)"
        case .timeoutBeforeFirstByte(let s):
            return "no response within \(Format.duration(s, .setting)) (--first-byte-timeout)"
        case .idleTimeout(let s): return "stream stalled: nothing for \(Format.duration(s, .setting)) (--idle-timeout)"
        case .http(let status, let message):
            let reason = Self.reason(status)
            let head = reason.isEmpty ? "HTTP \(status)" : "HTTP \(status) \(reason)"
            return message.map { "\(head): \($0)" } ?? head
        case .streamError(let message, let type):
            return type.map { "server error mid-stream (\($0)): \(message)" } ?? "server error mid-stream: \(message)"
        case .connectionReset: return "the server closed or reset the connection mid-stream"
        case .incompleteStream(let expected): return "stream ended without \(expected)"
        case .malformed(let s): return "unreadable stream data: \(s)"
        case .network(let s): return "network error: \(s)"
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 408: return "Request Timeout"
        case 413: return "Payload Too Large"
        case 422: return "Unprocessable Entity"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 529: return "Overloaded"
        default: return status >= 500 ? "Server Error" : ""
        }
    }
}
