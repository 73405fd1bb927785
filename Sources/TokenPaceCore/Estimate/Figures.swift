import Foundation

/// Number wording shared by the explanation lines and reports: enough digits to compare, no more.
enum Figures {
    static let bytesPerGiB = 1_073_741_824.0

    /// 1234 → "1234", 56.78 → "56.8", 7.654 → "7.65".
    static func rate(_ value: Double) -> String {
        if !value.isFinite { return "∞" }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    /// Decimal gigabytes with two decimals under 10, one above.
    static func gb(_ bytes: Double) -> String {
        let v = bytes / 1e9
        return String(format: v < 10 ? "%.2f GB" : "%.1f GB", v)
    }

    /// Binary gigabytes, one decimal, whole numbers without ".0".
    static func gib(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(format: "%.0f GiB", rounded) }
        return String(format: "%.1f GiB", rounded)
    }

    /// Seconds below one shown as milliseconds.
    static func seconds(_ s: Double) -> String {
        if s < 1 { return String(format: s < 0.01 ? "%.1f ms" : "%.0f ms", s * 1000) }
        return String(format: s < 10 ? "%.2f s" : "%.1f s", s)
    }

    /// Billions of parameters: "8.03 B", "70.6 B".
    static func billions(_ params: Double) -> String {
        let b = params / 1e9
        return String(format: b < 10 ? "%.2f B" : "%.1f B", b)
    }

    /// Up to two decimals, trailing zeros dropped: 1008 → "1008", 27.2 → "27.2", 4.26 → "4.26".
    static func plain(_ value: Double) -> String {
        var s = String(format: "%.2f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Efficiency factors, always two decimals: 0.8 → "0.80".
    static func factor(_ value: Double) -> String { String(format: "%.2f", value) }
}
