import Foundation

@testable import TokenPaceApp

/// The repository's own Samples and Themes folders.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples").path
    static let themes = root.appendingPathComponent("Themes").path

    static func dashboard(_ edit: (inout DashboardConfig) -> Void = { _ in }) -> DashboardConfig {
        var c = DashboardConfig()
        c.samplesDir = samples
        c.themesDir = themes
        edit(&c)
        return c
    }

    static func bench(_ edit: (inout BenchConfig) -> Void = { _ in }) -> BenchConfig {
        var c = BenchConfig()
        c.samplesDir = samples
        edit(&c)
        return c
    }
}
