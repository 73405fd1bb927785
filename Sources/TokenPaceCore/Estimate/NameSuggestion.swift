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

    /// Words of a name: runs between spaces, "-", "_", "/" and "." of two characters or more.
    static func words(_ name: String) -> Set<String> {
        Set(name.lowercased().split { " -_./".contains($0) }.map(String.init).filter { $0.count >= 2 })
    }

    /// Ids of the `limit` entries nearest to `query`, best first, however far: names that start with
    /// the query (or that it starts with) first, then names sharing more words with it (`deepseek`,
    /// `7b`), then the smallest edit distances.
    static func closest(to query: String, among entries: [(id: String, names: [String])], limit: Int = 3) -> [String] {
        let q = normalize(query)
        guard !q.isEmpty else { return [] }
        let queryWords = words(query)
        let scored = entries.enumerated().map { index, entry -> (id: String, key: [Int]) in
            let best =
                entry.names.map { name -> [Int] in
                    let n = normalize(name)
                    let prefix = n.hasPrefix(q) || (q.hasPrefix(n) && n.count >= 3)
                    return [prefix ? 0 : 1, -words(name).intersection(queryWords).count, distance(q, n), index]
                }.min { $0.lexicographicallyPrecedes($1) } ?? [Int.max]
            return (entry.id, best)
        }
        return scored.sorted { $0.key.lexicographicallyPrecedes($1.key) }.prefix(limit).map(\.id)
    }
}
