import Foundation

/// The key–value metadata at the head of a GGUF model file, read through a small buffer from the start
/// of the file: the tensors that follow (gigabytes) are never read. Arrays are kept only for the
/// `tokenizer.` keys; other arrays are skipped.
struct GGUFMetadata {
    enum Value {
        case int(Int64)
        case float(Double)
        case bool(Bool)
        case string(String)
        /// A string array as one byte buffer plus each element's start (and the end after the last).
        case strings(storage: [UInt8], starts: [Int])
        case ints([Int64])
        case floats([Float])
        /// An array that was skipped: its element type and length.
        case skipped(count: Int)
    }

    let path: String
    let version: UInt32
    var values: [String: Value] = [:]
    /// Bytes read from the file to get the metadata.
    private(set) var bytesRead = 0

    init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw TokenizerFileError(path: path, "cannot be opened for reading")
        }
        defer { try? handle.close() }
        var r = Reader(handle: handle, path: path)
        let magic = try r.bytes(4)
        guard magic == Array("GGUF".utf8) else {
            throw TokenizerFileError(path: path, "not a GGUF file (no GGUF magic)")
        }
        version = try r.u32()
        guard version == 2 || version == 3 else {
            let hint = version > 0xFFFF ? " (a big-endian GGUF?)" : version == 1 ? " (GGUF v1 is obsolete)" : ""
            throw TokenizerFileError(
                path: path, "GGUF version \(version) is not supported\(hint); versions 2 and 3 are")
        }
        _ = try r.u64()  // tensor count
        let kvCount = try r.u64()
        guard kvCount < 1_000_000 else { throw TokenizerFileError(path: path, "implausible metadata count \(kvCount)") }
        for _ in 0..<kvCount {
            let key = try r.string()
            let type = try r.u32()
            values[key] = try r.value(type: type, keep: key.hasPrefix("tokenizer."), key: key)
        }
        bytesRead = r.consumed
    }

    func string(_ key: String) -> String? {
        if case .string(let s)? = values[key] { return s }
        return nil
    }

    func int(_ key: String) -> Int? {
        switch values[key] {
        case .int(let v)?: return Int(v)
        case .bool(let b)?: return b ? 1 : 0
        default: return nil
        }
    }

    func bool(_ key: String) -> Bool? {
        switch values[key] {
        case .bool(let b)?: return b
        case .int(let v)?: return v != 0
        default: return nil
        }
    }

    /// Buffered little-endian reads from the start of the file.
    struct Reader {
        let handle: FileHandle
        let path: String
        var buffer: [UInt8] = []
        var position = 0
        var consumed = 0
        static let chunk = 1 << 20

        init(handle: FileHandle, path: String) {
            self.handle = handle
            self.path = path
        }

        mutating func ensure(_ n: Int) throws {
            if buffer.count - position >= n { return }
            buffer.removeFirst(position)
            position = 0
            while buffer.count < n {
                let data = handle.readData(ofLength: max(Reader.chunk, n - buffer.count))
                if data.isEmpty {
                    throw TokenizerFileError(
                        path: path, "ends inside the GGUF metadata (at byte \(consumed + buffer.count))")
                }
                buffer.append(contentsOf: data)
            }
        }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            try ensure(n)
            defer {
                position += n
                consumed += n
            }
            return Array(buffer[position..<(position + n)])
        }

        mutating func skip(_ n: Int) throws {
            var left = n
            while left > 0 {
                let step = min(left, Reader.chunk)
                try ensure(step)
                position += step
                consumed += step
                left -= step
            }
        }

        mutating func u8() throws -> UInt8 {
            try ensure(1)
            defer {
                position += 1
                consumed += 1
            }
            return buffer[position]
        }

        mutating func u32() throws -> UInt32 {
            try ensure(4)
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(buffer[position + k]) << (8 * UInt32(k)) }
            position += 4
            consumed += 4
            return v
        }

        mutating func u64() throws -> UInt64 {
            try ensure(8)
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(buffer[position + k]) << (8 * UInt64(k)) }
            position += 8
            consumed += 8
            return v
        }

        mutating func length() throws -> Int {
            let n = try u64()
            guard n < 1 << 34 else {
                throw TokenizerFileError(path: path, "implausible length \(n) at byte \(consumed - 8)")
            }
            return Int(n)
        }

        mutating func string() throws -> String {
            let n = try length()
            try ensure(n)
            defer {
                position += n
                consumed += n
            }
            return String(decoding: buffer[position..<(position + n)], as: UTF8.self)
        }

        /// Size of a fixed-size element type, nil for strings and arrays.
        static func size(of type: UInt32) -> Int? {
            switch type {
            case 0, 1, 7: return 1
            case 2, 3: return 2
            case 4, 5, 6: return 4
            case 10, 11, 12: return 8
            default: return nil
            }
        }

        mutating func scalar(type: UInt32) throws -> Value {
            switch type {
            case 0: return .int(Int64(try u8()))
            case 1: return .int(Int64(Int8(bitPattern: try u8())))
            case 2: return .int(Int64(try u32Bytes(2)))
            case 3: return .int(Int64(Int16(truncatingIfNeeded: try u32Bytes(2))))
            case 4: return .int(Int64(try u32()))
            case 5: return .int(Int64(Int32(bitPattern: try u32())))
            case 6: return .float(Double(Float(bitPattern: try u32())))
            case 7: return .bool(try u8() != 0)
            case 10: return .int(Int64(bitPattern: try u64()))
            case 11: return .int(Int64(bitPattern: try u64()))
            case 12: return .float(Double(bitPattern: try u64()))
            default: throw TokenizerFileError(path: path, "unknown GGUF value type \(type) at byte \(consumed - 4)")
            }
        }

        mutating func u32Bytes(_ n: Int) throws -> UInt32 {
            try ensure(n)
            var v: UInt32 = 0
            for k in 0..<n { v |= UInt32(buffer[position + k]) << (8 * UInt32(k)) }
            position += n
            consumed += n
            return v
        }

        mutating func value(type: UInt32, keep: Bool, key: String) throws -> Value {
            switch type {
            case 8: return .string(try string())
            case 9:
                let elementType = try u32()
                let count = try length()
                if elementType == 8 {
                    var storage: [UInt8] = []
                    var starts: [Int] = []
                    if keep {
                        storage.reserveCapacity(count * 8)
                        starts.reserveCapacity(count + 1)
                    }
                    for _ in 0..<count {
                        let n = try length()
                        if keep {
                            try ensure(n)
                            starts.append(storage.count)
                            storage.append(contentsOf: buffer[position..<(position + n)])
                            position += n
                            consumed += n
                        } else {
                            try skip(n)
                        }
                    }
                    starts.append(storage.count)
                    return keep ? .strings(storage: storage, starts: starts) : .skipped(count: count)
                }
                guard let size = Reader.size(of: elementType) else {
                    throw TokenizerFileError(path: path, "array of unsupported GGUF type \(elementType) in \(key)")
                }
                guard keep else {
                    try skip(size * count)
                    return .skipped(count: count)
                }
                if elementType == 6 {
                    var floats: [Float] = []
                    floats.reserveCapacity(count)
                    for _ in 0..<count { floats.append(Float(bitPattern: try u32())) }
                    return .floats(floats)
                }
                var ints: [Int64] = []
                ints.reserveCapacity(count)
                for _ in 0..<count {
                    guard case .int(let v) = try scalar(type: elementType) else {
                        throw TokenizerFileError(path: path, "array of non-integer GGUF type \(elementType) in \(key)")
                    }
                    ints.append(v)
                }
                return .ints(ints)
            default:
                return try scalar(type: type)
            }
        }
    }
}
