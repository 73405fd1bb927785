import Foundation

/// Speculative decoding and multi-token prediction: a cheap draft proposes `k` tokens, the big
/// model checks them all in one step (about the cost of one ordinary step, since decode is memory
/// bound) and keeps the accepted prefix plus one token of its own.
///
/// How much that helps depends on the text: code and summaries repeat what is already in the
/// context, so drafts are often right; open-ended prose is not, and there the draft's cost can
/// make decoding slower than without it.
public enum SpeculativeDecoding {
    /// Assumed chance that one drafted token is accepted, per task. Illustrative defaults in the
    /// range reported for draft models and MTP heads; not measured by this project.
    public static func acceptance(for task: TaskKind) -> Double {
        switch task {
        case .code: return 0.80
        case .summarize: return 0.75
        case .agent: return 0.70
        case .reasoning: return 0.65
        case .chat: return 0.60
        }
    }

    /// Tokens one verification step yields on average: (1 − α^(k+1)) / (1 − α).
    public static func expectedTokensPerStep(acceptance alpha: Double, draftLength k: Int) -> Double {
        let a = min(max(alpha, 0), 1)
        let k = max(k, 0)
        if a >= 1 { return Double(k + 1) }
        return (1 - pow(a, Double(k + 1))) / (1 - a)
    }

    /// Decode speed-up over plain decoding: tokens per step ÷ (1 + k × draftCost), where draftCost
    /// is one draft token's cost as a share of one step of the big model.
    public static func speculativeSpeedup(acceptance alpha: Double, draftLength k: Int, draftCost: Double) -> Double {
        expectedTokensPerStep(acceptance: alpha, draftLength: k) / (1 + Double(max(k, 0)) * max(draftCost, 0))
    }

    public static func speculativeSpeedup(task: TaskKind, draftLength: Int, draftCost: Double) -> Double {
        speculativeSpeedup(acceptance: acceptance(for: task), draftLength: draftLength, draftCost: draftCost)
    }
}

extension Profile {
    /// This profile with its decode rate scaled by the speculative speed-up for `task`.
    public func withSpeculativeDecoding(task: TaskKind, draftLength: Int, draftCost: Double) -> Profile {
        var p = self
        p.speculativeDraft = draftLength
        p.speedup = SpeculativeDecoding.speculativeSpeedup(task: task, draftLength: draftLength, draftCost: draftCost)
        return p
    }

    /// The profile with its speculative speed-up set for `task` (unchanged when drafting is off).
    public func tuned(for task: TaskKind) -> Profile {
        guard speculativeDraft > 0 else {
            var p = self
            p.speedup = 1
            return p
        }
        return withSpeculativeDecoding(task: task, draftLength: speculativeDraft, draftCost: Profile.draftCost)
    }

    /// Cost of one draft token relative to a target-model step (a small draft model).
    public static let draftCost = 0.05
}
