import Foundation

/// Control and user-defined tokens (`<|im_start|>`, `<|endoftext|>`…) found in the text before any
/// other rule, as llama.cpp's `/tokenize` and Hugging Face's added tokens do: longest token first,
/// each occurrence cut out of the text pieces that remain.
struct SpecialTokens: Sendable {
    enum Fragment: Equatable {
        case text(Range<Int>)
        case token(Int32)
    }

    /// Longest first; equal lengths by id.
    let tokens: [(bytes: [UInt8], id: Int32)]

    init(_ tokens: [(bytes: [UInt8], id: Int32)]) {
        self.tokens = tokens.filter { !$0.bytes.isEmpty }.sorted {
            $0.bytes.count != $1.bytes.count ? $0.bytes.count > $1.bytes.count : $0.id < $1.id
        }
    }

    static let none = SpecialTokens([])

    func partition(_ text: UnsafeBufferPointer<UInt8>) -> [Fragment] {
        var fragments: [Fragment] = text.isEmpty ? [] : [.text(0..<text.count)]
        for (bytes, id) in tokens {
            var next: [Fragment] = []
            next.reserveCapacity(fragments.count)
            var changed = false
            for fragment in fragments {
                guard case .text(let range) = fragment else {
                    next.append(fragment)
                    continue
                }
                var lo = range.lowerBound
                while let at = SpecialTokens.find(bytes, in: text, from: lo, to: range.upperBound) {
                    if at > lo { next.append(.text(lo..<at)) }
                    next.append(.token(id))
                    lo = at + bytes.count
                    changed = true
                }
                if lo < range.upperBound { next.append(.text(lo..<range.upperBound)) }
            }
            if changed { fragments = next }
        }
        return fragments
    }

    static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = text.baseAddress, needle.count <= to - from else { return nil }
        let first = Int32(needle[0])
        var i = from
        let last = to - needle.count
        while i <= last {
            guard let hit = memchr(base + i, first, last - i + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < needle.count && text[at + k] == needle[k] { k += 1 }
            if k == needle.count { return at }
            i = at + 1
        }
        return nil
    }
}
