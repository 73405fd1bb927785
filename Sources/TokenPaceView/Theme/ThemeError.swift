/// Why a theme could not be loaded, worded for the person who wrote the file.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A theme file with a mistake at `line` (1-based).
    case malformed(path: String, line: Int, message: String)
    /// The file exists by name but could not be read.
    case unreadable(path: String, reason: String)
    /// No theme file of that name; `known` lists the themes that exist.
    case unknownTheme(name: String, known: [String])

    public var description: String {
        switch self {
        case .malformed(let path, let line, let message):
            return "\(path):\(line): \(message)"
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        case .unknownTheme(let name, let known):
            let list = known.isEmpty ? "none found" : known.joined(separator: ", ")
            return "unknown theme '\(name)' (known themes: \(list))"
        }
    }
}
