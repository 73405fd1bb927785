import Foundation
import TokenPaceCore

/// The options of `tokenpace perceive` as typed, checked and turned into a session: every problem is
/// a `ValueError` naming the option, found before the terminal is taken over.
public struct PerceiveSetup {
    public var participant: String
    public var task = "chat"
    public var mode = PerceptionMode.rate
    public var trials = 12
    /// Nil: 3 panes, or one per presentation in present mode.
    public var panes: Int?
    public var seed: UInt64 = 1
    public var rate = 40.0
    public var ttft = "0.5s"
    public var jitter = "0"
    /// Present mode: `--presentations` and `--e2e` as typed (nil: the defaults).
    public var presentations: String?
    public var e2e: String?
    public var practice = true
    public var out = "results.jsonl"
    public var samplesDir: String?

    public init(participant: String) { self.participant = participant }

    /// The checked session, with the samples it cycles through.
    public func session() throws -> PerceptionSession {
        let name = participant.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: \.isNewline) else {
            throw ValueError("--participant must be a non-empty single-line ID")
        }
        let taskKind = try TaskKind.parse(task)
        guard taskKind != .batch else {
            throw ValueError(
                "--task batch: nobody watches one item of a batch; compare batches with bench --task batch")
        }
        guard PerceptionConfig.trialRange.contains(trials) else { throw ValueError("--trials must be 1–200") }
        if let panes, !PerceptionConfig.paneRange.contains(panes) { throw ValueError("--panes must be 1–4") }
        guard seed <= PerceptionConfig.maxSeed else {
            throw ValueError(
                "--seed \(seed) is too large: give a whole number from 0 to \(PerceptionConfig.maxSeed) (2^53−1), "
                    + "so the results file keeps it exactly")
        }
        guard Profile.rateRange.contains(rate) else { throw ValueError("--rate must be 0.1–5000 tok/s") }
        let fixedTTFT = try ValueParsing.duration(ttft)
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        let (shown, times) = try present(ttft: fixedTTFT)
        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        let own = catalog.samples.filter { $0.task == taskKind }
        let folder = catalog.directory ?? "the samples folder"
        guard !own.isEmpty else {
            let have = Set(catalog.samples.map(\.task)).map(\.rawValue).sorted().joined(separator: ", ")
            throw ValueError("no \(taskKind.rawValue) samples in \(folder); tasks with samples: \(have)")
        }
        let config = PerceptionConfig(
            participant: name, task: taskKind, mode: mode, trials: trials, panes: panes ?? 3,
            seed: PerceptionConfig.seed(participant: name, option: seed), fixedRate: rate, fixedTTFT: fixedTTFT,
            practice: practice, jitter: jitterValue, resultsPath: out, seedOption: seed, presentations: shown,
            e2es: times)
        if mode == .present { try Self.check(config, samples: own, folder: folder) }
        return PerceptionSession(config: config, samples: own)
    }

    /// `--presentations` and `--e2e`, which only present mode takes.
    func present(ttft: Double) throws -> ([Presentation], [Double]) {
        guard mode == .present else {
            if presentations != nil || e2e != nil {
                throw ValueError("--presentations and --e2e are for --mode present")
            }
            return (PresentTiming.defaultPresentations, [PresentTiming.defaultE2E])
        }
        var shown = PresentTiming.defaultPresentations
        if let presentations {
            shown = []
            for part in presentations.split(separator: ",", omittingEmptySubsequences: false) {
                do { shown.append(try Presentation.parse(String(part))) } catch {
                    throw ValueError("--presentations: \(error.description)")
                }
            }
        }
        guard PresentTiming.countRange.contains(shown.count), Set(shown).count == shown.count else {
            throw ValueError("--presentations takes 2–4 different presentations (\(Presentation.names))")
        }
        if let panes, panes != shown.count {
            throw ValueError("--panes \(panes) does not match --presentations: present mode shows one pane each")
        }
        var times = [PresentTiming.defaultE2E]
        if let e2e {
            times = try e2e.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let t = try ValueParsing.duration(String(part))
                guard PresentTiming.e2eRange.contains(t) else {
                    throw ValueError("--e2e \(part) is outside 0.5s–600s")
                }
                guard t > ttft else {
                    throw ValueError("--e2e \(part) is not after the first-token wait (--ttft \(self.ttft))")
                }
                return t
            }
        }
        return (shown, times)
    }

    /// Every sample the session can show reaches every end-to-end time in every presentation; with
    /// staged, the task needs a sample with an `::: outline`.
    static func check(_ config: PerceptionConfig, samples: [Sample], folder: String) throws {
        let usable = PresentTiming.samples(samples, task: config.task, presentations: config.presentations)
        guard !usable.isEmpty else {
            throw ValueError(
                "--presentations staged needs \(config.task.rawValue) samples with an '::: outline' section; "
                    + "none in \(folder) has one (see Samples/README.md)")
        }
        for sample in usable {
            for e2e in config.e2es {
                for p in config.presentations {
                    if let problem = PresentTiming.problem(
                        e2e: e2e, ttft: config.fixedTTFT, sample: sample, presentation: p, jitter: config.jitter)
                    {
                        throw ValueError(problem)
                    }
                }
            }
        }
    }
}
