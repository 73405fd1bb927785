import ArgumentParser
import TokenPaceApp
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

/// The batch task (`--task batch`): its queue, its slots and how a slot's rate falls with them.
struct BatchOptions: ParsableArguments {
    @Option(help: "Batch task: items each pane works through (default: the batch sample's; the items repeat).")
    var items: Int?
    @Option(help: "Batch task: requests in flight at once, one value or one per pane (default 4, as llama-server).")
    var slots: String?
    @Option(help: ArgumentHelp(OptionHelp.batchEfficiency)) var batchEfficiency: String?
}
