import Testing

@testable import TokenPaceCore

/// Every formatter: ordinary values, 0, negatives, the rounding boundaries where a tier changes,
/// huge values, and nil/NaN/∞, which must come out as "—" and never as a number.
@Suite struct FormatTests {
    static let notANumber: [Double?] = [nil, .nan, .infinity, -.infinity]

    /// The arithmetic the formatters must agree with: round half away from zero on |v| × 10^d.
    func reference(_ v: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let n = Int((abs(v) * scale).rounded())
        var out = (v < 0 && n != 0 ? "-" : "") + String(n / Int(scale))
        if decimals > 0 {
            let frac = String(n % Int(scale))
            out += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return out
    }

    /// Values from 0.00037 to 2 million, both signs, plus boundaries.
    var sweep: [Double] {
        var values: [Double] = [0, -0.0, 0.004, 0.005, -0.004, 9.995, 9.996, 99.95, 99.96, 123456.789, -3.14159, 1e-9]
        var x = 0.000_37
        while x < 2e6 {
            values += [x, -x]
            x *= 1.37
        }
        return values
    }

    @Test func fixedRoundsHalfAwayFromZero() {
        for v in sweep {
            for d in 0...4 { #expect(Format.fixed(v, d) == reference(v, d), "\(v) to \(d)") }
        }
        #expect(Format.fixed(3.14159, 2) == "3.14")
        #expect(Format.fixed(-0.5, 2) == "-0.50")
        #expect(Format.fixed(2.5, 0) == "3")
        #expect(Format.fixed(-2.5, 0) == "-3")
        #expect(Format.fixed(0.125, 2) == "0.13", "an exact half rounds away from zero, not to even")
    }

    @Test func fixedWritesNoSignOnAValueThatRoundsToZero() {
        #expect(Format.fixed(-0.0, 2) == "0.00")
        #expect(Format.fixed(-0.004, 2) == "0.00")
        #expect(Format.fixed(-0.005, 2) == "-0.01")
    }

    @Test func fixedAtTheBoundaryFollowsTheStoredDouble() {
        // 9.995 is stored as 9.99499999…: it is 9.99; 9.996 is 10.00.
        #expect(Format.fixed(9.995, 2) == "9.99")
        #expect(Format.fixed(9.996, 2) == "10.00")
        #expect(Format.fixed(0.1 + 0.2, 2) == "0.30")
    }

    @Test func fixedSpellsHugeValuesWithoutInventingDecimals() {
        #expect(Format.fixed(123_456_789_012.345, 3) == "123456789012.345")
        #expect(Format.fixed(1e16, 2) == "10000000000000000.00")
        #expect(Format.fixed(-1e16, 0) == "-10000000000000000")
        #expect(Format.fixed(1e20, 1) == "1e+20")
        #expect(Format.fixed(Double.greatestFiniteMagnitude, 0).hasPrefix("1.797"))
    }

    @Test func theLargestDoublesAreWrittenWithoutATrap() {
        for v in [Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e300, .leastNonzeroMagnitude] {
            var texts = [
                Format.fixed(v, 3), Format.trimmed(v, places: 2), Format.figure(v), Format.rate(v),
                Format.tokensPerSecond(v), Format.count(v), Format.billions(v), Format.gibibytes(v),
            ]
            for style in [DurationStyle.clock, .reading, .precise, .setting, .axis] {
                texts.append(Format.duration(v, style))
            }
            for unit in [ByteUnit.kilobytes, .gigabytes, .gibibytes] { texts.append(Format.bytes(v, unit)) }
            for text in texts { #expect(text != Format.missing && !text.isEmpty, "\(v): \(text)") }
        }
        #expect(Format.percent(1e300) == "1e+302%")
        #expect(Format.percent(Double.greatestFiniteMagnitude) == "—", "its percentage overflows")
    }

    @Test func everyFormatterShowsADashForWhatCannotBeComputed() {
        for v in Self.notANumber {
            #expect(Format.fixed(v, 2) == "—")
            #expect(Format.trimmed(v, places: 2) == "—")
            #expect(Format.figure(v) == "—")
            #expect(Format.rate(v) == "—")
            #expect(Format.tokensPerSecond(v) == "—")
            #expect(Format.count(v) == "—")
            #expect(Format.billions(v) == "—")
            #expect(Format.percent(v) == "—")
            #expect(Format.percent(v, places: 2, signed: true) == "—")
            for style in [DurationStyle.clock, .reading, .precise, .setting, .axis] {
                #expect(Format.duration(v, style) == "—", "\(style)")
            }
            for unit in [ByteUnit.kilobytes, .gigabytes, .gibibytes] { #expect(Format.bytes(v, unit) == "—") }
        }
        #expect(Format.missing == "—")
    }

    @Test func trimmedDropsTrailingZeros() {
        #expect(Format.trimmed(1008, places: 2) == "1008")
        #expect(Format.trimmed(27.2, places: 2) == "27.2")
        #expect(Format.trimmed(4.256, places: 2) == "4.26")
        #expect(Format.trimmed(4, places: 2) == "4")
        #expect(Format.trimmed(0, places: 2) == "0")
        #expect(Format.trimmed(-0.001, places: 2) == "0")
        #expect(Format.trimmed(0.1 + 0.2, places: 2) == "0.3")
        #expect(Format.trimmed(1e20, places: 2) == "1e+20")
    }

    @Test func figureKeepsAboutThreeSignificantDigits() {
        #expect(Format.figure(1234) == "1234")
        #expect(Format.figure(56.78) == "56.8")
        #expect(Format.figure(7.654) == "7.65")
        #expect(Format.figure(0) == "0.00")
        #expect(Format.figure(-150) == "-150")
        #expect(Format.figure(-7.654) == "-7.65")
        // The tier is chosen after rounding: never "10.00" or "100.0".
        #expect(Format.figure(9.994) == "9.99")
        #expect(Format.figure(9.996) == "10.0")
        #expect(Format.figure(99.94) == "99.9")
        #expect(Format.figure(99.96) == "100")
    }

    @Test func rateHasATenthBelowAHundred() {
        #expect(Format.rate(0) == "0.0")
        #expect(Format.rate(0.5) == "0.5")
        #expect(Format.rate(21) == "21.0")
        #expect(Format.rate(99.94) == "99.9")
        #expect(Format.rate(99.96) == "100")
        #expect(Format.rate(137.4) == "137")
        #expect(Format.rate(5000) == "5000")
        #expect(Format.rate(1e20) == "1e+20")
        #expect(Format.tokensPerSecond(21) == "21.0 tok/s")
        #expect(Format.tokensPerSecond(1234.5) == "1235 tok/s")
    }

    @Test func tieredFormattersStayWithinHalfTheirLastDigit() {
        for v in sweep {
            let reading = Format.duration(v, .reading).split(separator: " ")
            let shown: [(text: Substring, scale: Double)] = [
                (Substring(Format.rate(v)), 1), (Substring(Format.figure(v)), 1),
                (reading[0], reading[1] == "ms" ? 1000 : 1),
            ]
            for (text, scale) in shown {
                guard let back = Double(text) else {
                    Issue.record("\(text) is not a number")
                    continue
                }
                let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
                var step = 1.0
                for _ in 0..<decimals { step /= 10 }
                #expect(abs(back - v * scale) <= step / 2 + 1e-9 * max(1, abs(v * scale)), "\(v) shown as \(text)")
            }
        }
    }

    @Test func clockDurations() {
        let cases: [(Double, String)] = [
            (0, "0.00s"), (0.5, "0.50s"), (9.994, "9.99s"), (9.996, "10.0s"), (12.34, "12.3s"), (99.94, "99.9s"),
            (99.96, "1m40s"), (100, "1m40s"), (125.9, "2m05s"), (157.6, "2m37s"), (3600, "60m00s"), (-0.004, "0.00s"),
            (-1.5, "-1.50s"), (-150, "-2m30s"), (1e20, "1e+20s"),
        ]
        for (s, text) in cases { #expect(Format.duration(s, .clock) == text, "\(s)") }
    }

    @Test func readingDurations() {
        let cases: [(Double, String)] = [
            (0, "0.0 ms"), (0.0042, "4.2 ms"), (0.00999, "10 ms"), (0.312, "312 ms"), (0.9996, "1.00 s"),
            (4.214, "4.21 s"), (9.996, "10.0 s"), (42.13, "42.1 s"), (-0.5, "-500 ms"), (1e20, "1e+20 s"),
        ]
        for (s, text) in cases { #expect(Format.duration(s, .reading) == text, "\(s)") }
    }

    @Test func preciseDurations() {
        let cases: [(Double, String)] = [
            (0, "0.0 ms"), (0.0470671, "47.1 ms"), (0.99994, "999.9 ms"), (0.99996, "1.000 s"), (13.28, "13.280 s"),
            (-0.25, "-250.0 ms"),
        ]
        for (s, text) in cases { #expect(Format.duration(s, .precise) == text, "\(s)") }
    }

    @Test func settingAndAxisDurations() {
        let settings: [(Double, String)] = [
            (30, "30 s"), (0.25, "0.25 s"), (0.3, "0.3 s"), (1.5, "1.5 s"), (0.0001, "0 s"),
        ]
        for (s, text) in settings { #expect(Format.duration(s, .setting) == text, "\(s)") }
        let axis: [(Double, String)] = [
            (0.5, "0.5"), (12, "12"), (2.5, "2.5"), (0.1 + 0.2, "0.3"), (1.25, "1.25"), (0, "0"),
        ]
        for (s, text) in axis { #expect(Format.duration(s, .axis) == text, "\(s)") }
    }

    @Test func countsAndOrdinals() {
        #expect(Format.count(1, "trial") == "1 trial")
        #expect(Format.count(3, "trial") == "3 trials")
        #expect(Format.count(0, "trial") == "0 trials")
        #expect(Format.count(2, "try", plural: "tries") == "2 tries")
        #expect(Format.count(-1, "step") == "-1 steps")
        #expect(Format.count(12.0) == "12")
        #expect(Format.count(12.5) == "12.5")
        #expect(Format.count(0) == "0")
        #expect(Format.count(1e20) == "1e+20")
        let ordinals = [
            (0, "0th"), (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
            (21, "21st"), (22, "22nd"), (111, "111th"), (1003, "1003rd"),
        ]
        for (n, text) in ordinals { #expect(Format.ordinal(n) == text) }
    }

    @Test func percentages() {
        #expect(Format.percent(0.25) == "25%")
        #expect(Format.percent(0) == "0%")
        #expect(Format.percent(0.015, places: 2) == "1.5%")
        #expect(Format.percent(0.6, places: 2) == "60%")
        #expect(Format.percent(0.10, signed: true) == "+10%")
        #expect(Format.percent(-0.034, signed: true) == "-3%")
        #expect(Format.percent(0, signed: true) == "+0%")
        #expect(Format.percent(-0.004, signed: true) == "+0%", "rounds to zero: no minus sign")
        #expect(Format.percent(0.999, rule: .down) == "99%", "progress reaches 100% only when done")
        #expect(Format.percent(1, rule: .down) == "100%")
        #expect(Format.percent(0.995) == "100%")
        #expect(Format.percent(12.5) == "1250%")
    }

    @Test func bytesAndParameters() {
        #expect(Format.bytes(128_000, .kilobytes) == "128 kB")
        #expect(Format.bytes(4.92e9, .gigabytes) == "4.92 GB")
        #expect(Format.bytes(9.996e9, .gigabytes) == "10.0 GB")
        #expect(Format.bytes(70.6e9, .gigabytes) == "70.6 GB")
        #expect(Format.bytes(0, .gigabytes) == "0.00 GB")
        let gib = ByteUnit.bytesPerGiB
        #expect(Format.bytes(24 * gib, .gibibytes) == "24 GiB")
        #expect(Format.bytes(6.44 * gib, .gibibytes) == "6.4 GiB")
        #expect(Format.bytes(6.96 * gib, .gibibytes) == "7 GiB")
        #expect(Format.bytes(0, .gibibytes) == "0 GiB")
        #expect(Format.billions(8.03e9) == "8.03 B")
        #expect(Format.billions(70.6e9) == "70.6 B")
        #expect(Format.billions(135e6) == "0.14 B")
    }
}
