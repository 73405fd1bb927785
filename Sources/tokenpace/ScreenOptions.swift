import ArgumentParser

/// How a full-screen command looks and where it finds its samples and themes: shared by the
/// dashboard (and the commands that take its options) and the perception session.
struct ScreenOptions: ParsableArguments {
    @Option(help: "Theme name (see `tokenpace themes`) or a theme file path.")
    var theme: String = "dark"

    @Flag(help: "Draw with ASCII only (no box-drawing characters).")
    var ascii = false

    @Option(help: "Folder of samples (default: $TOKENPACE_SAMPLES, ./Samples, or next to the binary).")
    var samplesDir: String?

    @Option(help: "Folder of themes (default: $TOKENPACE_THEMES, ./Themes, or next to the binary).")
    var themesDir: String?
}
