/// A catalog file that cannot be used, with the line to look at.
public struct CatalogError: Error, Equatable, CustomStringConvertible {
    /// The file (or "<string>") the catalog came from.
    public var source: String
    /// 1-based line of the offending entry, when known.
    public var line: Int?
    public var message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(source):\(line): \(message)" }
        return "\(source): \(message)"
    }
}
