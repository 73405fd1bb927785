import Foundation

/// Messages posted from other threads (live reports) for the run loop, in arrival order. Posting
/// wakes the loop through its `WakePipe`.
public final class Inbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Message] = []
    public let wake = WakePipe()

    public init() {}

    public func post(_ message: Message) {
        lock.withLock { messages.append(message) }
        wake.signal()
    }

    /// Everything posted since the last call.
    public func drain() -> [Message] {
        wake.drain()
        return lock.withLock {
            let out = messages
            messages.removeAll(keepingCapacity: true)
            return out
        }
    }
}
