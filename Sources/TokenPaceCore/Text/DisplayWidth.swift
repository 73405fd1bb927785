/// Terminal cell width of text, from a fixed table so results never depend on the machine's locale.
///
/// East Asian wide/fullwidth and emoji take 2 cells, combining marks and zero-width joiners 0,
/// everything else 1. A grapheme cluster takes the width of its widest scalar (an emoji with a
/// variation selector or skin tone stays 2).
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        if let a = c.asciiValue { return a < 0x20 || a == 0x7F ? 0 : 1 }
        var w = 0
        for s in c.unicodeScalars {
            w = max(w, of(scalar: s))
        }
        if c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { w = max(w, 2) }
        return w
    }

    public static func of(_ s: some StringProtocol) -> Int {
        if let w = simpleWidth(s.unicodeScalars) { return w }
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    public static func of(_ s: String) -> Int {
        if let w = simpleWidth(s) { return w }
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    public static func of(_ s: Substring) -> Int {
        if let w = simpleWidth(s.unicodeScalars) { return w }
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// `simpleWidth` of a string, with printable ASCII counted byte by byte.
    public static func simpleWidth(_ s: String) -> Int? {
        var n = 0
        for b in s.utf8 {
            guard b >= 0x20 && b < 0x7F else { return simpleWidth(s.unicodeScalars) }
            n += 1
        }
        return n
    }

    /// The width of text whose scalars all stand alone (see `standsAlone`), summed scalar by
    /// scalar; nil if any does not (then characters must be found first).
    @inlinable public static func simpleWidth(_ scalars: some Sequence<Unicode.Scalar>) -> Int? {
        var w = 0
        for s in scalars {
            let v = s.value
            if v < 0x80 {
                guard v >= 0x20 && v != 0x7F else { return nil }
                w += 1
            } else {
                guard standsAlone(v) else { return nil }
                w += isWide(v) ? 2 : 1
            }
        }
        return w
    }

    /// Whether a scalar is a grapheme cluster of its own next to any scalar of this set (no
    /// combining, joining, Hangul, regional-indicator or CR LF rule applies between them), is not
    /// zero-width and not U+FE0F: text made only of these can be measured and drawn scalar by
    /// scalar, each one character, instead of finding characters first.
    @inlinable public static func standsAlone(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x2BFF, 0x3041...0x3096,
            0x30A0...0x30FF, 0x4E00...0x9FFF, 0xFF01...0xFF60:
            return true
        default:
            return false
        }
    }

    public static func of(scalar s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    @usableFromInline static func isZeroWidth(_ v: UInt32) -> Bool {
        // None below U+0300 or between U+2100 and U+FE00 (symbols, box drawing, CJK): skip the list.
        if v < 0x0300 || (v >= 0x2100 && v < 0xFE00) { return false }
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
            0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x0900...0x0902, 0x093C, 0x0941...0x0948,
            0x094D, 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF,
            0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x20D0...0x20FF, 0xFE00...0xFE0F,
            0xFE20...0xFE2F, 0xFEFF, 0x1F3FB...0x1F3FF, 0xE0000...0xE0FFF:
            return true
        default:
            return false
        }
    }

    @usableFromInline static func isWide(_ v: UInt32) -> Bool {
        // Nothing is wide below U+1100 nor between the first range and the second.
        if v < 0x231A { return v >= 0x1100 && v <= 0x115F }
        // Binary search over the sorted ranges: the first range ending at or after v.
        return wideRanges.withUnsafeBufferPointer { r in
            var lo = 0
            var hi = r.count / 2
            while lo < hi {
                let mid = (lo + hi) / 2
                if r[2 * mid + 1] < v { lo = mid + 1 } else { hi = mid }
            }
            return lo < r.count / 2 && r[2 * lo] <= v
        }
    }

    /// East Asian wide and fullwidth ranges and emoji, as sorted (first, last) pairs.
    @usableFromInline static let wideRanges: [UInt32] = [
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0,
        0x23F3, 0x23F3, 0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F,
        0x2693, 0x2693, 0x26A1, 0x26A1, 0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5,
        0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA, 0x26F2, 0x26F3, 0x26F5, 0x26F5,
        0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B, 0x2728, 0x2728,
        0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
        0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, 0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF,
        0xA960, 0xA97F, 0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F,
        0xFF00, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4, 0x17000, 0x18AFF, 0x1B000, 0x1B2FF,
        0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A, 0x1F200, 0x1F251,
        0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA,
        0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
        0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
        0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC,
        0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7EB,
        0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2FFFD,
        0x30000, 0x3FFFD,
    ]
}

/// A plain text table with columns padded by display width (the `list` commands).
public enum TextTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for r in all { for (i, c) in r.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        return all.map { r in
            r.enumerated().map { i, c in
                i == r.count - 1 ? c : c + String(repeating: " ", count: widths[i] - DisplayWidth.of(c))
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
