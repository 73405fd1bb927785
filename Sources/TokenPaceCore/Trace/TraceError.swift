/// A trace or capture that could not be read, as `path:line: message` so editors can jump to it.
public struct TraceError: Error, CustomStringConvertible, Equatable {
    public var path: String
    /// 1-based line; 0 when the problem is the file as a whole.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
    }
}
