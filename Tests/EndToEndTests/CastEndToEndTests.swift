import Foundation
import Testing

extension EndToEnd {
    /// `--cast FILE`: the dashboard's session as an asciicast v2 file.
    @Suite(.serialized, .timeLimit(.minutes(2)))
    @MainActor
    struct CastEndToEndTests {
        @Test func dashboardWritesACastWithItsSizeAndFramesInTimeOrder() throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tp-\(UUID().uuidString).cast")
                .path
            defer { try? FileManager.default.removeItem(atPath: path) }
            // 40 tokens at 40 tok/s after a 0.5 s TTFT: the race takes about 1.5 s.
            let t = try Tmux("\(Tmux.binary) --rates 40 --ttft 0.5s --exit-when-done --cast \(path)")
            defer { t.kill() }
            t.waitFor("the race to finish") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect(header?["version"] as? Int == 2)
            #expect(header?["width"] as? Int == 120)
            #expect(header?["height"] as? Int == 40)
            let events = try lines.dropFirst().map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any] }
            let times = events.compactMap { $0?[0] as? Double }
            #expect(times.count == events.count && times.count > 10)
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
            // The frames span the race: the pane's TTFT and its stream are in them.
            #expect((times.last ?? 0) >= 0.5)
            #expect(events.allSatisfy { ($0?[1] as? String) == "o" || ($0?[1] as? String) == "r" })
            let output = events.compactMap { $0?[2] as? String }.joined()
            #expect(output.contains("tok/s"))
        }

        @Test func aCastThatCannotBeWrittenIsBadInput() throws {
            let r = try Tmux.run([Tmux.binary, "--cast", "/nonexistent/dir/x.cast"])
            #expect(r.status == 2, "\(r.error)")
            #expect(r.error.contains("--cast /nonexistent/dir/x.cast"))
        }
    }
}
