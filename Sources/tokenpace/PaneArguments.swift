import ArgumentParser
import Foundation
import TokenPaceBackends
import TokenPaceCore

/// Reads `--pane` specs: `sim:21[@0.5s]`, `mirror:21`, `trace:PATH[@2x]`, `hw:GPU/MODEL/QUANT`, or a live
/// backend (`openai:URL@model`, `ollama:model`, `anthropic:model`, `llamacpp:URL`).
enum PaneArguments {
    struct Parsed {
        var setups: [PaneSetup]
        /// Live backends by pane index.
        var live: [Int: BackendSpec]
        /// What trace and hardware-estimate panes were made from, by pane index.
        var origins: [Int: PaneOrigin] = [:]
    }

    /// `sample` sizes hardware estimates: its prompt for the first token, prompt + answer for the context.
    /// `speed` plays trace panes faster or slower unless their spec says how to play them.
    static func parse(_ specs: [String], base: Profile, sample: Sample? = nil, speed: Double? = nil) throws -> Parsed {
        var setups: [PaneSetup] = []
        var live: [Int: BackendSpec] = [:]
        var firstLive: Int?
        var origins: [Int: PaneOrigin] = [:]
        for spec in specs {
            let lower = spec.lowercased()
            if lower.hasPrefix("sim:") || lower.hasPrefix("mirror:") {
                let body = String(spec.drop(while: { $0 != ":" }).dropFirst())
                var profile = base
                let parts = body.split(separator: "@", maxSplits: 1).map(String.init)
                do {
                    profile.rate = try ValueParsing.rates(parts.first ?? "")[0]
                    if parts.count > 1 { profile.firstToken = .fixed(try ValueParsing.duration(parts[1])) }
                } catch {
                    throw ValidationError("--pane \(spec): \(error)")
                }
                if lower.hasPrefix("mirror:") {
                    guard let of = firstLive else {
                        throw ValidationError(
                            "--pane \(spec): a mirror replays a live pane; give a live --pane before it")
                    }
                    setups.append(PaneSetup(profile: profile, source: .mirror(of: of)))
                } else {
                    setups.append(PaneSetup(profile: profile))
                }
            } else if lower.hasPrefix("trace:") {
                var parsed: (path: String, mode: ReplayMode)
                do { parsed = try TraceReplay.parseSpec(spec) } catch {
                    throw ValidationError("--pane \(spec): \(error)")
                }
                if let speed, parsed.mode == .original { parsed.mode = .speed(speed) }
                let name = URL(fileURLWithPath: parsed.path).deletingPathExtension().lastPathComponent
                let (setup, trace) = replaySetup(path: parsed.path, mode: parsed.mode, name: name, profile: base)
                if let trace { origins[setups.count] = .trace(trace, mode: parsed.mode) }
                setups.append(setup)
            } else if lower.hasPrefix("hw:") {
                let (profile, explanation, origin) = try hardwareProfile(spec, base: base, sample: sample)
                origins[setups.count] = origin
                setups.append(PaneSetup(profile: profile, explanation: explanation))
            } else {
                do {
                    let backend = try BackendSpec.parse(spec)
                    live[setups.count] = backend
                    firstLive = firstLive ?? setups.count
                    let name = [backend.kind.rawValue, backend.model].compactMap { $0 }.joined(separator: " ")
                    setups.append(PaneSetup(profile: base, source: .live(name: name)))
                } catch {
                    throw ValidationError("--pane \(spec): \(error)")
                }
            }
        }
        guard setups.count <= AppState.maxPanes else {
            throw ValidationError("\(setups.count) panes given; at most \(AppState.maxPanes)")
        }
        return Parsed(setups: setups, live: live, origins: origins)
    }

    /// A trace pane. A trace that cannot be read fails in its own pane (with the `path:line:` reason)
    /// and the other panes go on; a recorded error replays as the failure it was.
    static func replaySetup(path: String, mode: ReplayMode, name: String, profile: Profile) -> (PaneSetup, Trace?) {
        let trace: Trace
        do {
            trace = try readTrace(path)
        } catch {
            let setup = PaneSetup(
                profile: profile, source: .replay(name: name), tokens: [], times: [],
                failure: (String(describing: error), 0))
            return (setup, nil)
        }
        let times = TraceReplay.times(trace, mode: mode)
        var failure: (message: String, at: Double)?
        if case .failed(let f) = trace.end {
            failure = (f.summary, times.last ?? TraceReplay.moved(f.t ?? 0, in: trace, times: times, mode: mode))
        }
        let setup = PaneSetup(
            profile: profile, source: .replay(name: name), tokens: trace.tokens(), times: times, failure: failure,
            promptTokens: trace.header.promptTokens)
        return (setup, trace)
    }

    /// The estimate's pace (decode, prefill, slow-down) with the dashboard's other settings (retries,
    /// speculative decoding, jitter, stalls, prompt cache) from `base`.
    static func hardwareProfile(_ spec: String, base: Profile, sample: Sample? = nil) throws -> (Profile, [String], PaneOrigin) {
        let env = ProcessInfo.processInfo.environment
        guard
            let path = HardwareCatalog.defaultPath(
                environment: env, currentDirectory: FileManager.default.currentDirectoryPath,
                executablePath: executablePath())
        else { throw ValidationError("--pane \(spec): Samples/hardware.yaml not found (set TOKENPACE_HARDWARE)") }
        do {
            let catalog = try HardwareCatalog.load(path: path)
            var query = try HardwareQuery.parse(spec: spec)
            if let sample {
                query.promptTokens = sample.promptTokenCount
                query.context = max(1, sample.promptTokenCount + sample.generatedTokenCount)
            }
            let estimate = try catalog.estimate(query)
            guard estimate.fits else { throw ValidationError("--pane \(spec): \(estimate.verdict)") }
            let sized =
                "estimate for a \(query.promptTokens)-token prompt and \(query.context)-token context: \(estimate.title)"
            let origin = PaneOrigin.estimate(
                spec: query.spec, gpu: estimate.gpu.name, model: estimate.model.name, quant: estimate.quant.name)
            return (estimate.profile(label: "est.", base: base), [sized] + estimate.explanation, origin)
        } catch let e as ValidationError {
            throw e
        } catch {
            throw ValidationError("--pane \(spec): \(error)")
        }
    }
}
