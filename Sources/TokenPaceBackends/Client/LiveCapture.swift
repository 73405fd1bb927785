import Foundation
import TokenPaceCore

/// What one live request sent and received, byte for byte with arrival times: the same record as a
/// capture file, so a live pane is saved as a trace by the converter `trace convert` uses (full
/// usage and server timings, the model the server named, the finish reason, the stream's end).
///
/// Filled by `LiveStream` on its reading task and read by whoever saves the pane, hence the lock.
/// Request headers are never kept (they hold the key); the body is the JSON as sent.
public final class LiveCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var request: TraceJSON = .object([])
    private var path = ""
    private var status: Int?
    private var headers: [TraceJSON.Member] = []
    private var reads: [CaptureReader.Read] = []

    public init() {}

    func sent(_ request: BackendRequest) {
        let body = (try? TraceJSON.parse(request.bodyText)) ?? .object([])
        let path = URLComponents(string: request.url)?.path ?? request.url
        lock.withLock {
            self.request = body
            self.path = path
            self.status = nil
            self.headers = []
            self.reads = []
        }
    }

    func responded(status: Int, contentType: String?) {
        lock.withLock {
            self.status = status
            self.headers = contentType.map { [TraceJSON.Member("content-type", .string($0))] } ?? []
        }
    }

    func read(_ bytes: some Sequence<UInt8>, at t: Double) {
        let read = CaptureReader.Read(t: t, bytes: Array(bytes))
        lock.withLock { reads.append(read) }
    }

    /// The capture so far; nil before the server answered with a status.
    public var capture: CaptureReader.Capture? {
        lock.withLock {
            status.map {
                CaptureReader.Capture(request: request, path: path, status: $0, headers: .object(headers), reads: reads)
            }
        }
    }
}
