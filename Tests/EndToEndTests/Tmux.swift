import Foundation
import Testing

/// Drives the real `tokenpace` binary inside a detached tmux session, the way a person would.
struct Tmux {
    let name: String

    static var binary: String {
        // The test bundle sits next to the products in the build folder.
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("tokenpace").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/tokenpace").path
    }

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var available: Bool {
        (try? run(["tmux", "-V"]).status) == 0
    }

    /// Starts `command` (a shell line) in a new session of the given size.
    init(_ command: String, width: Int = 120, height: Int = 40) throws {
        name = "tp\(UInt32.random(in: 0...UInt32.max))"
        let r = try Tmux.run([
            "tmux", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "-c", Tmux.packageRoot,
            "env TERM=xterm-256color LANG=C.UTF-8 " + command,
        ])
        #expect(r.status == 0, "tmux failed: \(r.output)")
        _ = try? Tmux.run(["tmux", "set-option", "-t", name, "remain-on-exit", "on"])
    }

    func keys(_ keys: String...) throws {
        _ = try Tmux.run(["tmux", "send-keys", "-t", name] + keys)
    }

    func capture() -> String {
        (try? Tmux.run(["tmux", "capture-pane", "-p", "-t", name]).output) ?? ""
    }

    func resize(width: Int, height: Int) throws {
        _ = try Tmux.run(["tmux", "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen.
    @discardableResult
    func waitFor(timeout: Double = 20, _ what: String, _ predicate: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) && Date() < deadline {
            usleep(50_000)
            screen = capture()
        }
        #expect(predicate(screen), "timed out waiting for \(what); screen:\n\(screen)")
        return screen
    }

    func paneDead() -> Bool {
        let r = try? Tmux.run(["tmux", "display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
        return r?.output.hasPrefix("1") ?? true
    }

    func exitStatus() -> Int? {
        guard let r = try? Tmux.run(["tmux", "display-message", "-p", "-t", name, "#{pane_dead} #{pane_dead_status}"])
        else { return nil }
        let parts = r.output.split(separator: " ")
        guard parts.first == "1", parts.count > 1 else { return nil }
        return Int(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func kill() {
        _ = try? Tmux.run(["tmux", "kill-session", "-t", name])
    }

    @discardableResult
    static func run(_ args: [String], stdin: FileHandle? = nil) throws -> (status: Int32, output: String, error: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin { p.standardInput = stdin }
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
