/// Help texts of options several commands share, kept here so the thin executable stays thin.
public enum OptionHelp {
    public static let present =
        "How panes show the answer, one for all or one per pane: stream, blocking (spinner, then all at once), "
        + "progress (bar, phase, ETA), staged (an outline first: the sample's, or a live pane's real outline "
        + "request before its answer request). A spec's #present=NAME wins; key p cycles (a live pane: from its next request)."

    public static let readingRate =
        "The reader's pace for the reader's view (key R): 240wpm; a reading cursor per pane and the figures "
        + "waiting for text and blocked (default 250wpm, the view closed)."

    public static let systemTokens =
        "Hidden instructions: a system prompt of N tokens before every request. Simulated and hw: panes pay its "
        + "prefill (with the prompt cache on, only the first request of that size), live panes receive it as a "
        + "system message. Key i steps it."

    public static let batchEfficiency =
        "Batch task, sim: panes: the share of its decode rate a slot keeps each time the slots decoding together "
        + "double (default 88%: the estimate for Llama 3.1 8B F16 on an A100 goes 62.7 → 42.4 tok/s from 1 to 8 "
        + "users). hw: panes use their estimate's batch table."
}
