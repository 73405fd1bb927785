import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import TokenPaceWire

extension BackendError {
    /// Names a transport failure in the words a pane shows.
    ///
    /// TLS errors are recognised by their type's module name (NIOSSL), so this target does not
    /// have to link swift-nio-ssl itself.
    /// `responseStarted` tells a body cut short (a reset, for the pane) from a reply that was never HTTP.
    static func transport(_ error: any Error, url: String, responseStarted: Bool = false) -> BackendError {
        let components = URLComponents(string: url)
        let host = components?.host ?? url
        let port = components?.port ?? (components?.scheme == "https" ? 443 : 80)
        switch error {
        case let e as BackendError:
            return e
        case let e as NIOConnectionError:
            if let first = e.connectionErrors.first {
                return transport(first.error, url: url)
            }
            if e.dnsAError != nil || e.dnsAAAAError != nil { return .dnsFailure(host: host) }
            return .network("could not connect to \(host):\(port)")
        case let e as IOError:
            switch e.errnoCode {
            case ECONNREFUSED: return .connectionRefused(host: host, port: port)
            case ECONNRESET, EPIPE: return .connectionReset
            case ETIMEDOUT: return .network("connecting to \(host):\(port) timed out")
            case ENETUNREACH, EHOSTUNREACH: return .network("\(host) is unreachable")
            default: return .network(e.description)
            }
        case let e as HTTPClientError:
            switch e {
            case .remoteConnectionClosed: return .connectionReset
            case .connectTimeout: return .network("connecting to \(host):\(port) timed out")
            case .tlsHandshakeTimeout: return .tls("handshake with \(host) timed out")
            case .readTimeout: return .network("read timed out")
            default: return .network(e.description)
            }
        case let e as ChannelError:
            if case .connectTimeout = e { return .network("connecting to \(host):\(port) timed out") }
            if case .ioOnClosedChannel = e { return .connectionReset }
            if case .eof = e { return .connectionReset }
            return .network("\(e)")
        case is HTTPParserError:
            // The parser meets EOF inside a chunked body when the server just closes the socket.
            return responseStarted ? .connectionReset : .malformed("not an HTTP response from \(host):\(port)")
        case let e as SocketAddressError:
            if case .unknown = e { return .dnsFailure(host: host) }
            return .network("\(e)")
        default:
            let typeName = String(reflecting: type(of: error))
            if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") {
                return .tls(String(describing: error))
            }
            return .network(String(describing: error))
        }
    }
}
