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
}
