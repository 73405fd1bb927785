/// A published measurement next to what the estimator says for the same point, so the
/// calibration can be seen (`tokenpace estimate --checks`) and tested.
public struct CheckResult: Sendable, Equatable {
    public var check: PublishedCheck
    public var estimatedDecode: Double
    public var estimatedPrefill: Double

    /// Relative error of the estimate: +0.10 means 10% above the measurement.
    public var decodeError: Double { estimatedDecode / check.decode - 1 }
    public var prefillError: Double { estimatedPrefill / check.prefill - 1 }

    public func within(_ tolerance: Double) -> Bool {
        abs(decodeError) <= tolerance && abs(prefillError) <= tolerance
    }
}

extension HardwareCatalog {
    /// How far estimates may stray from published measurements (both decode and prefill).
    public static let checkTolerance = 0.25

    /// Every catalog check estimated at its own KV depth, single user, pp512 prompt.
    public func checkResults() throws(EstimateError) -> [CheckResult] {
        var out: [CheckResult] = []
        for c in checks {
            var q = HardwareQuery(
                gpu: c.gpu, model: c.model, quant: c.quant, context: max(c.kvDepth, 1), promptTokens: 512)
            q.cudaKernels = c.cudaKernels
            let e = try estimate(q)
            out.append(CheckResult(check: c, estimatedDecode: e.decodeRate, estimatedPrefill: e.prefillRate))
        }
        return out
    }

    /// The checks as a table, one line each, for `tokenpace estimate --checks`.
    public func checkReport() throws(EstimateError) -> [String] {
        var out = ["point                               decode meas → est (err)      prefill meas → est (err)"]
        for r in try checkResults() {
            let point = "\(r.check.gpu)/\(r.check.model)/\(r.check.quant)"
            let pad = String(repeating: " ", count: max(0, 34 - point.count))
            let d =
                "\(Format.figure(r.check.decode)) → \(Format.figure(r.estimatedDecode)) (\(Format.percent(r.decodeError, signed: true)))"
            let p =
                "\(Format.figure(r.check.prefill)) → \(Format.figure(r.estimatedPrefill)) (\(Format.percent(r.prefillError, signed: true)))"
            let dpad = String(repeating: " ", count: max(0, 28 - d.count))
            let flag = (r.check.heldOut ? "  held out" : "") + (r.check.knownMiss == nil ? "" : "  known miss")
            out.append("\(point)\(pad)  \(d)\(dpad)  \(p)\(flag)")
        }
        out.append("(estimates vs published llama-bench results; sources in the catalog file)")
        let batch = try batchCheckResults()
        guard !batch.isEmpty else { return out }
        out.append("")
        out.append("serving point (engine, batch × input/output)             measured → est (err)")
        for r in batch {
            let c = r.check
            let point = "\(c.gpu)/\(c.model)/\(c.quant) \(c.engine.rawValue) \(c.batch) × \(c.input)/\(c.output)"
            let pad = String(repeating: " ", count: max(0, 56 - point.count))
            let flag = (c.heldOut ? "  held out" : "") + (c.knownMiss == nil ? "" : "  known miss")
            out.append(
                "\(point)\(pad)  \(Format.figure(r.measured)) → \(Format.figure(r.estimated)) \(r.unit) (\(Format.percent(r.error, signed: true)))\(flag)"
            )
        }
        out.append("(estimates vs published serving benchmarks: output tok/s of the whole run, or batch-1 TTFT)")
        return out
    }
}

/// One published measurement beside its estimate, for `estimate --checks --format json`.
public struct CheckRow: Encodable, Sendable {
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

/// The presets, for `estimate --list --format json`.
public struct CatalogPresets: Encodable, Sendable {
    public var gpus: [GPUSpec]
    public var models: [ModelSpec]
    public var quants: [QuantSpec]

    public init(_ catalog: HardwareCatalog) {
        gpus = catalog.gpus
        models = catalog.models
        quants = catalog.quants
    }
}
