import Yams

extension HardwareCatalog {
    /// Parses catalog YAML. Every error names the line of the entry at fault, and unknown keys are
    /// errors, so a typo such as `bandwith_gbs` is caught rather than silently ignored.
    public static func parse(yaml: String, source: String = "<string>") throws(CatalogError) -> HardwareCatalog {
        let top = try CatalogError.topMapping(
            yaml: yaml, source: source, expected: "classes, gpus, models, quants")
        let doc = Entry(mapping: top, source: source, what: "catalog")
        try doc.allowOnly(["classes", "gpus", "models", "quants", "checks", "batch_checks"])

        var classes: [String: DeviceClass] = [:]
        guard let classMap = doc.node("classes")?.mapping else {
            throw doc.error("missing or malformed `classes` mapping")
        }
        for (key, value) in classMap {
            let id = key.string ?? ""
            let e = try Entry(value, source: source, what: "class \(id)")
            try e.allowOnly([
                "decode_efficiency", "prefill_efficiency", "step_overhead_ms", "runtime_overhead_gib", "usable_memory",
                "layer_overhead_ms", "serving_decode_efficiency", "serving_prefill_efficiency",
                "quant_prefill_factor", "mmq_ops_per_sm_clock", "k_quant_decode_ops",
            ])
            let servingDecode = try e.optionalNumber("serving_decode_efficiency")
            let servingPrefill = try e.optionalNumber("serving_prefill_efficiency")
            for v in [servingDecode, servingPrefill].compactMap({ $0 }) where !(v > 0 && v <= 1) {
                throw e.error("class \(id): serving efficiencies are shares in (0, 1]")
            }
            classes[id] = DeviceClass(
                id: id,
                decodeEfficiency: try e.fraction("decode_efficiency"),
                prefillEfficiency: try e.fraction("prefill_efficiency"),
                stepOverheadSeconds: try e.number("step_overhead_ms", min: 0) / 1000,
                runtimeOverheadGiB: try e.number("runtime_overhead_gib", min: 0),
                usableMemory: try e.fraction("usable_memory"),
                layerOverheadSeconds: (try e.optionalNumber("layer_overhead_ms") ?? 0) / 1000,
                servingDecodeEfficiency: servingDecode, servingPrefillEfficiency: servingPrefill,
                quantPrefillFactor: e.mapping["quant_prefill_factor"] == nil
                    ? nil : try e.fraction("quant_prefill_factor"),
                mmqOpsPerSMClock: e.mapping["mmq_ops_per_sm_clock"] == nil
                    ? nil : try e.number("mmq_ops_per_sm_clock", min: .leastNonzeroMagnitude),
                kQuantDecodeOpsPerWeight: e.mapping["k_quant_decode_ops"] == nil
                    ? nil : try e.number("k_quant_decode_ops", min: .leastNonzeroMagnitude))
        }

        let gpus = try doc.list("gpus") { (e: Entry) throws(CatalogError) -> GPUSpec in
            try e.allowOnly([
                "id", "name", "class", "aliases", "bandwidth_gbs", "fp16_tflops", "memory_gib", "sms",
                "boost_clock_ghz",
            ])
            let id = try e.string("id")
            let className = try e.string("class")
            guard let deviceClass = classes[className] else {
                throw e.error(
                    "gpu \(id): unknown class \"\(className)\" (known: \(classes.keys.sorted().joined(separator: ", ")))"
                )
            }
            return GPUSpec(
                id: id, name: try e.string("name", default: id), aliases: try e.strings("aliases"),
                deviceClass: deviceClass, bandwidthGBs: try e.number("bandwidth_gbs", min: .leastNonzeroMagnitude),
                fp16TFLOPS: try e.number("fp16_tflops", min: .leastNonzeroMagnitude),
                memoryGiB: try e.number("memory_gib", min: .leastNonzeroMagnitude),
                sms: e.mapping["sms"] == nil ? nil : try e.integer("sms"),
                boostClockGHz: e.mapping["boost_clock_ghz"] == nil
                    ? nil : try e.number("boost_clock_ghz", min: .leastNonzeroMagnitude))
        }
        let models = try doc.list("models") { (e: Entry) throws(CatalogError) -> ModelSpec in
            try e.allowOnly([
                "id", "name", "aliases", "params_b", "active_params_b", "layers", "kv_heads", "head_dim", "vocab",
                "hidden",
                "tied_embeddings",
            ])
            let id = try e.string("id")
            let params = try e.number("params_b", min: .leastNonzeroMagnitude)
            let active = try e.optionalNumber("active_params_b")
            if let active, active <= 0 || active > params {
                throw e.error("model \(id): active_params_b must be above 0 and at most params_b (\(params))")
            }
            return ModelSpec(
                id: id, name: try e.string("name", default: id), aliases: try e.strings("aliases"), paramsB: params,
                activeParamsB: active, layers: try e.integer("layers"), kvHeads: try e.integer("kv_heads"),
                headDim: try e.integer("head_dim"), vocab: Int(try e.optionalNumber("vocab") ?? 0),
                hidden: Int(try e.optionalNumber("hidden") ?? 0),
                tiedEmbeddings: try e.flag("tied_embeddings"))
        }
        let quants = try doc.list("quants") { (e: Entry) throws(CatalogError) -> QuantSpec in
            try e.allowOnly([
                "id", "name", "aliases", "bits_per_weight", "embedding_bits", "output_bits", "decode_factor",
                "prefill_factor", "k_quant",
            ])
            let id = try e.string("id")
            return QuantSpec(
                id: id, name: try e.string("name", default: id), aliases: try e.strings("aliases"),
                bitsPerWeight: try e.number("bits_per_weight", min: .leastNonzeroMagnitude),
                decodeFactor: try e.fraction("decode_factor", default: 1),
                prefillFactor: try e.fraction("prefill_factor", default: 1),
                embeddingBits: try e.optionalNumber("embedding_bits"), outputBits: try e.optionalNumber("output_bits"),
                kQuant: try e.flag("k_quant"))
        }
        let checks = try doc.list("checks", required: false) { (e: Entry) throws(CatalogError) -> PublishedCheck in
            try e.allowOnly([
                "gpu", "model", "quant", "decode", "prefill", "kv_depth", "bench", "source", "known_miss", "held_out",
                "cuda_kernels",
            ])
            var kernels = HardwareQuery.CUDAKernels.mmq
            if e.mapping["cuda_kernels"] != nil {
                let text = try e.string("cuda_kernels")
                guard let k = HardwareQuery.CUDAKernels(rawValue: text.lowercased()) else {
                    throw e.error("check: cuda_kernels must be mmq or cublas, not \"\(text)\"")
                }
                kernels = k
            }
            return PublishedCheck(
                gpu: try e.string("gpu"), model: try e.string("model"), quant: try e.string("quant"),
                decode: try e.number("decode", min: .leastNonzeroMagnitude),
                prefill: try e.number("prefill", min: .leastNonzeroMagnitude),
                kvDepth: try e.integer("kv_depth", min: 0), bench: try e.string("bench"),
                source: try e.string("source"),
                knownMiss: try e.optionalString("known_miss"), heldOut: try e.flag("held_out"),
                cudaKernels: kernels, line: e.line ?? 0)
        }

        let batchChecks = try doc.list("batch_checks", required: false) {
            (e: Entry) throws(CatalogError) -> BatchCheck in
            try e.allowOnly([
                "gpu", "model", "quant", "engine", "batch", "input", "output", "throughput", "ttft_ms", "bench",
                "source",
                "held_out", "known_miss",
            ])
            let engine: HardwareQuery.Engine
            do {
                engine = try HardwareQuery.Engine.parse(try e.string("engine"))
            } catch let error as EstimateError {
                throw e.error("batch check: \(error)")
            } catch {
                throw e.error("batch check: \(error)")
            }
            let throughput = try e.optionalNumber("throughput")
            let ttft = try e.optionalNumber("ttft_ms")
            guard (throughput == nil) != (ttft == nil) else {
                throw e.error("batch check: give either throughput (output tok/s) or ttft_ms")
            }
            return BatchCheck(
                gpu: try e.string("gpu"), model: try e.string("model"), quant: try e.string("quant"), engine: engine,
                batch: try e.integer("batch"), input: try e.integer("input"), output: try e.integer("output", min: 0),
                throughput: throughput, ttftMs: ttft, bench: try e.string("bench"), source: try e.string("source"),
                knownMiss: try e.optionalString("known_miss"), heldOut: try e.flag("held_out"),
                line: e.line ?? 0)
        }

        var catalog = HardwareCatalog(classes: classes, gpus: gpus, models: models, quants: quants, checks: checks)
        catalog.batchChecks = batchChecks
        try catalog.validateNames(source: source, doc: doc)
        return catalog
    }

    /// Duplicate names would make lookups ambiguous; checks must name known entries.
    private func validateNames(source: String, doc: Entry) throws(CatalogError) {
        func unique(_ section: String, _ names: [[String]]) throws(CatalogError) {
            var seen: [String: Int] = [:]
            for (index, entryNames) in names.enumerated() {
                for name in Set(entryNames.map(NameSuggestion.normalize)) {
                    if let other = seen[name], other != index {
                        throw CatalogError(
                            source: source, line: doc.itemLine(section, index),
                            message: "\(section): name \"\(name)\" is used by two entries")
                    }
                    seen[name] = index
                }
            }
        }
        try unique("gpus", gpus.map { [$0.id] + $0.aliases })
        try unique("models", models.map { [$0.id] + $0.aliases })
        try unique("quants", quants.map { [$0.id] + $0.aliases })
        for check in checks {
            do {
                _ = try gpu(named: check.gpu)
                _ = try model(named: check.model)
                _ = try quant(named: check.quant)
            } catch {
                throw CatalogError(source: source, line: check.line, message: "check: \(error)")
            }
        }
    }
}

/// One YAML mapping with typed, line-numbered accessors.
struct Entry {
    let mapping: Node.Mapping
    let source: String
    let what: String

    init(mapping: Node.Mapping, source: String, what: String) {
        self.mapping = mapping
        self.source = source
        self.what = what
    }

    init(_ node: Node, source: String, what: String) throws(CatalogError) {
        guard let mapping = node.mapping else {
            throw CatalogError(
                source: source, line: node.mark?.line, message: "\(what): expected a mapping of key: value")
        }
        self.init(mapping: mapping, source: source, what: what)
    }

    var line: Int? { mapping.mark?.line }

    func node(_ key: String) -> Node? { mapping[key] }

    func error(_ message: String, at node: Node? = nil) -> CatalogError {
        CatalogError(source: source, line: node?.mark?.line ?? line, message: message)
    }

    private var label: String {
        if let id = mapping["id"]?.string { return "\(what) \(id)" }
        return what
    }

    func allowOnly(_ keys: Set<String>) throws(CatalogError) {
        for key in mapping.keys {
            let name = key.string ?? "?"
            if !keys.contains(name) {
                throw error(
                    "\(label): unknown key \"\(name)\" (known: \(keys.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }

    func string(_ key: String, default fallback: String? = nil) throws(CatalogError) -> String {
        guard let node = mapping[key] else {
            if let fallback { return fallback }
            throw error("\(label): missing \(key)")
        }
        guard let value = node.scalar?.string, !value.isEmpty else {
            throw error("\(label): \(key) must be text", at: node)
        }
        return value
    }

    func optionalString(_ key: String) throws(CatalogError) -> String? {
        mapping[key] == nil ? nil : try string(key)
    }

    func strings(_ key: String) throws(CatalogError) -> [String] {
        guard let node = mapping[key] else { return [] }
        guard let seq = node.sequence else { throw error("\(label): \(key) must be a list like [a, b]", at: node) }
        var out: [String] = []
        for item in seq {
            guard let s = item.scalar?.string, !s.isEmpty else {
                throw error("\(label): \(key) items must be text", at: item)
            }
            out.append(s)
        }
        return out
    }

    func optionalNumber(_ key: String) throws(CatalogError) -> Double? {
        guard let node = mapping[key] else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error("\(label): \(key) must be a number, not \"\(node.string ?? "?")\"", at: node)
        }
        return value
    }

    func number(_ key: String, min: Double = -.infinity, default fallback: Double? = nil) throws(CatalogError) -> Double
    {
        guard let value = try optionalNumber(key) else {
            if let fallback { return fallback }
            throw error("\(label): missing \(key)")
        }
        if value < min {
            throw error("\(label): \(key) must be \(min > 0 ? "above 0" : "at least \(min)")", at: mapping[key])
        }
        return value
    }

    func fraction(_ key: String, default fallback: Double? = nil) throws(CatalogError) -> Double {
        let value = try number(key, default: fallback)
        if !(value > 0 && value <= 1) { throw error("\(label): \(key) must be in (0, 1]", at: mapping[key]) }
        return value
    }

    /// `true` or `false`; absent is `false`, anything else is an error naming the line.
    func flag(_ key: String) throws(CatalogError) -> Bool {
        guard let node = mapping[key] else { return false }
        guard let value = node.bool else {
            throw error("\(label): \(key) must be true or false, not \"\(node.string ?? "?")\"", at: node)
        }
        return value
    }

    func integer(_ key: String, min: Int = 1) throws(CatalogError) -> Int {
        guard let node = mapping[key] else { throw error("\(label): missing \(key)") }
        guard let value = node.int, value >= min else {
            throw error("\(label): \(key) must be a whole number ≥ \(min)", at: node)
        }
        return value
    }

    func itemLine(_ key: String, _ index: Int) -> Int? {
        guard let seq = mapping[key]?.sequence, index < seq.count else { return line }
        return seq[index].mark?.line
    }

    func list<T>(_ key: String, required: Bool = true, _ make: (Entry) throws(CatalogError) -> T) throws(CatalogError)
        -> [T]
    {
        guard let node = mapping[key] else {
            if required { throw error("missing `\(key)` list") }
            return []
        }
        guard let seq = node.sequence else { throw error("`\(key)` must be a list of entries", at: node) }
        var out: [T] = []
        for item in seq {
            out.append(try make(try Entry(item, source: source, what: String(key.dropLast()))))
        }
        return out
    }
}

extension YamlError {
    /// 1-based line of the problem, when libyaml reported one.
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(self)"
        }
    }
}
