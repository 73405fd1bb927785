import Foundation
import Testing

/// Drives the real `tokenpace` binary inside a detached tmux session, the way a person would.
struct Tmux {
    let name: String
    /// The command's exit status is written here by the shell that runs it: the tmux server may
    /// inherit a blocked SIGCHLD from the test runner and then cannot tell how its child ended.
    let statusFile: String
    /// A server of its own, so tests never touch a user's tmux sessions.
    static let socket = "tokenpace-e2e"

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
        statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).status").path
        // One tmux call, so the pane is kept (with its exit status) even if the command ends at once.
        let r = try Tmux.run([
            "tmux", "-L", Tmux.socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "-c",
            Tmux.packageRoot, "env TERM=xterm-256color LANG=C.UTF-8 \(command); echo $? > \(statusFile)", ";",
            "set-option", "-w", "-t", name, "remain-on-exit", "on",
        ])
        #expect(r.status == 0, "tmux failed: \(r.output) \(r.error)")
    }

    func keys(_ keys: String...) throws {
        _ = try Tmux.run(["tmux", "-L", Tmux.socket, "send-keys", "-t", name] + keys)
    }

    func capture() -> String {
        (try? Tmux.run(["tmux", "-L", Tmux.socket, "capture-pane", "-p", "-t", name]).output) ?? ""
    }

    func resize(width: Int, height: Int) throws {
        _ = try Tmux.run(["tmux", "-L", Tmux.socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
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

    func paneDead() -> Bool { exitStatus() != nil }

    /// The command's exit status once it has ended, nil while it runs.
    func exitStatus() -> Int? {
        guard let text = try? String(contentsOfFile: statusFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func kill() {
        _ = try? Tmux.run(["tmux", "-L", Tmux.socket, "kill-session", "-t", name])
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    /// Runs a command and collects its output through files, not pipes: a tmux server started by the
    /// command would keep a pipe open forever. Never waits more than `timeout` seconds.
    @discardableResult
    static func run(_ args: [String], stdin: String = "/dev/null", timeout: Double = 60) throws -> (
        status: Int32, output: String, error: String
    ) {
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("tp-e2e-\(UUID().uuidString).out")
        let errURL = dir.appendingPathComponent("tp-e2e-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let pid = try Spawn.start(args, stdin: stdin, stdout: outURL.path, stderr: errURL.path)
        let status = try Spawn.wait(pid, timeout: timeout, what: args.joined(separator: " "))
        let o = (try? Data(contentsOf: outURL)) ?? Data()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        return (status, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}
