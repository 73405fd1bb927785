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
            "decode   \(Format.figure(decodeRate)) tok/s per user\(computeBound ? " (compute bound)" : dequantBound ? " (bound by unpacking \(quant.name))" : "")",
            "prefill  \(Format.figure(prefillRate)) tok/s",
            "TTFT     \(Format.duration(ttft, .reading)) for \(query.promptTokens) prompt tokens",
            "memory   \(verdict)",
            "",
            "users     per user       in all  memory",
        ]
        for row in batchTable {
            let users = String(row.users).leftPadded(5)
            let per = (Format.figure(row.perUserRate) + " tok/s").leftPadded(11)
            let all = (Format.figure(row.totalRate) + " tok/s").leftPadded(13)
            let mem = Format.gibibytes(row.vramNeededGiB) + (row.fits ? "" : " (does not fit)")
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
                "  \(g.id.rightPadded(12)) \(Format.trimmed(g.bandwidthGBs, places: 2)) GB/s, \(Format.trimmed(g.fp16TFLOPS, places: 2)) TFLOPS, "
                    + "\(Format.gibibytes(g.memoryGiB))  \(g.name)\(aka)")
        }
        out.append("models (params, layers × KV heads × head dim):")
        for m in models {
            let moe = m.isMixtureOfExperts ? ", \(Format.billions(m.activeParamsB * 1e9)) active" : ""
            out.append(
                "  \(m.id.rightPadded(14)) \(Format.billions(m.paramsB * 1e9))\(moe), "
                    + "\(m.layers) × \(m.kvHeads) × \(m.headDim)  \(m.name)")
        }
        out.append("quants (bits per weight):")
        for q in quants {
            out.append("  \(q.id.rightPadded(8)) \(Format.trimmed(q.bitsPerWeight, places: 2))  \(q.name)")
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
