/// What a whole text tells about how its words split: an English-centric byte-level BPE (SmolLM2)
/// keeps English words whole but cuts German, French or Spanish ones into pieces of about three
/// letters, and spends more on kanji in Japanese text than on the same characters in Chinese.
struct TextTraits {
    /// 0 for English (or code), 1 for a European language other than English, in between for mixes:
    /// the share of the text's words that are function words of those languages, scaled so that 15%
    /// (a typical sentence has 25–40%) counts fully.
    var foreign: Double = 0
    /// Of that, the Germanic part (German, Dutch), whose long compounds and umlauts cost more than
    /// the words of Romance languages (French, Spanish, Italian, Portuguese).
    var germanic: Double = 0
    /// The text holds kana, so its Han characters are kanji.
    var japanese = false

    static let english = TextTraits()

    /// Frequent words of those languages that are not also English words (no "die", "war", "son",
    /// "plus", "a", "in", "no") nor common names in code ("y", "os").
    static let germanicWords: Set<String> = [
        "der", "das", "und", "nicht", "ist", "ein", "eine", "einen", "einem", "zu", "von", "dem", "des", "sich", "auf",
        "auch", "wie", "sie", "wenn", "über", "noch", "oder", "aber", "hatte", "wurde", "würde", "ihr", "ihre", "nur",
        "dass", "ich", "wir", "im", "zum", "zur", "vom", "beim", "als", "mit", "bei", "nach", "aus", "wer", "ja", "het",
        "een", "niet", "zijn", "ook", "voor", "ik", "je", "wordt", "werd",
    ]
    static let romanceWords: Set<String> = [
        "le", "la", "les", "du", "et", "un", "une", "que", "qui", "dans", "pour", "pas", "ne", "est", "sur", "elle",
        "il", "au", "aux", "avec", "se", "ce", "cette", "ses", "sa", "mais", "était", "avait", "el", "los", "las",
        "del", "en", "una", "por", "su", "sus", "para", "como", "pero", "más", "había", "muy", "sobre", "ya", "cuando",
        "nadie", "ni", "di", "che", "non", "della", "il", "gli", "não", "uma", "mais", "ao", "pela", "pelo", "você",
        "estaba", "está", "es", "nous", "vous", "ils", "être", "ser", "fue",
    ]

    static let longestFunctionWord = (germanicWords.union(romanceWords)).map(\.unicodeScalars.count).max()!

    init() {}

    init(_ text: String) {
        var words = 0
        var germanicCount = 0
        var romanceCount = 0
        var word = ""
        var length = 0
        func finish() {
            guard length > 0 else { return }
            words += 1
            // Function words are short: longer words need no lookup.
            if length <= TextTraits.longestFunctionWord {
                let lower = word.lowercased()
                if TextTraits.germanicWords.contains(lower) { germanicCount += 1 }
                if TextTraits.romanceWords.contains(lower) { romanceCount += 1 }
            }
            word = ""
            length = 0
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x3040 && v <= 0x30FF { japanese = true }
            let letter =
                v < 0x80 ? (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A : v < 0x2000 && scalar.properties.isAlphabetic
            if letter {
                length += 1
                if length <= TextTraits.longestFunctionWord { word.unicodeScalars.append(scalar) }
            } else {
                finish()
            }
        }
        finish()
        let both = germanicCount + romanceCount
        if words > 0 && both > 0 {
            foreign = min(1, Double(both) / Double(words) / 0.15)
            germanic = Double(germanicCount) / Double(both)
        }
    }
}
