/// Splits text into the pieces a byte-level BPE model (GPT-2, Llama, SmolLM2) would emit, without
/// shipping a vocabulary: simulated panes stream these pieces, and `count` estimates prompt sizes.
///
/// The rules follow the GPT-2 pre-tokenizer (a space sticks to the word after it, punctuation runs,
/// single digits as in SmolLM2, whitespace runs) and then guess how BPE cuts a chunk from its length.
/// The constants are calibrated against SmolLM2-135M on the files in `Samples/`
/// (`scripts/calibrate-samples.py`; `SampleCalibrationTests` keeps every sample within ±10%) and on
/// the multilingual corpus of `scripts/tokenizer_corpus.py` (`scripts/calibrate-tokenizer.py`;
/// `BuiltinTokenizerCalibrationTests` keeps every text within ±10%).
///
/// A piece never splits a character, so pieces always join back to the text and draw cleanly. Where a
/// real model spends several byte tokens on one character (CJK, emoji) the piece carries that weight:
/// `count` sums weights and can exceed `split(_:).count`.
public enum Tokenizer {
    /// The pieces of `text`, in order; joined they give back `text` exactly.
    public static func split(_ text: String) -> [String] {
        pieces(text).map { String($0.text) }
    }

    /// Estimated number of model tokens in `text`.
    public static func count(_ text: String) -> Int {
        Int(pieces(text).reduce(0.0) { $0 + $1.weight }.rounded())
    }

    /// Each piece with the number of model tokens it stands for (1 for most pieces).
    public static func weightedPieces(_ text: String) -> [(text: Substring, weight: Double)] {
        pieces(text)
    }

    static func pieces(_ text: String) -> [(text: Substring, weight: Double)] {
        var out: [(text: Substring, weight: Double)] = []
        let traits = TextTraits(text)
        for chunk in PreTokenizer.chunks(text) {
            Chunker.cut(chunk, traits, into: &out)
        }
        return out
    }
}
