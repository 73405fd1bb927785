/// Your own GPU box: what an hour of it costs (rent, or purchase spread over its life) and,
/// optionally, what it draws and what a kWh costs. A task is charged the share of the box's hour
/// it keeps the box busy, at the throughput the pane gets.
public struct BoxCost: Sendable, Equatable {
    public var usdPerHour: Double
    /// Power drawn while working, watts; `nil` when not given (no energy figures).
    public var watts: Double?
    /// Electricity price, USD per kWh; `nil` when not given (energy shown, not charged).
    public var usdPerKWh: Double?

    public init(usdPerHour: Double, watts: Double? = nil, usdPerKWh: Double? = nil) {
        self.usdPerHour = usdPerHour
        self.watts = watts
        self.usdPerKWh = usdPerKWh
    }

    /// `--gpu-cost 2.50/h` (also `$2.50/h`, `/hr`, `/hour`), `--power 450W` (or `0.45kW`),
    /// `--kwh 0.15` (USD per kWh; `/kWh` allowed). Power and kWh price need a box cost; a kWh price
    /// needs a power.
    public static func parse(
        gpuCost: String, power: String? = nil, kwh: String? = nil, option: String = "--gpu-cost"
    ) throws(ValueError) -> BoxCost {
        let hourly = try Money.withUnit(
            gpuCost, units: [("/hour", 1), ("/hr", 1), ("/h", 1)], option: option, example: "2.50/h (USD per hour)")
        let watts = try power.map { (p: String) throws(ValueError) -> Double in
            try Money.withUnit(p, units: [("kw", 1000), ("w", 1)], option: "--power", example: "450W or 0.45kW")
        }
        let price = try kwh.map { (k: String) throws(ValueError) -> Double in
            var t = k.trimmedSpaces
            if t.lowercased().hasSuffix("/kwh") { t = String(t.dropLast(4)) }
            return try Money.amount(t, option: "--kwh")
        }
        if price != nil, watts == nil {
            throw ValueError("--kwh needs --power (the box's draw, e.g. 450W) to charge energy")
        }
        return BoxCost(usdPerHour: hourly, watts: watts, usdPerKWh: price)
    }

    /// "2.50/h" as typed back, for labels and trace settings.
    public var spec: String {
        var s = "\(Format.trimmed(usdPerHour, places: 4))/h"
        if let watts { s += ", \(Format.trimmed(watts, places: 1))W" }
        if let usdPerKWh { s += ", $\(Format.trimmed(usdPerKWh, places: 4))/kWh" }
        return s
    }
}
