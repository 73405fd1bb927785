import Foundation

/// The presets the estimator knows: devices, models, weight formats, and the published
/// measurements that keep the formulas honest. Read from `Samples/hardware.yaml` so users can add
/// their own hardware without rebuilding.
public struct HardwareCatalog: Sendable, Equatable {
    public var classes: [String: DeviceClass]
    public var gpus: [GPUSpec]
    public var models: [ModelSpec]
    public var quants: [QuantSpec]
    public var checks: [PublishedCheck]
    /// Published serving benchmarks at batch > 1 (throughput) or batch 1 TTFT.
    public var batchChecks: [BatchCheck] = []

    public init(
        classes: [String: DeviceClass], gpus: [GPUSpec], models: [ModelSpec], quants: [QuantSpec],
        checks: [PublishedCheck] = []
    ) {
        self.classes = classes
        self.gpus = gpus
        self.models = models
        self.quants = quants
        self.checks = checks
    }

    /// Reads and parses a catalog file.
    public static func load(path: String) throws(CatalogError) -> HardwareCatalog {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CatalogError(source: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, source: path)
    }

    /// Where the catalog is looked for, first hit wins: `$TOKENPACE_HARDWARE`, then
    /// `Samples/hardware.yaml` under the current directory, then beside or above the executable
    /// (a `swift build` binary sits in `.build/<config>/` inside the checkout).
    public static func defaultPath(
        environment: [String: String], currentDirectory: String, executablePath: String,
        exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
    ) -> String? {
        if let path = environment["TOKENPACE_HARDWARE"], !path.isEmpty { return path }
        var candidates = [currentDirectory + "/Samples/hardware.yaml"]
        var dir = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Samples/hardware.yaml").path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first(where: exists)
    }

    public func gpu(named name: String) throws(EstimateError) -> GPUSpec {
        if let hit = Self.find(name, in: gpus, names: { [$0.id, $0.name] + $0.aliases }) { return hit }
        throw .unknownGPU(name, closest: Self.closest(name, in: gpus, names: { [$0.id] + $0.aliases }, id: \.id))
    }

    public func model(named name: String) throws(EstimateError) -> ModelSpec {
        if let hit = Self.find(name, in: models, names: { [$0.id, $0.name] + $0.aliases }) { return hit }
        throw .unknownModel(name, closest: Self.closest(name, in: models, names: { [$0.id] + $0.aliases }, id: \.id))
    }

    public func quant(named name: String) throws(EstimateError) -> QuantSpec {
        if let hit = Self.find(name, in: quants, names: { [$0.id, $0.name] + $0.aliases }) { return hit }
        throw .unknownQuant(name, closest: Self.closest(name, in: quants, names: { [$0.id] + $0.aliases }, id: \.id))
    }

    private static func find<T>(_ name: String, in items: [T], names: (T) -> [String]) -> T? {
        let key = NameSuggestion.normalize(name)
        return items.first { names($0).contains { NameSuggestion.normalize($0) == key } }
    }

    private static func closest<T>(
        _ name: String, in items: [T], names: (T) -> [String], id: KeyPath<T, String>
    ) -> [String] {
        NameSuggestion.closest(to: name, among: items.map { ($0[keyPath: id], names($0)) })
    }
}
