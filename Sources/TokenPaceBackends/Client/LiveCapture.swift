import Foundation
import NIOCore
import TokenPaceCore

/// What one live request sent and received, byte for byte with arrival times: the same record as a
/// capture file, so a live pane is saved as a trace by the converter `trace convert` uses
/// (`CaptureConverter`, through the pane's own decoder): full usage and server timings, the model
/// the server named, the finish reason, the stream's end.
///
/// Filled by `LiveStream` on its reading task and read by whoever saves the pane, hence the lock.
/// Request headers are never kept (they hold the key); the body is the JSON as sent. Reads are kept
/// as the buffers that arrived (no copy while streaming) and turned into bytes only when asked for.
public final class LiveCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var request: JSONValue = .object([])
    private var path = ""
    private var status: Int?
    private var headers: [JSONValue.Member] = []
    private var reads: [(t: Double, buffer: ByteBuffer)] = []
    private var complete = false

    public init() {}

    func sent(_ request: BackendRequest) {
        let body = (try? JSONValue.parse(request.bodyText)) ?? .object([])
        let path = URLComponents(string: request.url)?.path ?? request.url
        lock.withLock {
            self.request = body
            self.path = path
            self.status = nil
            self.headers = []
            self.reads = []
            self.complete = false
        }
    }

    func responded(status: Int, contentType: String?) {
        lock.withLock {
            self.status = status
            self.headers = contentType.map { [JSONValue.Member("content-type", .string($0))] } ?? []
        }
    }

    func read(_ buffer: ByteBuffer, at t: Double) {
        lock.withLock { reads.append((t, buffer)) }
    }

    /// The body ended (not cut off): its decoder has had every byte.
    func ended() {
        lock.withLock { complete = true }
    }

    /// The capture so far; nil before the server answered with a status.
    public var capture: CaptureReader.Capture? {
        lock.withLock {
            status.map {
                CaptureReader.Capture(
                    request: request, path: path, status: $0, headers: .object(headers),
                    reads: reads.map { CaptureReader.Read(t: $0.t, bytes: Array($0.buffer.readableBytesView)) },
                    complete: complete)
            }
        }
    }
}
