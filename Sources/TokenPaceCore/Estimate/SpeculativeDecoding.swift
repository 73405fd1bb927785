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
    /// range reported for draft models and MTP heads; not measured by this project. Code, summaries
    /// and tool calls copy names and phrases from their context; chat and reasoning less so. A sample
    /// can set its own (`draft_acceptance`): creative prose is about 0.2–0.35.
    public static func acceptance(for task: TaskKind) -> Double {
        switch task {
        case .code: return 0.80
        case .summarize: return 0.70
        case .agent: return 0.70
        case .reasoning: return 0.55
        case .chat: return 0.50
        // Labels and short summaries of a batch repeat words of their item.
        case .batch: return 0.60
        }
    }

    /// Acceptance of creative text (stories, essays), where drafts are mostly wrong.
    public static let creativeAcceptance = 0.25

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
        withSpeculativeDecoding(
            acceptance: SpeculativeDecoding.acceptance(for: task), draftLength: draftLength, draftCost: draftCost)
    }

    /// This profile with its decode rate scaled by the speculative speed-up at draft acceptance `acceptance`.
    public func withSpeculativeDecoding(acceptance: Double, draftLength: Int, draftCost: Double) -> Profile {
        var p = self
        p.speculativeDraft = draftLength
        p.draftAcceptance = acceptance
        p.draftCost = draftCost
        p.speedup = SpeculativeDecoding.speculativeSpeedup(
            acceptance: acceptance, draftLength: draftLength, draftCost: draftCost)
        return p
    }

    /// The profile with its speculative speed-up set for `task`, or for a sample's own draft
    /// `acceptance` when it has one (unchanged when drafting is off).
    public func tuned(for task: TaskKind, acceptance: Double? = nil) -> Profile {
        guard speculativeDraft > 0 else {
            var p = self
            p.speedup = 1
            p.draftAcceptance = 0
            return p
        }
        return withSpeculativeDecoding(
            acceptance: acceptance ?? SpeculativeDecoding.acceptance(for: task), draftLength: speculativeDraft,
            draftCost: Profile.draftCost)
    }

    /// Cost of one draft token relative to a target-model step: a draft model about a tenth of the
    /// target's size, plus the extra work of verifying a batch of drafts.
    public static let draftCost = 0.10
}
