/// Forgiving name lookup: "RTX 4090", "rtx-4090" and "rtx4090" are one name, and a typo gets the
/// closest known names back instead of a bare "not found".
enum NameSuggestion {
    /// Lowercased, without spaces, "-", "_" and ".".
    static func normalize(_ name: String) -> String {
        String(name.lowercased().filter { !" -_.".contains($0) })
    }

    /// Edit distance where swapping two neighbours counts once (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a)
        let t = Array(b)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: t.count + 1), count: s.count + 1)
        for i in 0...s.count { d[i][0] = i }
        for j in 0...t.count { d[0][j] = j }
        for i in 1...s.count {
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[s.count][t.count]
    }

    /// Ids of the entries nearest to `query`, best first: names that start with the query (or that
    /// it starts with) count as distance 0, then the smallest edit distances, up to `limit`.
    static func closest(to query: String, among entries: [(id: String, names: [String])], limit: Int = 3) -> [String] {
        let q = normalize(query)
        guard !q.isEmpty else { return [] }
        let scored = entries.enumerated().map { index, entry -> (id: String, score: Int, index: Int) in
            let best = entry.names.map { name -> Int in
                let n = normalize(name)
                if n.hasPrefix(q) || (q.hasPrefix(n) && n.count >= 3) { return 0 }
                return distance(q, n)
            }.min() ?? Int.max
            return (entry.id, best, index)
        }
        guard let bestScore = scored.map(\.score).min() else { return [] }
        // Anything much further than the best match, or than half the name, is noise.
        let cutoff = min(bestScore + 1, max(2, q.count / 2))
        return scored.filter { $0.score <= cutoff }
            .sorted { ($0.score, $0.index) < ($1.score, $1.index) }
            .prefix(limit)
            .map(\.id)
    }
}
