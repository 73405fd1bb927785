/// The cost options as typed (`--price`, `--gpu-cost`, `--power`, `--kwh`, or a pane's own
/// `#price=…` / `#gpu-cost=…`), turned into a `PaneCost` with errors that name the option.
public struct CostSettings: Sendable, Equatable {
    public var price: String?
    public var gpuCost: String?
    public var power: String?
    public var kwh: String?

    public init(price: String? = nil, gpuCost: String? = nil, power: String? = nil, kwh: String? = nil) {
        self.price = price
        self.gpuCost = gpuCost
        self.power = power
        self.kwh = kwh
    }

    public var isEmpty: Bool { price == nil && gpuCost == nil && power == nil && kwh == nil }

    /// The cost model, or `nil` when none was given. `sheet` is asked for only when `--price`
    /// names a sheet entry rather than giving in=…,out=….
    public func resolve(sheet: () throws(ValueError) -> PriceSheet) throws(ValueError) -> PaneCost? {
        if price != nil, gpuCost != nil {
            throw ValueError("give --price (a hosted API) or --gpu-cost (your own box), not both")
        }
        if let price {
            guard power == nil, kwh == nil else {
                throw ValueError("--power and --kwh go with --gpu-cost (your own box), not with --price")
            }
            if price.contains("=") { return .api(try APIPrice.parse(price)) }
            let name = price.trimmedSpaces
            guard !name.isEmpty else { throw ValueError("--price is empty; write in=3,out=15 or a sheet name") }
            do {
                return .api(try sheet().entry(named: name).price)
            } catch {
                throw ValueError("--price \(name): \(error.description)")
            }
        }
        if let gpuCost { return .box(try BoxCost.parse(gpuCost: gpuCost, power: power, kwh: kwh)) }
        if power != nil || kwh != nil {
            throw ValueError("--power and --kwh need --gpu-cost (the box's cost per hour, e.g. 2.50/h)")
        }
        return nil
    }

    /// A pane spec's cost part, after `#`: `price=in=3,out=15`, `price=NAME`, `gpu-cost=2.5/h`,
    /// `power=450W`, `kwh=0.15`, several joined by `#`. Settings not given keep `base`'s.
    public static func paneSuffix(_ text: String, base: CostSettings = .init()) throws(ValueError) -> CostSettings {
        var out = CostSettings()
        for part in text.split(separator: "#", omittingEmptySubsequences: true) {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else {
                throw ValueError(
                    "#\(part): write #price=in=3,out=15, #price=NAME, #gpu-cost=2.50/h, #power=450W or #kwh=0.15")
            }
            switch kv[0].lowercased() {
            case "price": out.price = kv[1]
            case "gpu-cost": out.gpuCost = kv[1]
            case "power": out.power = kv[1]
            case "kwh": out.kwh = kv[1]
            default: throw ValueError("#\(kv[0]): unknown cost setting (price, gpu-cost, power, kwh)")
            }
        }
        // A pane that names its own kind of cost does not inherit the other kind.
        if out.price != nil || out.gpuCost != nil { return out }
        var merged = base
        if let p = out.power { merged.power = p }
        if let k = out.kwh { merged.kwh = k }
        return merged
    }
}
