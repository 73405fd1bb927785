import Foundation
import TokenPaceCore
import TokenPaceServe

/// `tokenpace serve`'s answer and pacing as typed: a built-in answer, a sample or a replayed trace,
/// at a rate, a fixed or prompt-sized TTFT and a jitter. `resolve()` checks them and reads the files.
public struct ServeConfig: Sendable {
    public var rate: Double?
    public var ttft: String?
    public var prefillRate: Double?
    public var jitter = "0"
    public var trace: String?
    public var speed: String?
    public var sample: String?
    public var task: String?
    public var samplesDir: String?
    public var seed: UInt64 = 1
    /// `--system-tokens`: hidden instructions every request pays the prefill of.
    public var systemTokens = 0

    public init() {}

    static let prefillRange: ClosedRange<Double> = 0.1...1_000_000

    /// The answer to serve, its pacing and the start line's description of both.
    public func resolve() throws -> ([Token], ServePacing, String) {
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        if let rate, !Profile.rateRange.contains(rate) {
            throw ValueError("--rate \(rate) is out of range: rates go from 0.1 to 5000 tok/s")
        }
        if let prefillRate, !(Self.prefillRange.contains(prefillRate)) {
            throw ValueError("--prefill-rate must be from 0.1 to 1000000 tok/s")
        }
        let ttftValue = try ttft.map { try ValueParsing.duration($0) }

        if trace == nil, speed != nil { throw ValueError("--speed applies to a replayed trace (--trace)") }
        if let trace {
            guard sample == nil else { throw ValueError("give --trace or --sample, not both") }
            guard prefillRate == nil else { throw ValueError("--prefill-rate does not apply to a replayed trace") }
            guard jitterValue == 0 else {
                throw ValueError("--jitter does not apply to a replayed trace: it keeps the trace's own gaps")
            }
            var (path, mode): (String, ReplayMode)
            do {
                (path, mode) = try TraceReplay.parseSpec(trace)
            } catch {
                throw ValueError(error.description)
            }
            if rate != nil || ttftValue != nil {
                guard mode == .original else { throw ValueError("use either @… in --trace or --rate/--ttft") }
                mode = rate.map { .retimed(rate: $0, ttft: ttftValue) } ?? .shifted(ttft: ttftValue ?? 0)
            }
            if let speed {
                guard mode == .original else {
                    throw ValueError("--speed replays the trace faster or slower: not with @…, --rate or --ttft")
                }
                do { mode = .speed(try TraceReplay.parseSpeed(speed)) } catch {
                    throw ValueError("--speed: \(error)")
                }
            }
            let loaded = try TraceCatalog.read(path)
            guard !loaded.events.isEmpty else { throw ValueError("\(path): the trace has no tokens to serve") }
            let times = TraceReplay.times(loaded, mode: mode)
            return (
                loaded.tokens(), .times(times), "replaying \(path) (\(loaded.events.count) pieces, \(mode.summary))"
            )
        }

        let firstToken: Profile.FirstToken =
            prefillRate.map { .prefill(rate: $0, overhead: ttftValue ?? 0) } ?? .fixed(ttftValue ?? 0.5)
        var profile = Profile(rate: rate ?? 21, firstToken: firstToken, jitter: jitterValue)
        profile.systemTokens = max(0, systemTokens)
        var tokens = ServeOptions.builtinAnswer
        var source = "built-in answer"
        if sample != nil || task != nil {
            let catalog = try SampleCatalog.load(samplesDir: samplesDir)
            let chosen = try catalog.choose(sample: sample, task: try task.map(TaskKind.parse))
            tokens = chosen.tokens()
            source = "sample \(chosen.id)"
        }
        let ttftText =
            prefillRate.map {
                "TTFT = prompt ÷ \(Format.fixed($0, 0)) tok/s + \(Format.duration(ttftValue ?? 0, .precise))"
            }
            ?? "TTFT \(Format.duration(ttftValue ?? 0.5, .precise))"
        let what =
            "\(Format.fixed(profile.rate, 1)) tok/s, \(ttftText), jitter \(Format.fixed(jitterValue * 100, 0))%, \(source) (\(tokens.count) tokens)"
        return (tokens, .profile(profile, seed: seed), what)
    }
}
