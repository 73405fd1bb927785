import Foundation
import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

/// The decoders' JSON reader: values, escapes, skipping, whole values, and that text that is not
/// JSON or not the shape asked for is an error, never a crash.
@Suite struct JSONReaderTests {
    /// Reads `{"v": <value>}` (other members skipped) with `value`.
    private func member<T>(_ json: String, _ value: (inout JSONReader) throws(JSONReadError) -> T) throws(JSONReadError)
        -> T?
    {
        try JSONReader.read(json) { (r) throws(JSONReadError) -> T? in
            var out: T?
            _ = try r.object(JSONKeys("v")) { (_, r) throws(JSONReadError) in out = try value(&r) }
            return out
        }
    }

    private func string(_ json: String) throws(JSONReadError) -> String? {
        try member(json) { r throws(JSONReadError) in try r.string() } ?? nil
    }
    private func int(_ json: String) throws(JSONReadError) -> Int? {
        try member(json) { r throws(JSONReadError) in try r.int() } ?? nil
    }
    private func double(_ json: String) throws(JSONReadError) -> Double? {
        try member(json) { r throws(JSONReadError) in try r.double() } ?? nil
    }

    private func fails(_ json: String, _ read: (String) throws(JSONReadError) -> Any?) -> Bool {
        do {
            _ = try read(json)
            return false
        } catch {
            return true
        }
    }

    @Test func everyEscape() throws {
        #expect(try string(#"{"v":"q\" b\\ s\/ \b\f\n\r\t"}"#) == "q\" b\\ s/ \u{08}\u{0C}\n\r\t")
        #expect(try string(#"{"v":"\u0041\u00e9\u20AC\u0000."}"#) == "Aé€\u{0}.")
        #expect(try string(#"{"v":"plain é 🙂 text"}"#) == "plain é 🙂 text")
        #expect(try string(#"{"v":"mixed é\u00e9"}"#) == "mixed éé")
        #expect(try string(#"{"v":""}"#) == "")
    }

    @Test func surrogatePairsMakeOneCharacter() throws {
        #expect(try string(#"{"v":"\ud83d\ude00"}"#) == "😀")
        #expect(try string(#"{"v":"a\uD834\uDD1Eb"}"#) == "a𝄞b")
        #expect(try string(#"{"v":"\udbff\udfff"}"#) == "\u{10FFFF}")
    }

    @Test(arguments: [
        #"{"v":"\ud800"}"#, #"{"v":"\ud800x"}"#, #"{"v":"\udc00"}"#, #"{"v":"\ud800\u0041"}"#,
        #"{"v":"\ud800\n"}"#, #"{"other":"\ude00"}"#,
    ])
    func unpairedSurrogatesAreErrors(json: String) {
        #expect(fails(json, string))
    }

    @Test func irrelevantAndNestedMembersAreSkipped() throws {
        let json = """
            { "a" : {"b":[1, -2.5e3, {"c":"}]\\"{"}, [], {}], "d":null, "e":true, "f":false},
              "g": "x\\u00e9\\"", "h": [[[[]]]], "i": 0.0, "v" : "found", "j": {"v": "not this one"} }
            """
        #expect(try string(json) == "found")
        #expect(try string(#"{"v":"first","w":"second"}"#) == "first")
        #expect(try string(#"{"w":1}"#) == nil)
        #expect(try string("\t\r\n {\"v\" :\n\"spaced\" } \n") == "spaced")
    }

    @Test func numbers() throws {
        #expect(try int(#"{"v":0}"#) == 0)
        #expect(try int(#"{"v":-0}"#) == 0)
        #expect(try int(#"{"v":42}"#) == 42)
        #expect(try int(#"{"v":-17}"#) == -17)
        #expect(try int(#"{"v":9223372036854775807}"#) == Int.max)
        #expect(try int(#"{"v":-9223372036854775808}"#) == Int.min)
        #expect(try double(#"{"v":232.908}"#) == 232.908)
        #expect(try double(#"{"v":-1.5e-3}"#) == -0.0015)
        #expect(try double(#"{"v":1E+2}"#) == 100)
        #expect(try double(#"{"v":7}"#) == 7)
        #expect(try double(#"{"v":0.1}"#) == 0.1)
        #expect(try double(#"{"v":109.4607654662836}"#) == 109.4607654662836)
        // Whole numbers written with a fraction or an exponent are integers, as `JSONValue.int` reads them.
        #expect(try int(#"{"v":12.0}"#) == 12)
        #expect(try int(#"{"v":1e2}"#) == 100)
        #expect(try int(#"{"v":-2.5E1}"#) == -25)
        for json in [#"{"v":9223372036854775808}"#, #"{"v":12.5}"#, #"{"v":1e-2}"#, #"{"v":"1"}"#, #"{"v":true}"#] {
            #expect(fails(json, int), "\(json)")
        }
        #expect(fails(#"{"v":1e400}"#, double))
        // Not JSON numbers at all, even where they would be skipped.
        for bad in ["01", "1.", ".5", "+1", "-", "1e", "1e+", "-a", "0x10", "NaN", "Infinity", "1.5.2"] {
            #expect(fails(#"{"v":\#(bad)}"#, double), "\(bad)")
            #expect(fails(#"{"skipped":\#(bad),"v":1}"#, double), "\(bad) skipped")
        }
    }

    @Test func nullsReadAsNil() throws {
        #expect(try string(#"{"v":null}"#) == nil)
        #expect(try int(#"{"v":null}"#) == nil)
        #expect(try double(#"{"v":null}"#) == nil)
        #expect(try member(#"{"v":null}"#) { r throws(JSONReadError) in try r.bool() } == .some(nil))
        #expect(
            try member(#"{"v":null}"#) { r throws(JSONReadError) in
                try r.array { r throws(JSONReadError) in try r.int() }
            } == .some(nil))
        #expect(
            try member(#"{"v":null}"#) { r throws(JSONReadError) in
                try r.object(JSONKeys("x")) { _, r throws(JSONReadError) in try r.skipValue() }
            } == false)
        #expect(
            try member(#"{"v":[1,null,3]}"#) { r throws(JSONReadError) in
                try r.array { r throws(JSONReadError) in try r.int() }
            } == [1, nil, 3])
        #expect(
            try member(#"{"v":[]}"#) { r throws(JSONReadError) in try r.array { r throws(JSONReadError) in try r.int() }
            } == [])
        #expect(try member(#"{"v":true}"#) { r throws(JSONReadError) in try r.bool() } == true)
    }

    @Test func wrongTypesAreErrors() {
        #expect(fails(#"{"v":1}"#, string))
        #expect(fails(#"{"v":{}}"#, string))
        #expect(fails(#"{"v":"x"}"#, int))
        #expect(fails(#"{"v":nul}"#, string))
        #expect(fails(#"["v"]"#, string))
        // A null object is no object (the decoders turn a null chunk into an error themselves).
        #expect((try? JSONReader.read("null") { r throws(JSONReadError) in try r.beginObject() }) == false)
    }

    @Test func keysMatchExactlyAndTheLastOfTwoWins() throws {
        // A key given twice is read twice, so the last one wins, as in `JSONValue`'s subscript.
        #expect(try string(#"{"v":"a","v":"b"}"#) == "b")
        // Keys are matched as spelled: other spellings are other keys, skipped.
        for key in ["V", "v_", "_v", "caf\u{e9}", "reasoningContent"] {
            #expect(try string(#"{"\#(key)":"other","v":"x"}"#) == "x", "\(key)")
        }
        // An escaped key is its decoded text.
        #expect(try string(#"{"\u0076":"escaped"}"#) == "escaped")
        #expect(try string(#"{"w\n":1,"v":"after an escaped key"}"#) == "after an escaped key")
    }

    @Test func freeFormValuesAreReadWhole() throws {
        let text = #"{"v":{"b":[1,-2.5e3,true,null,"\u00e9"],"a":{},"c":false}}"#
        let value = try member(text) { r throws(JSONReadError) in try r.value() }
        #expect(
            value
                == .fields([
                    ("b", .array([.number(1), .number(-2500), .bool(true), .null, .string("é")])), ("a", .object([])),
                    ("c", .bool(false)),
                ]))
        #expect(value?.tight == #"{"b":[1,-2500,true,null,"é"],"a":{},"c":false}"#)
        #expect(try member(#"{"v":null}"#) { r throws(JSONReadError) in try r.objectValue() } == .some(nil))
        let notAnObject = fails(#"{"v":[1]}"#) { json throws(JSONReadError) -> Any? in
            (try member(json) { r throws(JSONReadError) in try r.objectValue() }).map { $0 as Any }
        }
        #expect(notAnObject)
    }

    @Test(arguments: [
        "", " ", "{", "}", "{\"v\"", "{\"v\":", "{\"v\":}", "{\"v\":\"x\"", "{\"v\":\"x\",}",
        "{\"w\":[1,],\"v\":\"x\"}",
        "{\"w\":{\"a\":1,},\"v\":\"x\"}", "{\"v\":\"\\x\"}", "{\"w\":\"\\x\"}", "{\"v\":\"\\u12\"}",
        "{\"v\":\"\\u12g4\"}",
        "{\"v\":tru}", "{\"v\":\"unterminated}", "{\"v\":\"tab\there\"}", "{\"v\":\"x\"} x", "{\"v\":\"x\"}}", "{v:1}",
        "{\"v\" \"x\"}", "{\"v\":\"x\" \"w\":1}", "{'v':'x'}", "[", "\u{FEFF}{\"v\":\"x\"}", "{\"v\":\"x\"\u{0}}",
    ])
    func malformedTextIsAnError(json: String) {
        #expect(fails(json, string))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(fails(#"{"w":\#(deep),"v":"x"}"#, string))
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? string(#"{"w":\#(ok),"v":"x"}"#)) == "x")
    }

    @Test func everyTruncationAndRandomBytesAreErrorsNotCrashes() {
        let chunk =
            #"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"é\u00e9\ud83d\ude00 \"q\""}}],"usage":{"prompt_tokens":53},"n":-1.5e3}"#
        let bytes = Array(chunk.utf8)
        for cut in 0..<bytes.count {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            #expect(throws: JSONReadError.self) {
                try JSONReader.read(text) { r throws(JSONReadError) in try r.skipValue() }
            }
        }
        #expect(throws: Never.self) { try JSONReader.read(chunk) { r throws(JSONReadError) in try r.skipValue() } }
        var rng = SeededRandom(seed: 7)
        let alphabet = Array(#"{}[]":,\ nultrfase0123456789.-+eEu"#.utf8)
        for _ in 0..<2000 {
            let n = Int(rng.next() % 40)
            let text = String(
                decoding: (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            _ = try? JSONReader.read(text) { r throws(JSONReadError) in try r.skipValue() }
        }
    }
}
