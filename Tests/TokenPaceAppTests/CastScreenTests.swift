import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

@testable import TokenPaceApp

/// `--cast`: an asciicast v2 file whose frames, played through a terminal, show what was drawn
/// at the run loop's times.
@Suite struct CastScreenTests {
    /// A minimal terminal: cursor moves (`ESC[row;colH`, `ESC[H`), clear (`ESC[2J`), SGR ignored.
    struct Player {
        var rows: [[Character]]
        var y = 0
        var x = 0
        init(width: Int, height: Int) { rows = Array(repeating: Array(repeating: " ", count: width), count: height) }

        mutating func play(_ data: String) {
            var chars = Array(data)[...]
            while let c = chars.popFirst() {
                guard c == "\u{1B}" else {
                    if y < rows.count, x < rows[y].count { rows[y][x] = c }
                    x += 1
                    continue
                }
                guard chars.popFirst() == "[" else { continue }
                var params = ""
                while let p = chars.popFirst() {
                    if p.isLetter {
                        let n = params.split(separator: ";").map { Int($0) ?? 1 }
                        switch p {
                        case "H": (y, x) = ((n.first ?? 1) - 1, (n.count > 1 ? n[1] : 1) - 1)
                        case "J": rows = rows.map { $0.map { _ in " " } }
                        default: break
                        }
                        break
                    }
                    params.append(p)
                }
            }
        }

        var text: String {
            rows.map { String(String($0).reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        }
    }

    /// `lines` in the normal role, the one at `styled` in the reasoning role.
    static func buffer(_ lines: [String], _ size: Size, styled: Int? = nil) -> Buffer {
        var b = Buffer(size)
        for (y, line) in lines.enumerated() { _ = b.put(line, x: 0, y: y, role: y == styled ? .reasoning : .normal) }
        return b
    }

    @Test func castHasAHeaderAndFramesAtTheClocksTimesThatReplayToTheScreen() throws {
        let clock = ManualClock(at: 3)
        let size = Size(width: 20, height: 4)
        let memory = MemoryScreen(size: size, clock: clock)
        var lines: [String] = []
        let cast = CastScreen(wrapping: memory, clock: clock, theme: .dark) { lines.append($0) }
        try cast.start()
        let frames = [
            (3.0, Self.buffer(["A · 10 tok/s", "waiting"], size)),
            (3.5, Self.buffer(["A · 10 tok/s", "Hello wörld 🚀"], size, styled: 1)),
            (4.25, Self.buffer(["A · 10 tok/s", "Hello wörld 🚀", "done ✓"], size)),
            (5.0, Self.buffer(["A · 10 tok/s", "Hello wörld 🚀", "done ✓"], size)),
        ]
        for (t, buffer) in frames {
            clock.advance(to: t)
            cast.draw(buffer)
        }
        #expect(memory.frames.count == 4)
        #expect(lines.allSatisfy { $0.hasSuffix("\n") })
        let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(header?["version"] as? Int == 2)
        #expect(header?["width"] as? Int == 20)
        #expect(header?["height"] as? Int == 4)
        let events = try lines.dropFirst().map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any] }
        // The unchanged last frame writes nothing.
        #expect(events.count == 3)
        #expect(events.map { $0?[0] as? Double } == [0, 0.5, 1.25])
        #expect(events.allSatisfy { $0?[1] as? String == "o" })
        var player = Player(width: 20, height: 4)
        for (event, (_, buffer)) in zip(events, frames) {
            player.play(event?[2] as? String ?? "")
            #expect(
                player.text
                    == buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map {
                        String($0.reversed().drop { $0 == " " }.reversed())
                    }.joined(separator: "\n"))
        }
        // Only the rows that changed are rewritten after the first frame.
        let second = events[1]?[2] as? String ?? ""
        #expect(!second.contains("\u{1B}[1;1H") && second.contains("\u{1B}[2;1H"))
        // The reasoning role's colour is in the frame.
        #expect(second.contains(CastScreen.sgr(Theme.dark.style(for: .reasoning))))
    }

    @Test func resizeIsAnEventAndAFullRepaint() throws {
        let clock = ManualClock()
        let memory = MemoryScreen(size: Size(width: 10, height: 2), clock: clock)
        var lines: [String] = []
        let cast = CastScreen(wrapping: memory, clock: clock, theme: .dark) { lines.append($0) }
        try cast.start()
        cast.draw(Self.buffer(["ab"], Size(width: 10, height: 2)))
        clock.advance(to: 1)
        cast.draw(Self.buffer(["ab"], Size(width: 12, height: 3)))
        let events = try lines.dropFirst().map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any] }
        #expect(events.count == 3)
        #expect(events[1]?[1] as? String == "r")
        #expect(events[1]?[2] as? String == "12x3")
        #expect((events[2]?[2] as? String)?.contains("\u{1B}[2J") == true)
    }

    @Test func sgrCarriesTheThemesColours() {
        #expect(CastScreen.sgr(Style(fg: .rgb(1, 2, 3), bg: .ansi(9), bold: true)) == "\u{1B}[0;1;38;2;1;2;3;101m")
        #expect(CastScreen.sgr(Style(fg: .ansi256(208), bg: .default)) == "\u{1B}[0;38;5;208;49m")
        #expect(CastScreen.sgr(.plain) == "\u{1B}[0m")
    }
}
