import Foundation

@testable import TokenPaceCore

/// `Fixtures/tokenizer-oracles.json` (scripts/tokenizer-oracles.py): the multilingual corpus with the
/// token ids of tiktoken's cl100k_base and of SmolLM2's own tokenizer, and each family's regex split.
struct TokenizerOracleFixture {
    struct Text {
        let id: String
        let language: String
        let text: String
        let cl100k: [Int]
        let smollm2: [Int]
        /// Word lengths in Unicode scalars, per `SplitRules` raw value.
        let splits: [String: [Int]]
    }

    let texts: [Text]
    /// Random strings of mixed scripts, marks and odd whitespace: checked against the oracles, not
    /// used to calibrate the built-in estimate.
    let fuzz: [Text]
    let extra: [(id: String, text: String, smollm2: [Int])]
    let smollm2Oracle: String
    let cl100kOracle: String

    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tokenizer-oracles.json").path

    static func load() throws -> TokenizerOracleFixture {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        func text(_ t: [String: Any]) -> Text {
            Text(
                id: t["id"] as! String, language: t["language"] as? String ?? "random Unicode",
                text: t["text"] as! String,
                cl100k: t["cl100k"] as! [Int], smollm2: t["smollm2"] as! [Int],
                splits: t["splits"] as! [String: [Int]])
        }
        let texts = (json["texts"] as! [[String: Any]]).map(text)
        let fuzz = (json["fuzz"] as! [[String: Any]]).map(text)
        let extra = (json["smollm2_extra"] as! [[String: Any]]).map {
            (id: $0["id"] as! String, text: $0["text"] as! String, smollm2: $0["smollm2"] as! [Int])
        }
        return TokenizerOracleFixture(
            texts: texts, fuzz: fuzz, extra: extra,
            smollm2Oracle: (json["smollm2"] as! [String: Any])["oracle"] as! String,
            cl100kOracle: (json["cl100k"] as! [String: Any])["oracle"] as! String)
    }

    /// Tokenizer files the tests use when scripts/test.sh found them (else those tests skip).
    static let smollm2GGUF = ProcessInfo.processInfo.environment["TOKENPACE_SMOLLM2_GGUF"].flatMap {
        FileManager.default.fileExists(atPath: $0) ? $0 : nil
    }
    static let cl100kFile = ProcessInfo.processInfo.environment["TOKENPACE_CL100K"].flatMap {
        FileManager.default.fileExists(atPath: $0) ? $0 : nil
    }
}

/// Writes small GGUF files for the loader tests: a header and metadata, no tensors.
struct GGUFWriter {
    enum Value {
        case string(String)
        case uint32(UInt32)
        case bool(Bool)
        case strings([String])
        case int32s([Int32])
        case floats([Float])
    }

    var version: UInt32 = 3
    var pairs: [(String, Value)] = []
    /// Bytes after the metadata standing for tensor data (never read by the loader).
    var padding = 0

    func data() -> Data {
        var d = Data("GGUF".utf8)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        func str(_ s: String) {
            u64(UInt64(s.utf8.count))
            d.append(contentsOf: Array(s.utf8))
        }
        u32(version)
        u64(0)
        u64(UInt64(pairs.count))
        for (key, value) in pairs {
            str(key)
            switch value {
            case .string(let s):
                u32(8)
                str(s)
            case .uint32(let v):
                u32(4)
                u32(v)
            case .bool(let b):
                u32(7)
                d.append(b ? 1 : 0)
            case .strings(let a):
                u32(9)
                u32(8)
                u64(UInt64(a.count))
                a.forEach(str)
            case .int32s(let a):
                u32(9)
                u32(5)
                u64(UInt64(a.count))
                a.forEach { u32(UInt32(bitPattern: $0)) }
            case .floats(let a):
                u32(9)
                u32(6)
                u64(UInt64(a.count))
                a.forEach { u32($0.bitPattern) }
            }
        }
        d.append(Data(count: padding))
        return d
    }

    func write(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokenpace-gguf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data().write(to: url)
        return url.path
    }
}

/// A file with `contents` in a fresh temporary folder.
func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tokenpace-tok-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
}
