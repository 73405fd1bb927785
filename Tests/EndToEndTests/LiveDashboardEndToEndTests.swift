import Foundation
import Testing

extension EndToEnd {
    /// Two live panes and one simulated pane in the real dashboard. The live backend is tokenpace's own
    /// `serve` (an OpenAI- and Ollama-compatible server) on a loopback port, so no model is needed.
    @Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"), .timeLimit(.minutes(5)))
    @MainActor
    struct LiveDashboardEndToEndTests {
        let bin = Tmux.binary

        func freePort() -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
            }
            _ = withUnsafeMutablePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
            }
            return Int(UInt16(bigEndian: addr.sin_port))
        }

        @Test func twoLivePanesAndASimulatedOne() throws {
            let port = freePort()
            let server = try Spawn.start(
                [bin, "serve", "--port", "\(port)", "--rate", "80", "--ttft", "0.2s", "--task", "chat"],
                directory: Tmux.packageRoot)
            defer { Spawn.stop(server) }
            // Wait until the server answers.
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let r = try Tmux.run(["curl", "-fsS", "-m", "1", "http://127.0.0.1:\(port)/v1/models"])
                if r.status == 0 { break }
                usleep(100_000)
            }
            let t = try Tmux(
                "\(bin) --rates 30 --pane openai:http://127.0.0.1:\(port)/v1@pace --pane ollama:http://127.0.0.1:\(port)@pace --pane openai:http://127.0.0.1:1/v1"
            )
            defer { t.kill() }
            let screen = t.waitFor("live panes streaming and finishing") { s in
                s.contains("B · live · openai pace") && s.contains("C · live · ollama pace")
                    && s.components(separatedBy: "✓").count >= 3
            }
            #expect(screen.contains("A · 30.0 tok/s"))
            #expect(screen.contains("connection refused"))
            // r re-sends the same requests; the failed pane fails again on its own.
            try t.keys("r")
            t.waitFor("restarted") { $0.contains("waiting for the first token") || $0.contains("elapsed") }
            t.waitFor("finished again") { $0.components(separatedBy: "✓").count >= 3 }
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)
        }
    }
}
