import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore
import TokenPaceView

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "List the samples with their task, prompt tokens and answer tokens.",
        discussion:
            "Add your own: drop a sample file in the samples folder (format in Samples/README.md) or pass --sample PATH."
    )

    @Option(help: "Folder of samples.")
    var samplesDir: String?

    func run() throws {
        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        let rows = catalog.samples.map { s -> [String] in
            let tokens = s.tokens()
            let answer = tokens.filter { $0.kind.isGenerated }.count
            return [s.id, s.task.rawValue, String(s.promptTokenCount), String(answer), s.title]
        }
        print(TextTable.render(header: ["sample", "task", "prompt tok", "answer tok", "title"], rows: rows))
        if let dir = catalog.directory { print("\nfrom \(dir)") }
    }
}

struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes", abstract: "List the themes (use one with --theme NAME or --theme PATH).")

    @Option(help: "Folder of themes.")
    var themesDir: String?

    func run() throws {
        let dir = ThemeCatalog.directory(themesDir)
        let names = ThemeLoader.available(themesDirectory: dir)
        for n in names { print(n == "dark" ? "\(n) (default)" : n) }
        if let dir { print("\nfrom \(dir)") }
    }
}
