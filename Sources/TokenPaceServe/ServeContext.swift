import Hummingbird
import NIOCore

/// Request context that keeps the client's address for the request log.
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let client: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        if let address = source.channel.remoteAddress {
            client = "\(address.ipAddress ?? "?"):\(address.port ?? 0)"
        } else {
            client = "?"
        }
    }
}
