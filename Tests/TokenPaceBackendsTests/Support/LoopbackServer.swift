import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A scripted HTTP/1.1 server on 127.0.0.1 at a random port: real sockets and real timing, so the
/// client under test meets the same reads, pauses, resets and errors a live server produces.
///
/// Each request is answered by the script its route returns; every response says
/// `Connection: close`, so one connection serves one request.
final class LoopbackServer: Sendable {
    enum Step: Sendable {
        case head(status: Int, headers: [String: String] = ["Content-Type": "text/event-stream"])
        case send([UInt8])
        /// Sleeps until this many milliseconds after the request arrived (replays keep their schedule).
        case at(ms: Double)
        /// Ends the body properly (chunked terminator).
        case end
        /// Closes the connection without ending the body.
        case close
        /// Aborts the connection with a TCP reset.
        case reset

        static func send(_ text: String) -> Step { .send(Array(text.utf8)) }
    }

    struct Request: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    typealias Route = @Sendable (Request) -> [Step]

    let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, Never>
    private let task: Task<Void, Never>
    private let received = NIOLockedValueBox<[Request]>([])
    private let closedEarly: AsyncStream<String>
    private let closedEarlyContinuation: AsyncStream<String>.Continuation

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [Request] { received.withLockedValue { $0 } }

    init(route: @escaping Route) async throws {
        server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        port = server.channel.localAddress?.port ?? 0
        (closedEarly, closedEarlyContinuation) = AsyncStream.makeStream(of: String.self)
        let server = self.server
        let received = self.received
        let closed = closedEarlyContinuation
        task = Task {
            try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask {
                                await Self.serve(connection, route: route, received: received, closed: closed)
                            }
                        }
                    } catch {}
                }
            }
        }
    }

    /// Stops accepting and drops every open connection.
    func stop() async {
        task.cancel()
        try? await server.channel.close()
        closedEarlyContinuation.finish()
        await task.value
    }

    /// The path of the next request whose client went away before its script was done.
    func nextEarlyClose() async -> String? {
        var iterator = closedEarly.makeAsyncIterator()
        return await iterator.next()
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, route: Route,
        received: NIOLockedValueBox<[Request]>, closed: AsyncStream<String>.Continuation
    ) async {
        let channel = connection.channel
        try? await connection.executeThenClose { inbound, outbound in
            var parts = inbound.makeAsyncIterator()
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            reading: while let part = try await parts.next() {
                switch part {
                case .head(let h): head = h
                case .body(let b): body.writeImmutableBuffer(b)
                case .end: break reading
                }
            }
            guard let head else { return }
            let request = Request(
                method: head.method.rawValue, path: head.uri,
                headers: Dictionary(head.headers.map { ($0.name.lowercased(), $0.value) }) { a, _ in a },
                body: String(buffer: body))
            received.withLockedValue { $0.append(request) }
            let arrived = ContinuousClock.now
            do {
                for step in route(request) {
                    switch step {
                    case .head(let status, let headers):
                        var fields = HTTPHeaders(headers.map { ($0.key, $0.value) })
                        fields.replaceOrAdd(name: "Connection", value: "close")
                        try await outbound.write(
                            .head(
                                HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: fields))
                        )
                    case .send(let bytes):
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes))))
                    case .at(let ms):
                        try await Task.sleep(until: arrived + .microseconds(Int64(ms * 1000)), clock: .continuous)
                    case .end:
                        try await outbound.write(.end(nil))
                        return
                    case .close:
                        return
                    case .reset:
                        // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
                        try await (channel as? SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
                        return
                    }
                }
                // The script stops without ending the body: hold the stream open until the client leaves.
                while try await parts.next() != nil {}
                closed.yield(request.path)
            } catch {
                if !Task.isCancelled { closed.yield(request.path) }
            }
        }
    }
}

extension Capture {
    /// Steps that replay the capture with its own timing, each gap capped at `maxGapMs` so a
    /// 13 s prefill does not make the suite slow; `offsets` are the replayed send times (ms).
    func replay(maxGapMs: Double = 200) -> (steps: [LoopbackServer.Step], offsets: [Double]) {
        var headers = ["Content-Type": contentType]
        if let contentLength { headers["Content-Length"] = contentLength }
        var steps: [LoopbackServer.Step] = [.head(status: status, headers: headers)]
        var offsets: [Double] = []
        var previous = 0.0
        var offset = 0.0
        for chunk in chunks {
            offset += min(chunk.ms - previous, maxGapMs)
            previous = chunk.ms
            offsets.append(offset)
            steps += [.at(ms: offset), .send(chunk.bytes)]
        }
        steps.append(.end)
        return (steps, offsets)
    }
}

extension LoopbackServer {
    /// How long a loopback test lets a stream stay silent before the client calls it stalled. It is
    /// not what these tests check (the timeout tests set their own): every test of the run shares
    /// Swift's few task threads, and on a loaded 2-core machine a replayed chunk can wait seconds
    /// for one.
    static let patience: Duration = .seconds(60)
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback port that refuses connections for as long as this lives: a TCP socket bound to it but
/// never listening, so no other test's server can be given the port meanwhile (a port freed by
/// closing a server can be, on a busy run).
final class RefusingPort {
    let port: Int
    private let fd: Int32

    init() throws {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            close(fd)
            throw RefusingPortError()
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}

struct RefusingPortError: Error {}
