/// Hands out curses colour pairs on first use. Pair 0 is fixed by curses (the default colours),
/// so pairs 1…capacity are allocated as new (fg, bg) combinations appear.
struct ColorPairs {
    private var numbers: [Pair: Int32] = [:]
    let capacity: Int

    struct Pair: Hashable {
        var fg: Int32
        var bg: Int32
    }

    /// `capacity` is `COLOR_PAIRS - 1`.
    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The pair for (fg, bg) with -1 for the terminal's default colour, and whether the caller must
    /// `init_extended_pair` it now. When every pair is taken the default pair 0 is used: the text
    /// stays readable, only uncoloured.
    mutating func number(fg: Int32, bg: Int32) -> (pair: Int32, isNew: Bool) {
        if fg == -1 && bg == -1 { return (0, false) }
        let key = Pair(fg: fg, bg: bg)
        if let n = numbers[key] { return (n, false) }
        guard numbers.count < capacity else { return (0, false) }
        let n = Int32(numbers.count + 1)
        numbers[key] = n
        return (n, true)
    }

    var count: Int { numbers.count }
}
