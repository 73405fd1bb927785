/// Every token's bytes in one buffer, and a hash index from bytes to token id that is looked up with a
/// slice of the text being encoded (no key is ever allocated: the hot path of every merge).
struct TokenBytesTable: Sendable {
    private(set) var storage: [UInt8] = []
    /// Start of token i's bytes in `storage`; `starts[i + 1]` is its end. A missing id has no bytes.
    private(set) var starts: [Int32] = [0]
    private var slots: [Int32] = []
    private var mask = 0

    var count: Int { starts.count - 1 }

    /// Token `id` gets `bytes`; ids must be appended in order (gaps are filled with empty tokens).
    mutating func append<C: Collection>(id: Int, bytes: C) where C.Element == UInt8 {
        while count < id { starts.append(Int32(storage.count)) }
        storage.append(contentsOf: bytes)
        starts.append(Int32(storage.count))
    }

    func bytes(of id: Int) -> ArraySlice<UInt8> {
        guard id >= 0 && id < count else { return [] }
        return storage[Int(starts[id])..<Int(starts[id + 1])]
    }

    /// Builds the lookup index; when two tokens have the same bytes the lower id wins. `excluding`:
    /// ids that are never looked up by their bytes (special tokens, found by `SpecialTokens` instead).
    mutating func buildIndex(excluding: Set<Int> = []) {
        var size = 16
        while size < count * 2 { size <<= 1 }
        mask = size - 1
        slots = [Int32](repeating: -1, count: size)
        storage.withUnsafeBufferPointer { buf in
            for id in 0..<count {
                let s = Int(starts[id])
                let e = Int(starts[id + 1])
                guard e > s, !excluding.contains(id) else { continue }
                let key = UnsafeBufferPointer(rebasing: buf[s..<e])
                var i = TokenBytesTable.hash(key) & mask
                var duplicate = false
                while slots[i] >= 0 {
                    if equal(Int(slots[i]), key, buf) {
                        duplicate = true
                        break
                    }
                    i = (i + 1) & mask
                }
                if !duplicate { slots[i] = Int32(id) }
            }
        }
    }

    @inline(__always) static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    @inline(__always) private func equal(
        _ id: Int, _ key: UnsafeBufferPointer<UInt8>, _ buf: UnsafeBufferPointer<UInt8>
    )
        -> Bool
    {
        let s = Int(starts[id])
        let e = Int(starts[id + 1])
        guard e - s == key.count else { return false }
        var i = 0
        while i < key.count {
            if buf[s + i] != key[i] { return false }
            i += 1
        }
        return true
    }

    /// The token whose bytes are `key`, or -1.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard !slots.isEmpty, !key.isEmpty else { return -1 }
        return storage.withUnsafeBufferPointer { buf in
            var i = TokenBytesTable.hash(key) & mask
            while true {
                let id = slots[i]
                if id < 0 { return -1 }
                if equal(Int(id), key, buf) { return id }
                i = (i + 1) & mask
            }
        }
    }

    func lookup(_ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBufferPointer { lookup($0) }
    }
}

/// Merge rules of a BPE vocabulary: (left token, right token) → (rank, merged token), open addressing.
struct MergeTable: Sendable {
    private var keys: [UInt64] = []
    private var values: [UInt64] = []
    private var mask = 0
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        keys = [UInt64](repeating: .max, count: size)
        values = [UInt64](repeating: 0, count: size)
    }

    @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds a rule unless the pair already has one (the first, lowest-ranked rule wins).
    mutating func insert(left: Int32, right: Int32, rank: Int32, merged: Int32) {
        let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
        var i = MergeTable.slot(key, mask)
        while keys[i] != .max {
            if keys[i] == key { return }
            i = (i + 1) & mask
        }
        keys[i] = key
        values[i] = UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(UInt32(bitPattern: merged))
        count += 1
    }

    @inline(__always) func lookup(left: Int32, right: Int32) -> (rank: Int32, merged: Int32)? {
        let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
        var i = MergeTable.slot(key, mask)
        while true {
            let k = keys[i]
            if k == key {
                let v = values[i]
                return (Int32(truncatingIfNeeded: v >> 32), Int32(truncatingIfNeeded: v & 0xFFFF_FFFF))
            }
            if k == .max { return nil }
            i = (i + 1) & mask
        }
    }
}
