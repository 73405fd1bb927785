/// A hosted API's price: US dollars per million tokens read (input), written (output) and read
/// from the provider's prompt cache (cached). An example sheet is `Samples/prices.yaml`: prices
/// change, so every sheet there carries the date and the page it was read from.
public struct APIPrice: Sendable, Equatable {
    public var inputPerM: Double
    public var outputPerM: Double
    /// Cached prompt tokens; `nil` bills them at the input price.
    public var cachedPerM: Double?
    /// The sheet entry the price came from, with its date and source (`nil` when typed in).
    public var sheet: PriceSheet.Entry?

    public init(inputPerM: Double, outputPerM: Double, cachedPerM: Double? = nil, sheet: PriceSheet.Entry? = nil) {
        self.inputPerM = inputPerM
        self.outputPerM = outputPerM
        self.cachedPerM = cachedPerM
        self.sheet = sheet
    }

    public var cachedRate: Double { cachedPerM ?? inputPerM }

    /// `in=3,out=15,cached=0.3` (USD per 1M tokens; `$` allowed). `option` names the flag in errors.
    public static func parse(_ text: String, option: String = "--price") throws(ValueError) -> APIPrice {
        let example = "write in=3,out=15[,cached=0.3] (USD per 1M tokens) or a name from Samples/prices.yaml"
        var values: [String: Double] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.trimmedSpaces.lowercased()
            }
            guard kv.count == 2, !kv[0].isEmpty else {
                throw ValueError("\(option) \(text): \"\(part)\" is not key=value; \(example)")
            }
            let key: String
            switch kv[0] {
            case "in", "input": key = "in"
            case "out", "output": key = "out"
            case "cached", "cache", "cached_in": key = "cached"
            default: throw ValueError("\(option) \(text): unknown key \"\(kv[0])\" (in, out, cached); \(example)")
            }
            guard values[key] == nil else { throw ValueError("\(option) \(text): \(key) given twice") }
            values[key] = try Money.amount(kv[1], option: "\(option) \(key)")
        }
        guard let input = values["in"], let output = values["out"] else {
            throw ValueError("\(option) \(text): needs both in= and out=; \(example)")
        }
        return APIPrice(inputPerM: input, outputPerM: output, cachedPerM: values["cached"])
    }
}

/// Reading amounts of money and power, with errors that name the option.
enum Money {
    /// "3", "$3", "0.30" → a finite amount ≥ 0.
    static func amount(_ text: String, option: String) throws(ValueError) -> Double {
        var t = Substring(text.trimmedSpaces)
        if t.hasPrefix("$") { t = t.dropFirst() }
        guard let v = Double(t.trimmedSpaces), v.isFinite else {
            throw ValueError("\(option) \"\(text)\" is not a number of US dollars (e.g. 3 or 0.30)")
        }
        guard v >= 0 else { throw ValueError("\(option) \(text) is negative: a price is 0 or more") }
        return v
    }

    /// `number` followed by one of `units` (case-insensitive): the number; else an error naming the unit.
    static func withUnit(
        _ text: String, units: [(suffix: String, scale: Double)], option: String, example: String
    ) throws(ValueError) -> Double {
        let t = text.trimmedSpaces
        let lower = t.lowercased()
        guard let unit = units.first(where: { lower.hasSuffix($0.suffix) }) else {
            throw ValueError("\(option) \"\(text)\" has no unit; write e.g. \(example)")
        }
        var number = Substring(t.dropLast(unit.suffix.count)).trimmedSpaces
        if number.hasPrefix("$") { number = String(number.dropFirst()) }
        guard let v = Double(number), v.isFinite else {
            throw ValueError("\(option) \"\(text)\" is not a number; write e.g. \(example)")
        }
        guard v >= 0 else { throw ValueError("\(option) \(text) is negative; write e.g. \(example)") }
        return v * unit.scale
    }
}
