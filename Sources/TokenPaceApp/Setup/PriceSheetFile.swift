import Foundation
import TokenPaceCore

/// Finds and reads the price sheet: `--prices FILE`, else `$TOKENPACE_PRICES`, else
/// `Samples/prices.yaml` under the current directory or beside/above the executable.
public enum PriceSheetFile {
    public static func load(_ path: String?) throws(ValueError) -> PriceSheet {
        var candidates: [String] = []
        if let path {
            candidates = [path]
        } else if let env = ProcessInfo.processInfo.environment["TOKENPACE_PRICES"], !env.isEmpty {
            candidates = [env]
        } else {
            candidates = [FileManager.default.currentDirectoryPath + "/Samples/prices.yaml"]
            var dir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(dir.appendingPathComponent("Samples/prices.yaml").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ValueError(
                "\(path ?? "Samples/prices.yaml"): no such file; pass --prices FILE or set TOKENPACE_PRICES")
        }
        let text = try TextFile.read(found)
        do {
            return try PriceSheet.parse(yaml: text, source: found)
        } catch {
            throw ValueError(error.description)
        }
    }

    /// The cost model of these settings, reading the sheet only when a name needs it.
    public static func resolve(_ settings: CostSettings, sheet path: String?) throws(ValueError) -> PaneCost? {
        try settings.resolve { () throws(ValueError) -> PriceSheet in try load(path) }
    }

    /// The box and the API separately, both allowed at once (`estimate` compares them).
    public static func both(_ s: CostSettings, sheet path: String?) throws(ValueError) -> (BoxCost?, APIPrice?) {
        let box = try resolve(CostSettings(gpuCost: s.gpuCost, power: s.power, kwh: s.kwh), sheet: nil)
        let api = try resolve(CostSettings(price: s.price), sheet: path)
        var b: BoxCost?
        var a: APIPrice?
        if case .box(let x) = box { b = x }
        if case .api(let x) = api { a = x }
        return (b, a)
    }
}
