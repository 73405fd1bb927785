/// `estimate --list --format json`: every preset.
public struct EstimatePresets: Encodable {
    public var gpus: [GPUSpec]
    public var models: [ModelSpec]
    public var quants: [QuantSpec]

    public init(gpus: [GPUSpec], models: [ModelSpec], quants: [QuantSpec]) {
        self.gpus = gpus
        self.models = models
        self.quants = quants
    }
}

/// One published measurement beside its estimate, for `estimate --checks --format json`.
public struct EstimateCheckRow: Encodable {
    public var check: PublishedCheck
    public var estimatedDecode: Double
    public var estimatedPrefill: Double
    public var decodeError: Double
    public var prefillError: Double
    public var withinTolerance: Bool

    public init(_ r: CheckResult) {
        check = r.check
        estimatedDecode = r.estimatedDecode
        estimatedPrefill = r.estimatedPrefill
        decodeError = r.decodeError
        prefillError = r.prefillError
        withinTolerance = r.within(HardwareCatalog.checkTolerance)
    }
}
