import Foundation

/// Finds and loads theme files: `Themes/NAME.yaml` by name, or any path to a `.yaml` file.
public enum ThemeLoader {
    /// Loads a theme by name (looked up in `themesDirectory`) or by path (anything with a `/` or
    /// ending in `.yaml`/`.yml`). `dark` loads even without a themes directory: it is compiled in.
    public static func load(nameOrPath: String, themesDirectory: String?) throws(ThemeError) -> Theme {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
        let path: String
        if isPath {
            path = nameOrPath
        } else if let dir = themesDirectory, FileManager.default.fileExists(atPath: "\(dir)/\(nameOrPath).yaml") {
            path = "\(dir)/\(nameOrPath).yaml"
        } else if nameOrPath == Theme.dark.name {
            return .dark
        } else {
            var known = available(themesDirectory: themesDirectory)
            if !known.contains(Theme.dark.name) { known = ([Theme.dark.name] + known).sorted() }
            throw .unknownTheme(name: nameOrPath, known: known)
        }
        let yaml: String
        do {
            yaml = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            if !FileManager.default.fileExists(atPath: path) {
                throw .unreadable(path: path, reason: "no such theme file")
            }
            throw .unreadable(path: path, reason: "cannot read as UTF-8 text")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ThemeParser.parse(yaml: yaml, name: name, path: path)
    }

    /// The names of the themes in `themesDirectory` (files ending in `.yaml`), sorted.
    public static func available(themesDirectory: String?) -> [String] {
        guard let dir = themesDirectory,
            let files = try? FileManager.default.contentsOfDirectory(atPath: dir)
        else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Where the theme files are: `$TOKENPACE_THEMES`, else `./Themes`, else a `Themes` folder in
    /// the executable's directory or one of its parents (the binary lives in `.build/debug/` inside
    /// the repository). Nil when none exists; the app then uses the compiled-in `dark`.
    public static func locateDirectory(
        executablePath: String, currentDirectory: String, environment: [String: String]
    ) -> String? {
        func isDirectory(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        if let env = environment["TOKENPACE_THEMES"], !env.isEmpty, isDirectory(env) { return env }
        let local = (currentDirectory as NSString).appendingPathComponent("Themes")
        if isDirectory(local) { return local }
        let exe = URL(fileURLWithPath: executablePath, relativeTo: URL(fileURLWithPath: currentDirectory))
            .standardizedFileURL.resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while true {
            let candidate = dir.appendingPathComponent("Themes").path
            if isDirectory(candidate) { return candidate }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }
}
