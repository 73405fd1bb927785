import Foundation
import Testing
import TokenPaceView

/// The repository's `Themes/` folder, found from this file's path.
private let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes").path

private func parse(_ yaml: String) throws(ThemeError) -> Theme {
    try ThemeParser.parse(yaml: yaml, name: "t", path: "t.yaml")
}

private func error(_ yaml: String) -> String? {
    do {
        _ = try parse(yaml)
        return nil
    } catch {
        return error.description
    }
}

/// Theme files, their errors, and colour degradation; `swift test --filter ThemeTests` runs them all.
@Suite enum ThemeTests {}

extension ThemeTests {
    @Suite struct Parsing {
        @Test func styleStringsAndMappings() throws {
            let theme = try parse(
                """
                border: "#ffaa00 bold"
                title_selected: "#000 on #ffb000 bold italic"
                reasoning: {fg: "#888888", italic: true, dim: true}
                status: {fg: default, bg: 236, reverse: true}
                code_keyword: bright-magenta underline
                """)
            #expect(theme.style(for: .border) == Style(fg: .rgb(0xff, 0xaa, 0), bold: true))
            #expect(
                theme.style(for: .titleSelected)
                    == Style(fg: .rgb(0, 0, 0), bg: .rgb(0xff, 0xb0, 0), bold: true, italic: true))
            #expect(
                theme.style(for: .reasoning) == Style(fg: .rgb(0x88, 0x88, 0x88), italic: true, dim: true))
            #expect(theme.style(for: .status) == Style(fg: .default, bg: .ansi256(236), reverse: true))
            #expect(theme.style(for: .codeKeyword) == Style(fg: .ansi(13), underline: true))
        }

        @Test func missingKeysFallBackToDark() throws {
            let theme = try parse("border: red\n")
            #expect(theme.style(for: .border) == Style(fg: .ansi(1)))
            #expect(theme.style(for: .reasoning) == Theme.dark.style(for: .reasoning))
            #expect(try parse("").style(for: .clock) == Theme.dark.style(for: .clock))
        }

        @Test func badColourNamesTheLine() {
            #expect(
                error("border: red\ntitle: \"#ffaa0 bold\"\n")?.hasPrefix(
                    "t.yaml:2: bad colour '#ffaa0' in 'title'") == true)
            #expect(
                error("text: {fg: \"#zzzzzz\"}\n")?.hasPrefix("t.yaml:1: bad colour '#zzzzzz' in 'text'")
                    == true)
            #expect(error("\n\ntext: \"red on 300\"\n")?.hasPrefix("t.yaml:3: bad colour '300'") == true)
        }

        @Test func unknownKeyNamesTheLine() {
            let message = error("border: red\n\nborders: blue\n")
            #expect(
                message?.hasPrefix("t.yaml:3: unknown key 'borders' (known keys: normal, border,") == true)
        }

        @Test func unknownAttributeNamesTheLine() {
            #expect(
                error("border: red blink\n")?.hasPrefix("t.yaml:1: unknown attribute 'blink' in 'border'")
                    == true)
            #expect(
                error("border: red\ntitle:\n  fg: red\n  blink: true\n")?.hasPrefix(
                    "t.yaml:4: unknown attribute 'blink' in 'title'")
                    == true)
            #expect(
                error("title: {bold: yes please}\n")?.hasPrefix(
                    "t.yaml:1: 'bold' of 'title' must be true or false") == true)
        }

        @Test func unquotedHashIsExplained() {
            #expect(
                error("border: red\ntitle: #ffaa00\n")
                    == "t.yaml:2: 'title' has no value (quote colours that start with #: \"#ffaa00\")")
        }

        @Test func yamlSyntaxErrorNamesItsLine() {
            let message = error("border: red\ntitle: \"unclosed\nclock: bold\n")
            #expect(message?.hasPrefix("t.yaml:") == true)
            #expect(message?.contains("YAML error") == true)
            #expect(error("border: red\ntitle: [a, b\n")?.hasPrefix("t.yaml:3: YAML error") == true)
            #expect(error("border: red\nborder: blue\n")?.contains("duplicate key 'border'") == true)
            #expect(error("- a\n- b\n") == "t.yaml:1: expected a mapping of style roles to styles")
        }
    }
}

extension ThemeTests {
    @Suite struct Files {
        @Test(arguments: ["dark", "light", "high-contrast", "mono"])
        func shippedThemeLoadsAndSetsEveryRole(name: String) throws {
            let theme = try ThemeLoader.load(nameOrPath: name, themesDirectory: themesDirectory)
            #expect(theme.name == name)
            // Every role set in the file: no role quietly borrows from `dark`.
            let yaml = try String(contentsOfFile: "\(themesDirectory)/\(name).yaml", encoding: .utf8)
            let unstyled = Theme(name: "x", styles: [:], fallback: nil)
            let bare = try ThemeParser.parse(yaml: yaml, name: name, path: name, fallback: unstyled)
            #expect(bare == theme)
            #expect(theme.style(for: .reasoning).italic || theme.style(for: .reasoning).dim)
            #expect(theme.style(for: .borderSelected) != theme.style(for: .border))
            let code: [StyleRole] = [
                .codeKeyword, .codeString, .codeComment, .codeNumber, .codeType, .text,
            ]
            #expect(Set(code.map { theme.style(for: $0) }).count == code.count)
        }

        @Test func darkFileMatchesCompiledCopy() throws {
            #expect(
                try ThemeLoader.load(nameOrPath: "dark", themesDirectory: themesDirectory) == Theme.dark)
        }

        @Test func darkWorksWithoutThemesDirectory() throws {
            #expect(try ThemeLoader.load(nameOrPath: "dark", themesDirectory: nil) == Theme.dark)
        }

        @Test func unknownThemeListsKnownOnes() {
            #expect(
                throws: ThemeError.unknownTheme(
                    name: "solar", known: ["dark", "high-contrast", "light", "mono"])
            ) {
                try ThemeLoader.load(nameOrPath: "solar", themesDirectory: themesDirectory)
            }
            let message = ThemeError.unknownTheme(name: "solar", known: ["dark", "mono"]).description
            #expect(message == "unknown theme 'solar' (known themes: dark, mono)")
        }

        @Test func loadsByPathAndReportsThatPath() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "themes-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = dir.appendingPathComponent("mine.yaml").path
            try "border: green\ntext: \"#12345\"\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(throws: ThemeError.self) {
                try ThemeLoader.load(nameOrPath: path, themesDirectory: nil)
            }
            do {
                _ = try ThemeLoader.load(nameOrPath: path, themesDirectory: nil)
            } catch {
                #expect(error.description.hasPrefix("\(path):2: bad colour '#12345' in 'text'"))
            }
            try "border: green\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try ThemeLoader.load(nameOrPath: "mine", themesDirectory: dir.path).name == "mine")
            #expect(ThemeLoader.available(themesDirectory: dir.path) == ["mine"])
        }

        @Test func locatesThemesDirectory() throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent(
                "loc-\(UUID().uuidString)")
            let bin = root.appendingPathComponent(".build/debug")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("Themes"), withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let exe = bin.appendingPathComponent("tokenpace").path
            let found = ThemeLoader.locateDirectory(
                executablePath: exe, currentDirectory: "/", environment: [:])
            #expect(
                found.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
                    == root.appendingPathComponent("Themes").resolvingSymlinksInPath().path)
            #expect(
                ThemeLoader.locateDirectory(
                    executablePath: exe, currentDirectory: "/",
                    environment: ["TOKENPACE_THEMES": themesDirectory])
                    == themesDirectory)
            #expect(
                ThemeLoader.locateDirectory(
                    executablePath: "/nonexistent/bin/x", currentDirectory: "/", environment: [:]) == nil)
        }
    }
}

extension ThemeTests {
    @Suite struct ColorDegradation {
        @Test func depthFromTerminal() {
            #expect(ColorDepth.detect(colors: 256, environment: [:]) == .ansi256)
            #expect(ColorDepth.detect(colors: 256, environment: ["COLORTERM": "truecolor"]) == .truecolor)
            #expect(ColorDepth.detect(colors: 256, environment: ["COLORTERM": "24bit"]) == .truecolor)
            #expect(ColorDepth.detect(colors: 8, environment: ["COLORTERM": "truecolor"]) == .ansi8)
            #expect(ColorDepth.detect(colors: 16_777_216, environment: [:]) == .truecolor)
            #expect(ColorDepth.detect(colors: 16, environment: [:]) == .ansi16)
            #expect(ColorDepth.detect(colors: 8, environment: [:]) == .ansi8)
            #expect(ColorDepth.detect(colors: 0, environment: [:]) == ColorDepth.none)
            #expect(ColorDepth.detect(colors: -1, environment: [:]) == ColorDepth.none)
        }

        @Test func noColorTurnsColourOff() {
            #expect(
                ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"])
                    == ColorDepth.none)
            #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .ansi256)
        }

        @Test func rgbToNearest256() {
            #expect(Color.rgb(255, 0, 0).degraded(to: .ansi256) == .ansi256(196))
            #expect(Color.rgb(0, 0, 0).degraded(to: .ansi256) == .ansi256(16))
            #expect(Color.rgb(255, 255, 255).degraded(to: .ansi256) == .ansi256(231))
            #expect(Color.rgb(0xff, 0xaa, 0x00).degraded(to: .ansi256) == .ansi256(214))
            #expect(Color.rgb(0x80, 0x80, 0x80).degraded(to: .ansi256) == .ansi256(244))
            #expect(Color.rgb(0x1c, 0x1c, 0x1c).degraded(to: .ansi256) == .ansi256(234))
        }

        @Test func rgbToNearestBasic() {
            #expect(Color.rgb(0xff, 0xaa, 0x00).degraded(to: .ansi8) == .ansi(3))
            #expect(Color.rgb(0xe0, 0x10, 0x10).degraded(to: .ansi8) == .ansi(1))
            #expect(Color.rgb(0x10, 0x10, 0x10).degraded(to: .ansi8) == .ansi(0))
            #expect(Color.rgb(0xff, 0x00, 0x00).degraded(to: .ansi16) == .ansi(9))
            #expect(Color.rgb(0xff, 0xff, 0xff).degraded(to: .ansi16) == .ansi(15))
        }

        @Test func greyStaysVisibleWithEightColours() {
            // Nearest of 8 by distance would be black, invisible on a dark background.
            #expect(Color.rgb(0x4d, 0x55, 0x66).degraded(to: .ansi16) == .ansi(8))
            #expect(Color.rgb(0x4d, 0x55, 0x66).degraded(to: .ansi8) == .ansi(7))
            #expect(
                Style(fg: .rgb(0x4d, 0x55, 0x66)).degraded(to: .ansi8) == Style(fg: .ansi(7), dim: true))
            #expect(Style(fg: .rgb(0xe6, 0xe6, 0xe6)).degraded(to: .ansi8) == Style(fg: .ansi(7)))
            #expect(Color.ansi(8).degraded(to: .ansi8) == .ansi(7))
        }

        @Test func indexedColoursDegrade() {
            #expect(Color.ansi256(196).degraded(to: .truecolor) == .ansi256(196))
            #expect(Color.ansi256(196).degraded(to: .ansi8) == .ansi(1))
            #expect(Color.ansi256(9).degraded(to: .ansi8) == .ansi(1))
            #expect(Color.ansi(12).degraded(to: .ansi8) == .ansi(4))
            #expect(Color.ansi(12).degraded(to: .ansi256) == .ansi(12))
            #expect(Color.default.degraded(to: .ansi8) == .default)
        }

        @Test func monoKeepsAttributesOnly() {
            let style = Style(fg: .rgb(1, 2, 3), bg: .ansi(4), bold: true, underline: true, reverse: true)
            #expect(style.degraded(to: .none) == Style(bold: true, underline: true, reverse: true))
            #expect(style.degraded(to: .truecolor) == style)
        }
    }
}
