import Foundation
import TokenPaceBackends
import TokenPaceCore

/// The dashboard's panes from their specs (`PaneSpec`): simulated, mirror, trace, hardware and live.
public enum DashboardPanes {
    public struct Built {
        public var setups: [PaneSetup]
        /// Live backends by pane index.
        public var live: [Int: BackendSpec]
        /// What trace and hardware-estimate panes were made from, by pane index.
        public var origins: [Int: PaneOrigin] = [:]
    }

    /// `sample` sizes hardware estimates: its prompt for the first token, prompt + answer for the context.
    /// `speed` plays trace panes faster or slower unless their spec says how to play them.
    public static func build(
        _ specs: [(text: String, spec: PaneSpec)], base: Profile, sample: Sample? = nil, speed: Double? = nil
    ) throws(ValueError) -> Built {
        var built = Built(setups: [], live: [:])
        var firstLive: Int?
        for (text, spec) in specs {
            let index = built.setups.count
            switch spec {
            case .simulated(let rate, let firstToken), .mirror(let rate, let firstToken):
                var profile = base
                profile.rate = rate
                if let firstToken { profile.firstToken = firstToken }
                if case .mirror = spec {
                    guard let of = firstLive else {
                        throw ValueError("--pane \(text): a mirror replays a live pane; give a live --pane before it")
                    }
                    built.setups.append(PaneSetup(profile: profile, source: .mirror(of: of)))
                } else {
                    built.setups.append(PaneSetup(profile: profile))
                }
            case .trace(let path, var mode):
                if let speed, mode == .original { mode = .speed(speed) }
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                let (setup, trace) = replaySetup(path: path, mode: mode, name: name, profile: base)
                if let trace { built.origins[index] = .trace(trace, mode: mode) }
                built.setups.append(setup)
            case .hardware(let query):
                let (profile, explanation, origin, scaling) = try hardwareProfile(
                    query, text: text, base: base, sample: sample)
                built.origins[index] = origin
                var setup = PaneSetup(profile: profile, explanation: explanation)
                setup.batchScaling = scaling
                built.setups.append(setup)
            case .live(let backend):
                built.live[index] = backend
                firstLive = firstLive ?? index
                let name = [backend.kind.rawValue, backend.model].compactMap { $0 }.joined(separator: " ")
                built.setups.append(PaneSetup(profile: base, source: .live(name: name)))
            }
        }
        guard built.setups.count <= AppState.maxPanes else {
            throw ValueError("\(built.setups.count) panes given; at most \(AppState.maxPanes)")
        }
        return built
    }

    /// A trace pane. A trace that cannot be read fails in its own pane (with the `path:line:` reason)
    /// and the other panes go on; a recorded error replays as the failure it was.
    static func replaySetup(path: String, mode: ReplayMode, name: String, profile: Profile) -> (PaneSetup, Trace?) {
        let trace: Trace
        do {
            trace = try TraceCatalog.read(path)
        } catch {
            let setup = PaneSetup(
                profile: profile, source: .replay(name: name), tokens: [], times: [],
                failure: (error.description, 0))
            return (setup, nil)
        }
        let times = TraceReplay.times(trace, mode: mode)
        var failure: (message: String, at: Double)?
        if case .failed(let f) = trace.end {
            failure = (f.summary, times.last ?? TraceReplay.moved(f.t ?? 0, in: trace, times: times, mode: mode))
        }
        var setup = PaneSetup(
            profile: profile, source: .replay(name: name), tokens: trace.tokens(), times: times, failure: failure,
            promptTokens: trace.header.promptTokens)
        setup.stagePieces = trace.header.stage?.pieces
        setup.stagePromptTokens = trace.header.stage?.promptTokens
        return (setup, trace)
    }

    /// The estimate's pace (decode, prefill, slow-down) with the dashboard's other settings (retries,
    /// speculative decoding, jitter, stalls, prompt cache) from `base`.
    static func hardwareProfile(
        _ query: HardwareQuery, text: String, base: Profile, sample: Sample?
    ) throws(ValueError) -> (Profile, [String], PaneOrigin, BatchScaling) {
        var query = query
        let catalog = try HardwareCatalogFile.load(nil)
        if let sample {
            query.promptTokens = sample.promptTokenCount
            query.context = max(1, sample.promptTokenCount + sample.generatedTokenCount)
        }
        let estimate: Estimate
        do {
            estimate = try catalog.estimate(query)
        } catch {
            throw ValueError("--pane \(text): \(error.description)")
        }
        guard estimate.fits else { throw ValueError("--pane \(text): \(estimate.verdict)") }
        let sized =
            "estimate for a \(query.promptTokens)-token prompt and \(query.context)-token context: \(estimate.title)"
        let origin = PaneOrigin.estimate(
            spec: query.spec, gpu: estimate.gpu.name, model: estimate.model.name, quant: estimate.quant.name)
        // A batch on this box: each slot's rate as the estimate's batch table has it.
        let one = estimate.perUserRate(at: 1)
        let scaling = BatchScaling.table((1...BatchPlanner.maxSlots).map { estimate.perUserRate(at: $0) / one })
        return (estimate.profile(label: "est.", base: base), [sized] + estimate.explanation, origin, scaling)
    }
}
