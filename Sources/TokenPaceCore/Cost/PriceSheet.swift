import Yams

/// Example API price sheets (`Samples/prices.yaml`): a name, the prices, and the date and page
/// they were read from. Prices change; a sheet is an example to edit, never a current quote.
public struct PriceSheet: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var inputPerM: Double
        public var outputPerM: Double
        public var cachedPerM: Double?
        /// When the prices were read (as written in the file, e.g. 2025-06-01).
        public var date: String
        public var source: String
        public var line: Int

        public var price: APIPrice {
            APIPrice(inputPerM: inputPerM, outputPerM: outputPerM, cachedPerM: cachedPerM, sheet: self)
        }
    }

    public var entries: [Entry]

    /// Parses the file; every error names `source:line`.
    public static func parse(yaml: String, source: String = "<string>") throws(CatalogError) -> PriceSheet {
        let top = try CatalogError.topMapping(yaml: yaml, source: source, expected: "`prices:`")
        let doc = YAMLEntry(mapping: top, source: source, what: "price sheet")
        try doc.allowOnly(["prices"])
        let entries = try doc.list("prices") { (e: YAMLEntry) throws(CatalogError) -> Entry in
            try e.allowOnly(["name", "in", "out", "cached", "date", "source", "note"])
            let name = try e.string("name")
            func price(_ key: String) throws(CatalogError) -> Double? {
                guard let node = e.node(key) else { return nil }
                guard let v = node.float ?? node.int.map(Double.init), v.isFinite else {
                    throw e.error("price \(name): \(key) is not a number of USD per 1M tokens", at: node)
                }
                guard v >= 0 else { throw e.error("price \(name): \(key) is negative", at: node) }
                return v
            }
            guard let input = try price("in"), let output = try price("out") else {
                throw e.error("price \(name): needs both `in` and `out` (USD per 1M tokens)")
            }
            return Entry(
                name: name, inputPerM: input, outputPerM: output, cachedPerM: try price("cached"),
                date: try e.string("date"), source: try e.string("source"), line: e.line ?? 0)
        }
        var seen: [String: Int] = [:]
        for entry in entries {
            let key = NameSuggestion.normalize(entry.name)
            if seen[key] != nil {
                throw CatalogError(source: source, line: entry.line, message: "price \(entry.name) is given twice")
            }
            seen[key] = entry.line
        }
        return PriceSheet(entries: entries)
    }

    /// The entry called `name` (case, spaces, `-`, `_`, `.` ignored); the error lists the closest names.
    public func entry(named name: String) throws(ValueError) -> Entry {
        let key = NameSuggestion.normalize(name)
        if let hit = entries.first(where: { NameSuggestion.normalize($0.name) == key }) { return hit }
        let closest = NameSuggestion.closest(to: name, among: entries.map { ($0.name, [$0.name]) })
        throw ValueError(
            "no price sheet entry \"\(name)\"\(closest.isEmpty ? "" : "; closest: " + closest.joined(separator: ", "))")
    }
}

typealias YAMLEntry = Entry
