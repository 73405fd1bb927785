import Foundation
import Yams

/// Reads the theme file format (documented in `Themes/README.md`): one key per `StyleRole`, each
/// value either a style string (`"#ffaa00 on #202020 bold italic"`) or a mapping
/// (`{fg: "#ffaa00", bold: true}`). Every mistake is reported with its line.
public enum ThemeParser {
    public static let attributes = ["bold", "italic", "dim", "underline", "reverse"]

    /// Parses `yaml` into a theme called `name`; roles it leaves out come from `fallback`.
    /// `path` only labels errors.
    public static func parse(yaml: String, name: String, path: String, fallback: Theme? = .dark)
        throws(ThemeError) -> Theme
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, yaml: yaml, path: path)
        } catch {
            throw .malformed(path: path, line: 1, message: "\(error)")
        }
        guard let root else { return Theme(name: name, styles: [:], fallback: fallback) }
        guard let mapping = root.mapping else {
            throw .malformed(path: path, line: line(root), message: "expected a mapping of style roles to styles")
        }
        var styles: [StyleRole: Style] = [:]
        let roles = Dictionary(uniqueKeysWithValues: StyleRole.allCases.map { ($0.key, $0) })
        for (key, value) in mapping {
            let keyName = key.string ?? ""
            guard let role = roles[keyName] else {
                throw .malformed(
                    path: path, line: line(key),
                    message:
                        "unknown key '\(keyName)' (known keys: \(StyleRole.allCases.map(\.key).joined(separator: ", ")))"
                )
            }
            styles[role] = try style(value, key: keyName, path: path)
        }
        return Theme(name: name, styles: styles, fallback: fallback)
    }

    private static func style(_ node: Node, key: String, path: String) throws(ThemeError) -> Style {
        if let map = node.mapping {
            var style = Style()
            for (k, v) in map {
                let attr = k.string ?? ""
                switch attr {
                case "fg": style.fg = try color(v, key: key, path: path)
                case "bg": style.bg = try color(v, key: key, path: path)
                case "bold", "italic", "dim", "underline", "reverse":
                    guard let flag = v.bool else {
                        throw .malformed(
                            path: path, line: line(v),
                            message: "'\(attr)' of '\(key)' must be true or false, not '\(v.string ?? "?")'")
                    }
                    switch attr {
                    case "bold": style.bold = flag
                    case "italic": style.italic = flag
                    case "dim": style.dim = flag
                    case "underline": style.underline = flag
                    default: style.reverse = flag
                    }
                default:
                    throw .malformed(
                        path: path, line: line(k),
                        message:
                            "unknown attribute '\(attr)' in '\(key)' (expected fg, bg, \(attributes.joined(separator: ", ")))"
                    )
                }
            }
            return style
        }
        guard let scalar = node.scalar else {
            throw .malformed(path: path, line: line(node), message: "'\(key)' must be a style string or a mapping")
        }
        if isNull(scalar) { throw emptyValue(key: key, line: line(node), path: path) }
        return try words(scalar.string, key: key, line: line(node), path: path)
    }

    /// `COLOR [on COLOR] [ATTRIBUTE…]` in any order; `on` marks the background.
    private static func words(_ text: String, key: String, line: Int, path: String) throws(ThemeError) -> Style {
        var style = Style()
        var wantsBackground = false
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let lower = word.lowercased()
            if lower == "on" {
                wantsBackground = true
                continue
            }
            if let c = Color(parsing: lower) {
                if wantsBackground {
                    style.bg = c
                    wantsBackground = false
                } else if style.fg == nil {
                    style.fg = c
                } else {
                    throw .malformed(
                        path: path, line: line,
                        message: "'\(key)' has two foreground colours; write 'on' before the background")
                }
                continue
            }
            if wantsBackground || looksLikeColor(lower) {
                throw badColor(word, key: key, line: line, path: path)
            }
            switch lower {
            case "bold": style.bold = true
            case "italic": style.italic = true
            case "dim": style.dim = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            default:
                throw .malformed(
                    path: path, line: line,
                    message:
                        "unknown attribute '\(word)' in '\(key)' (expected a colour or \(attributes.joined(separator: ", ")))"
                )
            }
        }
        if wantsBackground {
            throw .malformed(path: path, line: line, message: "'on' in '\(key)' must be followed by a colour")
        }
        return style
    }

    private static func color(_ node: Node, key: String, path: String) throws(ThemeError) -> Color {
        guard let scalar = node.scalar else {
            throw .malformed(path: path, line: line(node), message: "a colour in '\(key)' must be a single value")
        }
        if isNull(scalar) { throw emptyValue(key: key, line: line(node), path: path) }
        guard let c = Color(parsing: scalar.string.trimmingCharacters(in: .whitespaces)) else {
            throw badColor(scalar.string, key: key, line: line(node), path: path)
        }
        return c
    }

    private static func looksLikeColor(_ word: String) -> Bool {
        word.hasPrefix("#") || word.hasPrefix("bright") || word.allSatisfy(\.isNumber)
    }

    private static func badColor(_ word: String, key: String, line: Int, path: String) -> ThemeError {
        .malformed(
            path: path, line: line,
            message:
                "bad colour '\(word)' in '\(key)' (use #rgb, #rrggbb, 0-255, default, or a name like red or bright-red)"
        )
    }

    /// An unquoted `#ffaa00` is a YAML comment, which leaves the value empty: say so.
    private static func emptyValue(key: String, line: Int, path: String) -> ThemeError {
        .malformed(
            path: path, line: line,
            message: "'\(key)' has no value (quote colours that start with #: \"#ffaa00\")")
    }

    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null"].contains(scalar.string)
    }

    private static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    private static func yamlError(_ error: YamlError, yaml: String, path: String) -> ThemeError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .malformed(path: path, line: mark.line, message: "YAML error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .malformed(
                path: path, line: context.mark.line,
                message: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { yaml.prefix($0).filter { $0 == "\n" }.count + 1 } ?? 1
            return .malformed(path: path, line: line, message: "YAML error: \(problem)")
        default:
            return .malformed(path: path, line: 1, message: "YAML error: \(error)")
        }
    }
}
