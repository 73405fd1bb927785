import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The smallest client that can time a first token: a blocking POSIX socket, a hand-written
/// HTTP/1.1 request (`Connection: close`), HTTP chunked decoding, and a byte scan for the first
/// SSE `data:` (or NDJSON) line that carries a non-empty token. No HTTP library, no JSON parser.
struct RawClient {
    var host: String
    var port: Int
    /// The whole request: head and body, written with one `send`.
    var request: [UInt8]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(url: String, method: String, headers: [(name: String, value: String)], body: [UInt8]) throws {
        guard let parts = URLComponents(string: url), parts.scheme == "http", let host = parts.host else {
            throw Failure(description: "the raw client speaks plain http:// only, not \(url)")
        }
        self.host = host
        self.port = parts.port ?? 80
        let path =
            (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        request = Array(head.utf8) + body
    }

    /// Connects (`connect`: seconds, not part of the TTFT), then sends the request and reads the
    /// whole response. `ttft`: seconds from just before `send` to the arrival of the read holding
    /// the first byte of the first line that carries a token (nil if none did).
    func firstToken() throws -> (connect: Double, ttft: Double?) {
        let clock = ContinuousClock()
        let c0 = clock.now
        let fd = try connectSocket()
        defer { close(fd) }
        var received = ResponseReader()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let t0 = clock.now
        let sent = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        guard sent == request.count else { throw Failure(description: "send failed (errno \(errno))") }
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            let now = clock.now
            if n < 0 { throw Failure(description: "recv failed (errno \(errno))") }
            if n == 0 { break }
            try received.add(buffer[0..<n], at: now - t0)
        }
        guard received.status == 200 else {
            throw Failure(description: "HTTP \(received.status.map(String.init) ?? "?") from \(host):\(port)")
        }
        return (seconds(t0 - c0), received.firstToken.map(seconds))
    }

    private func connectSocket() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        var info: UnsafeMutablePointer<addrinfo>? = first
        while let a = info {
            let fd = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if fd >= 0 {
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                var timeout = timeval(tv_sec: 120, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(fd, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { return fd }
                close(fd)
            }
            info = a.pointee.ai_next
        }
        throw Failure(description: "cannot connect to \(host):\(port) (is the server running?)")
    }
}

/// Reads an HTTP/1.1 response as it arrives: status, chunked or plain body, and the arrival time
/// of the first body line that carries a token.
struct ResponseReader {
    private(set) var status: Int?
    private(set) var firstToken: Duration?
    private var head: [UInt8] = []
    private var chunked = false
    private var inBody = false
    // Chunked decoding: the size line being read, bytes left in the current chunk, CRLF to skip.
    private var sizeLine: [UInt8] = []
    private var left = 0
    private var skipCRLF = 0
    private var done = false
    // Body lines: the current one, and when its first byte arrived.
    private var line: [UInt8] = []
    private var lineStart: Duration?

    mutating func add(_ bytes: ArraySlice<UInt8>, at t: Duration) throws {
        var bytes = bytes
        if !inBody {
            head += bytes
            guard let end = head.firstRange(of: [13, 10, 13, 10]) else { return }
            let text = String(decoding: head[..<end.lowerBound], as: UTF8.self)
            let lines = text.split(separator: "\r\n")
            status = lines.first.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
            chunked = lines.dropFirst().contains {
                $0.lowercased().hasPrefix("transfer-encoding:") && $0.lowercased().contains("chunked")
            }
            inBody = true
            bytes = ArraySlice(head[end.upperBound...])
            head = []
        }
        if chunked { dechunk(bytes, at: t) } else { body(bytes, at: t) }
    }

    private mutating func dechunk(_ bytes: ArraySlice<UInt8>, at t: Duration) {
        var i = bytes.startIndex
        while i < bytes.endIndex, !done {
            if skipCRLF > 0 {
                skipCRLF -= 1
                i += 1
            } else if left > 0 {
                let n = min(left, bytes.endIndex - i)
                body(bytes[i..<(i + n)], at: t)
                left -= n
                i += n
                if left == 0 { skipCRLF = 2 }
            } else {
                let b = bytes[i]
                i += 1
                if b == 10 {
                    let hex = String(decoding: sizeLine, as: UTF8.self).split(separator: ";").first ?? ""
                    left = Int(hex.trimmingCharacters(in: .whitespaces), radix: 16) ?? 0
                    sizeLine = []
                    if left == 0 { done = true }
                } else if b != 13 {
                    sizeLine.append(b)
                }
            }
        }
    }

    private mutating func body(_ bytes: ArraySlice<UInt8>, at t: Duration) {
        guard firstToken == nil else { return }
        for b in bytes {
            if lineStart == nil { lineStart = t }
            if b == 10 {
                if Self.carriesToken(line) {
                    firstToken = lineStart
                    return
                }
                line.removeAll(keepingCapacity: true)
                lineStart = nil
            } else {
                line.append(b)
            }
        }
    }

    /// The fields servers put tokens in, followed by a non-empty string.
    static let tokenFields: [[UInt8]] = [
        "content", "reasoning_content", "reasoning", "text", "thinking", "partial_json", "arguments", "response",
    ].map { Array("\"\($0)\":\"".utf8) }

    static func carriesToken(_ line: [UInt8]) -> Bool {
        tokenFields.contains { field in
            var from = line.startIndex
            while let r = line[from...].firstRange(of: field) {
                if r.upperBound < line.endIndex, line[r.upperBound] != UInt8(ascii: "\"") { return true }
                from = r.upperBound
            }
            return false
        }
    }
}
