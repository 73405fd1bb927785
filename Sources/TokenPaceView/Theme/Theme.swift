/// Maps every `StyleRole` to a `Style`. The view only speaks in roles; a theme decides the look,
/// so users can restyle the app with a YAML file (see `Themes/README.md`).
public struct Theme: Sendable, Equatable {
    public var name: String
    private var styles: [Style]

    /// A theme with `styles` for the roles it names and `fallback`'s style (plain without one) for
    /// the rest: a user's theme may restyle a few roles and keep the default look for the others.
    public init(name: String, styles: [StyleRole: Style], fallback: Theme? = .dark) {
        self.name = name
        self.styles = StyleRole.allCases.map { styles[$0] ?? fallback?.style(for: $0) ?? .plain }
    }

    public func style(for role: StyleRole) -> Style { styles[Int(role.rawValue)] }

    public mutating func setStyle(_ style: Style, for role: StyleRole) { styles[Int(role.rawValue)] = style }
}
