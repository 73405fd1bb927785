import Foundation
import TokenPaceCore

/// The batch task's settings as typed: `--items N`, `--slots K` (one for every pane, or one per
/// pane), `--batch-efficiency F`; a pane's own `#slots=K` wins.
public struct BatchSettings: Sendable, Equatable {
    public var items: Int?
    public var slots: [Int] = [4]
    public var efficiency: Double?

    public init() {}

    public static func parse(items: Int?, slots: String?, efficiency: String?) throws(ValueError) -> BatchSettings {
        var s = BatchSettings()
        if let items {
            guard (1...BatchPlanner.maxItems).contains(items) else {
                throw ValueError(
                    "--items \(items): a batch takes 1 to \(BatchPlanner.maxItems) items (every token of it is kept)")
            }
            s.items = items
        }
        if let slots {
            s.slots = try slots.split(separator: ",", omittingEmptySubsequences: false).map {
                (part) throws(ValueError) in try Self.slots(String(part), option: "--slots")
            }
        }
        if let efficiency {
            let f = try ValueParsing.fraction(efficiency, name: "--batch-efficiency", max: 1)
            guard BatchScaling.efficiencyRange.contains(f) else {
                throw ValueError(
                    "--batch-efficiency \(efficiency): the share of its rate a slot keeps per doubling of the slots, "
                        + "from 5% to 100% (default \(Format.figure(BatchScaling.defaultEfficiency * 100))%)")
            }
            s.efficiency = f
        }
        return s
    }

    /// One slot count: a whole number from 1 to 256.
    static func slots(_ text: String, option: String) throws(ValueError) -> Int {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let k = Int(t), (1...BatchPlanner.maxSlots).contains(k) else {
            throw ValueError(
                "\(option) '\(t)': slots are requests in flight at once, a whole number from 1 to \(BatchPlanner.maxSlots)"
            )
        }
        return k
    }

    /// Gives each pane its slots (its own `#slots=`, else the list's) and simulated panes the batch
    /// factor (hardware panes keep their estimate's batch table).
    func apply(to setups: inout [PaneSetup], own: [Int: Int]) throws(ValueError) {
        guard slots.count == 1 || slots.count == setups.count else {
            throw ValueError("--slots has \(slots.count) values for \(setups.count) panes: give one, or one per pane")
        }
        for i in setups.indices {
            setups[i].batchSlots = own[i] ?? slots[slots.count == 1 ? 0 : i]
            if let efficiency, case .perDoubling = setups[i].batchScaling {
                setups[i].batchScaling = .perDoubling(efficiency)
            }
        }
    }
}
