/// A problem in a sample file, pointing at the line to fix, printed like a compiler message.
public struct SampleError: Error, CustomStringConvertible, Equatable, Sendable {
    public var path: String
    /// 1-based line in the file, or nil when the problem is the file or directory as a whole.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
