/// One dispatched Server-Sent Event.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` name; `message` when the server gave none (or an empty one).
    public var type: String
    /// All `data:` lines of the event joined with `\n`.
    public var data: String
    /// The last event ID seen so far (it persists across events, as in the WHATWG rules).
    public var lastEventID: String

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}
