import Foundation
import Testing

extension EndToEnd {
    /// `tokenpace estimate` as scripts call it: JSON for presets, checks and errors, and exit code 2 for
    /// bad input.
    @Suite(.timeLimit(.minutes(2)))
    @MainActor
    struct EstimateEndToEndTests {
        let bin = Tmux.binary

        func json(_ text: String) -> Any? {
            try? JSONSerialization.jsonObject(with: Data(text.utf8))
        }

        @Test func listAndChecksHonourFormatJSON() throws {
            let list = try Tmux.run([bin, "estimate", "--list", "--format", "json"])
            #expect(list.status == 0)
            let presets = json(list.output) as? [String: Any]
            #expect((presets?["models"] as? [[String: Any]])?.contains { $0["id"] as? String == "mistral-7b" } == true)
            let checks = try Tmux.run([bin, "estimate", "--checks", "--format", "json"])
            #expect(checks.status == 0)
            let rows = json(checks.output) as? [[String: Any]] ?? []
            #expect(rows.count >= 6)
            #expect(rows.allSatisfy { $0["withinTolerance"] is Bool && $0["decodeError"] is Double })
        }

        @Test func errorsAreJSONObjectsUnderFormatJSON() throws {
            let r = try Tmux.run([
                bin, "estimate", "--gpu", "xyzzy", "--model", "llama-3.1-8b", "--quant", "q4_k_m", "--format", "json",
            ])
            #expect(r.status == 2)
            let error = (json(r.error) as? [String: Any])?["error"] as? String
            #expect(error?.hasPrefix("unknown GPU \"xyzzy\"; closest: ") == true)
            let text = try Tmux.run([bin, "estimate", "--gpu", "rtx4090", "--model", "foo", "--quant", "iq4_xs"])
            #expect(text.status == 2)
            #expect(text.error.contains("unknown model \"foo\"; closest: "))
        }
    }
}
