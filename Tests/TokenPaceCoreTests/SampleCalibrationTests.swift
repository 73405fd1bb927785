import Foundation
import Testing

@testable import TokenPaceCore

/// The heuristic tokenizer against the real SmolLM2 counts stored in each sample's front matter
/// (`scripts/calibrate-samples.py --write`). Set TOKENPACE_CALIBRATION_TABLE=1 to print the table.
@Suite struct SampleCalibrationTests {
    static let tolerance = 0.10

    @Test func everySampleIsWithinTenPercentOfTheRealTokenizer() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        #expect(!library.samples.isEmpty)
        var rows: [String] = []
        for s in library.samples {
            guard let c = s.calibration else {
                Issue.record("\(s.id): no calibration in the front matter")
                continue
            }
            // A batch is calibrated over its whole queue: every item's request and answer.
            let prompt =
                s.task == .batch
                ? s.items.indices.reduce(0) { $0 + Tokenizer.count(s.itemPrompt($1)) } : s.promptTokenCount
            let answer =
                s.task == .batch ? s.items.reduce(0) { $0 + Tokenizer.count($1.answer) } : s.generatedTokenCount
            rows.append("\(s.id) prompt \(c.promptTokens)/\(prompt) answer \(c.answerTokens)/\(answer)")
            #expect(Self.close(prompt, c.promptTokens), "\(s.id): prompt \(prompt) vs real \(c.promptTokens)")
            #expect(Self.close(answer, c.answerTokens), "\(s.id): answer \(answer) vs real \(c.answerTokens)")
        }
        if ProcessInfo.processInfo.environment["TOKENPACE_CALIBRATION_TABLE"] != nil {
            print(rows.joined(separator: "\n"))
        }
    }

    static func close(_ estimate: Int, _ real: Int) -> Bool {
        abs(Double(estimate - real)) <= tolerance * Double(real)
    }
}
