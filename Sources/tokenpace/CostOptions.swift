import ArgumentParser
import TokenPaceCore

/// What a task costs: a hosted API's prices or your own box's hour (dashboard, bench, estimate).
struct CostOptions: ParsableArguments {
    @Option(help: "API prices, USD per 1M tokens: in=3,out=15[,cached=0.3], or a name in Samples/prices.yaml.")
    var price: String?
    @Option(help: "Your own box's cost per hour, e.g. 2.50/h: a task pays for the time it keeps the box busy.")
    var gpuCost: String?
    @Option(help: "The box's power draw while working, e.g. 450W (energy per token and kWh; needs --gpu-cost).")
    var power: String?
    @Option(help: "Electricity price, USD per kWh, e.g. 0.15 (added to --gpu-cost; needs --power).")
    var kwh: String?
    @Option(help: "Price sheet for --price NAME (default Samples/prices.yaml, or $TOKENPACE_PRICES).")
    var prices: String?

    var settings: CostSettings { CostSettings(price: price, gpuCost: gpuCost, power: power, kwh: kwh) }
}
