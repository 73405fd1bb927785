import Yams

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

extension CatalogError {
    /// The top-level mapping of a catalog-style YAML file; an error names `source:line` and says
    /// what the mapping should hold (`expected`).
    static func topMapping(yaml: String, source: String, expected: String) throws(CatalogError) -> Node.Mapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw CatalogError(source: source, line: error.line, message: "not valid YAML: \(error.problem)")
        } catch {
            throw CatalogError(source: source, line: nil, message: "not valid YAML: \(error)")
        }
        guard let root, let top = root.mapping else {
            throw CatalogError(source: source, line: root?.mark?.line, message: "expected a mapping with \(expected)")
        }
        return top
    }
}
