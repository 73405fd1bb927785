import Testing
import TokenPaceCore

@testable import TokenPaceView

/// The race chart for a fixed set of panes: a fast start with a stall, a steady pane, one still
/// running and one that never produced a token.
@Suite struct RaceChartTests {
    static let series: [RaceChart.Series] = [
        (
            label: "openai:http://127.0.0.1:18080/v1",
            times: (0..<40).map { 0.3 + 0.02 * Double($0) + ($0 >= 20 ? 0.5 : 0) }, finished: true
        ),
        (label: "sim:21@0.5s", times: (0..<60).map { 0.5 + Double($0) / 21 }, finished: true),
        (label: "sim:60@1s", times: (0..<30).map { 1 + Double($0) / 60 }, finished: false),
        (label: "llamacpp:http://127.0.0.1:18080", times: [], finished: false),
    ]

    @Test(arguments: [(80, 20, false), (40, 10, false), (80, 20, true), (40, 10, true)])
    func chartMatchesSnapshot(width: Int, height: Int, ascii: Bool) {
        let buffer = RaceChart.render(series: Self.series, size: Size(width: width, height: height), ascii: ascii)
        let name = "race-\(width)x\(height)" + (ascii ? "-ascii" : "")
        assertSnapshot(buffer.text, named: name)
        if !ascii && width == 80 { assertSnapshot(buffer.styleGrid, named: name + "-style") }
    }

    @Test func axesEndOnRoundValuesAboveTheData() {
        #expect(RaceChart.niceCeiling(3.36) == 4)
        #expect(RaceChart.niceCeiling(60) == 60)
        #expect(RaceChart.niceCeiling(61) == 80)
        #expect(RaceChart.niceCeiling(0.42) == 0.5)
        #expect(RaceChart.niceCeiling(0) == 1)
    }

    @Test func eachPaneHasItsOwnLetterAndRoleAndAFinishMark() {
        let buffer = RaceChart.render(series: Self.series, size: Size(width: 80, height: 20), ascii: true)
        let plot = buffer.text.split(separator: "\n").dropFirst().prefix(14).joined()
        #expect(plot.contains("a") && plot.contains("b") && plot.contains("c"))
        // Finished panes are marked with their capital letter; the unfinished one is not.
        #expect(plot.contains("A") && plot.contains("B") && !plot.contains("C"))
        #expect(Set((0..<4).map(RaceChart.role)).count == 4)
    }

    @Test func legendGivesEachPanesEndToEndTime() {
        let buffer = RaceChart.render(series: Self.series, size: Size(width: 80, height: 20), ascii: false)
        let text = buffer.text
        #expect(text.contains("A openai:http://127.0.0.1:18080/v1 1.58 s"))
        #expect(text.contains("B sim:21@0.5s 3.31 s"))
        #expect(text.contains("C sim:60@1s unfinished"))
        #expect(text.contains("D llamacpp:http://127.0.0.1:18080 no tokens"))
    }

    @Test func tooSmallGivesABlankBuffer() {
        let buffer = RaceChart.render(series: Self.series, size: Size(width: 10, height: 4), ascii: false)
        #expect(buffer.text.allSatisfy { $0 == " " || $0 == "\n" })
    }
}
