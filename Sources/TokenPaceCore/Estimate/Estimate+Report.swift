/// Plain-text renderings for the command line and the on-screen key.
extension Estimate {
    /// One line naming the point and saying it is an estimate, for the report and the on-screen key.
    public var title: String { "\(gpu.name) · \(model.name) · \(quant.name) — estimate, not a measurement" }

    /// Title, key figures, the batch table and the explanation, one string per line.
    public func report() -> [String] {
        var out = [
            title,
            "context \(query.context) tokens, prompt \(query.promptTokens) tokens, batch \(query.batch)",
            "",
            "decode   \(Figures.rate(decodeRate)) tok/s per user\(computeBound ? " (compute bound)" : "")",
            "prefill  \(Figures.rate(prefillRate)) tok/s",
            "TTFT     \(Figures.seconds(ttft)) for \(query.promptTokens) prompt tokens",
            "memory   \(verdict)",
            "",
            "users     per user       in all  memory",
        ]
        for row in batchTable {
            let users = String(row.users).leftPadded(5)
            let per = (Figures.rate(row.perUserRate) + " tok/s").leftPadded(11)
            let all = (Figures.rate(row.totalRate) + " tok/s").leftPadded(13)
            let mem = Figures.gib(row.vramNeededGiB) + (row.fits ? "" : " (does not fit)")
            out.append("\(users)  \(per)  \(all)  \(mem)\(row.computeBound ? ", compute bound" : "")")
        }
        out.append("")
        out.append("how (estimate):")
        out += explanation.map { "  " + $0 }
        return out
    }
}

extension HardwareCatalog {
    /// The presets, one per line, for `tokenpace estimate --list`.
    public func listing() -> [String] {
        var out = ["GPUs and devices (bandwidth, FP16, memory):"]
        for g in gpus {
            let aka = g.aliases.isEmpty ? "" : "  aka " + g.aliases.joined(separator: ", ")
            out.append(
                "  \(g.id.rightPadded(12)) \(Figures.plain(g.bandwidthGBs)) GB/s, \(Figures.plain(g.fp16TFLOPS)) TFLOPS, "
                    + "\(Figures.gib(g.memoryGiB))  \(g.name)\(aka)")
        }
        out.append("models (params, layers × KV heads × head dim):")
        for m in models {
            let moe = m.isMixtureOfExperts ? ", \(Figures.billions(m.activeParamsB * 1e9)) active" : ""
            out.append(
                "  \(m.id.rightPadded(14)) \(Figures.billions(m.paramsB * 1e9))\(moe), "
                    + "\(m.layers) × \(m.kvHeads) × \(m.headDim)  \(m.name)")
        }
        out.append("quants (bits per weight):")
        for q in quants {
            out.append("  \(q.id.rightPadded(8)) \(Figures.plain(q.bitsPerWeight))  \(q.name)")
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    fileprivate func rightPadded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
