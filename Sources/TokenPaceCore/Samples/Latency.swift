import Foundation

/// Tool latencies as written in sample files: "1.2s", "800ms" or a bare number of seconds.
enum Latency {
    static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let value: Double?
        if t.hasSuffix("ms") {
            value = Double(t.dropLast(2)).map { $0 / 1000 }
        } else if t.hasSuffix("s") {
            value = Double(t.dropLast())
        } else {
            value = Double(t)
        }
        guard let v = value, v.isFinite, v >= 0 else { return nil }
        return v
    }

    static func problem(_ text: String) -> String {
        "bad latency '\(text)': write seconds (1.2s) or milliseconds (800ms)"
    }
}
