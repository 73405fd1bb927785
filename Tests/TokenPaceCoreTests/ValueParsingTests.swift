import Testing
import TokenPaceCore

@Suite struct ValueParsingTests {
    @Test func rates() throws {
        #expect(try ValueParsing.rates("10,21,60") == [10, 21, 60])
        #expect(try ValueParsing.rates("0.1, 5000tok/s") == [0.1, 5000])
        #expect(throws: ValueError.self) { try ValueParsing.rates("10,fast") }
        #expect(throws: ValueError.self) { try ValueParsing.rates("6000") }
        #expect(throws: ValueError.self) { try ValueParsing.rates("1,2,3,4,5,6,7,8,9,10") }
    }

    @Test func rateErrorNamesTheValue() {
        do {
            _ = try ValueParsing.rates("10,0.01")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("0.01"))
            #expect(error.description.contains("0.1 to 5000"))
        }
    }

    @Test func durations() throws {
        #expect(try ValueParsing.duration("0.5s") == 0.5)
        #expect(try ValueParsing.duration("500ms") == 0.5)
        #expect(try ValueParsing.duration("2") == 2)
        #expect(try ValueParsing.duration("1m") == 60)
        #expect(throws: ValueError.self) { try ValueParsing.duration("soon") }
        #expect(throws: ValueError.self) { try ValueParsing.duration("-1s") }
    }

    @Test func firstTokens() throws {
        let f = try ValueParsing.firstTokens("0.2s,prefill", prefillRate: 800, overhead: 0.1)
        #expect(f == [.fixed(0.2), .prefill(rate: 800, overhead: 0.1)])
    }

    @Test func fractions() throws {
        #expect(try ValueParsing.fraction("25%", name: "--jitter") == 0.25)
        #expect(try ValueParsing.fraction("0.1", name: "--jitter") == 0.1)
        #expect(try ValueParsing.fraction("10", name: "--jitter") == 0.1)
        #expect(throws: ValueError.self) { try ValueParsing.fraction("90%", name: "--jitter") }
        // A bare number above 1 is a percent; a success rate goes up to 100%.
        #expect(try ValueParsing.fraction("1.5", name: "--success", max: 1) == 0.015)
        #expect(try ValueParsing.fraction("1", name: "--success", max: 1) == 1)
        #expect(throws: ValueError("--success 150 is too large: at most 100%")) {
            try ValueParsing.fraction("150", name: "--success", max: 1)
        }
        #expect(throws: ValueError("--success -1 is negative: give a share such as 25% or 0.25")) {
            try ValueParsing.fraction("-1", name: "--success", max: 1)
        }
    }
}
