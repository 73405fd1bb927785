/// The body of a sample file: marker lines (`::: answer`, `::: tool-result 1.2s`) and the text
/// between them, checked so an agent run reads as call → result steps ending in an answer.
enum SampleBody {
    struct Section {
        var kind: TokenKind
        var latency: Double?
        var line: Int
        var lines: [String] = []
    }

    /// Takes an `::: outline` section off the front of the body: the first stage a staged
    /// presentation writes. It is not part of the answer's tokens; it must come before any other section.
    static func outline(
        lines: [String], firstLine: Int, path: String
    ) throws(SampleError) -> (outline: String?, rest: [String], firstLine: Int) {
        let isMarker = { (line: String) in line.hasPrefix(":::") }
        let isOutline = { (line: String) in
            line.dropFirst(3).split(separator: " ", omittingEmptySubsequences: true).first == "outline"
        }
        guard let open = lines.firstIndex(where: isMarker) else { return (nil, lines, firstLine) }
        if let later = lines[(open + 1)...].firstIndex(where: { isMarker($0) && isOutline($0) }) {
            throw SampleError(
                path: path, line: firstLine + later, message: "'::: outline' must be the first section, and only one")
        }
        guard isOutline(lines[open]) else { return (nil, lines, firstLine) }
        if let stray = lines[..<open].firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) {
            throw SampleError(path: path, line: firstLine + stray, message: "text before the first section marker")
        }
        if lines[open].split(separator: " ", omittingEmptySubsequences: true).count > 2 {
            throw SampleError(path: path, line: firstLine + open, message: "'::: outline' takes no argument")
        }
        let end = lines[(open + 1)...].firstIndex(where: isMarker) ?? lines.count
        let text = trimmedBlankLines(Array(lines[(open + 1)..<end]))
        guard !text.isEmpty else {
            throw SampleError(path: path, line: firstLine + open, message: "empty 'outline' section")
        }
        guard end < lines.count else {
            throw SampleError(
                path: path, line: firstLine + open, message: "an outline needs the answer after it: add '::: answer'")
        }
        return (text, Array(lines[end...]), firstLine + end)
    }

    static func segments(
        lines: [String], firstLine: Int, task: TaskKind, latencies: (values: [Double], line: Int)?,
        path: String
    ) throws(SampleError) -> [Sample.Segment] {
        func fail(_ line: Int?, _ message: String) -> SampleError {
            SampleError(path: path, line: line, message: message)
        }
        var sections: [Section] = []
        var preamble: [String] = []
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            guard line.hasPrefix(":::") else {
                if sections.isEmpty { preamble.append(line) } else { sections[sections.count - 1].lines.append(line) }
                continue
            }
            let words = line.dropFirst(3).split(separator: " ", omittingEmptySubsequences: true)
            let name = words.first.map(String.init) ?? ""
            guard let kind = SampleFile.markers[name] else {
                let expected = ["reasoning", "answer", "tool-call", "tool-result"].joined(separator: ", ")
                throw fail(number, "unknown section marker '\(line)' (expected ::: followed by \(expected))")
            }
            var latency: Double?
            if words.count > 1 {
                let argument = words.dropFirst().joined(separator: " ")
                guard kind == .toolResult else { throw fail(number, "'::: \(name)' takes no argument") }
                guard let v = Latency.parse(argument) else { throw fail(number, Latency.problem(argument)) }
                latency = v
            }
            if sections.isEmpty, let stray = preamble.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) {
                throw fail(firstLine + stray, "text before the first section marker (start it with '::: answer')")
            }
            sections.append(Section(kind: kind, latency: latency, line: number))
        }
        if sections.isEmpty {
            guard preamble.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
                throw fail(firstLine - 1, "the body is empty: write the answer after the front matter")
            }
            sections = [Section(kind: .answer, line: firstLine, lines: preamble)]
        }
        return try check(sections, task: task, latencies: latencies, fail: fail)
    }

    static func check(
        _ sections: [Section], task: TaskKind, latencies: (values: [Double], line: Int)?,
        fail: (Int?, String) -> SampleError
    ) throws(SampleError) -> [Sample.Segment] {
        var segments: [Sample.Segment] = []
        var step = task == .agent ? 1 : 0
        var results = 0
        var previous: TokenKind?
        for section in sections {
            let text = trimmedBlankLines(section.lines)
            guard !text.isEmpty else { throw fail(section.line, "empty '\(section.kind.rawValue)' section") }
            if section.kind == .toolCall || section.kind == .toolResult, task != .agent {
                throw fail(section.line, "'\(section.kind.rawValue)' sections belong in agent samples (task: agent)")
            }
            if section.kind == .toolResult, previous != .toolCall {
                throw fail(section.line, "a tool-result must follow a tool-call")
            }
            if previous == .toolCall, section.kind != .toolResult {
                throw fail(section.line, "the tool-call before this needs a '::: tool-result' after it")
            }
            if previous == .toolResult { step += 1 }
            var latency: Double?
            if section.kind == .toolResult {
                results += 1
                latency =
                    section.latency ?? latencies.flatMap { results <= $0.values.count ? $0.values[results - 1] : nil }
                guard latency != nil else {
                    throw fail(
                        section.line,
                        "tool-result \(results) has no latency: write '::: tool-result 1.2s' or list it in tool_latencies"
                    )
                }
            }
            segments.append(Sample.Segment(kind: section.kind, text: text, step: step, toolLatency: latency))
            previous = section.kind
        }
        if let latencies, latencies.values.count > results {
            throw fail(
                latencies.line,
                "tool_latencies has \(latencies.values.count) entries but the body has \(results) tool results")
        }
        guard previous == .answer else {
            throw fail(sections.last?.line, "the sample must end with an '::: answer' section")
        }
        return segments
    }

    /// A batch sample's body: `::: item` and `::: answer` sections in turn, starting with an item and
    /// ending with an answer; at least one pair.
    static func items(lines: [String], firstLine: Int, path: String) throws(SampleError) -> [Sample.Item] {
        func fail(_ line: Int?, _ message: String) -> SampleError {
            SampleError(path: path, line: line, message: message)
        }
        var sections: [(name: String, line: Int, lines: [String])] = []
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            guard line.hasPrefix(":::") else {
                if sections.isEmpty {
                    guard line.allSatisfy(\.isWhitespace) else {
                        throw fail(number, "text before the first section marker (start each item with '::: item')")
                    }
                } else {
                    sections[sections.count - 1].lines.append(line)
                }
                continue
            }
            let words = line.dropFirst(3).split(separator: " ", omittingEmptySubsequences: true)
            let name = words.first.map(String.init) ?? ""
            guard name == "item" || name == "answer" else {
                throw fail(
                    number, "unknown section marker '\(line)' in a batch sample (expected '::: item' or '::: answer')")
            }
            guard words.count == 1 else { throw fail(number, "'::: \(name)' takes no argument") }
            let expected = sections.count % 2 == 0 ? "item" : "answer"
            guard name == expected else {
                throw fail(
                    number,
                    expected == "item"
                        ? "an answer needs its item before it: add '::: item' and the item's input"
                        : "item \(sections.count / 2 + 1) has no answer: add '::: answer' after it")
            }
            sections.append((name, number, []))
        }
        guard !sections.isEmpty else {
            throw fail(firstLine - 1, "a batch sample needs items: '::: item' then '::: answer', once per item")
        }
        var items: [Sample.Item] = []
        for pair in stride(from: 0, to: sections.count, by: 2) {
            let item = sections[pair]
            guard pair + 1 < sections.count else {
                throw fail(item.line, "item \(pair / 2 + 1) has no answer: add '::: answer' after it")
            }
            let answer = sections[pair + 1]
            let input = trimmedBlankLines(item.lines)
            let output = trimmedBlankLines(answer.lines)
            guard !input.isEmpty else { throw fail(item.line, "empty 'item' section") }
            guard !output.isEmpty else { throw fail(answer.line, "empty 'answer' section") }
            items.append(Sample.Item(input: input, answer: output, line: item.line))
        }
        return items
    }

    /// The lines joined, without blank lines at either end; inner text is kept exactly.
    static func trimmedBlankLines(_ lines: [String]) -> String {
        let blank: (String) -> Bool = { $0.allSatisfy(\.isWhitespace) }
        guard let first = lines.firstIndex(where: { !blank($0) }), let last = lines.lastIndex(where: { !blank($0) })
        else { return "" }
        return lines[first...last].joined(separator: "\n")
    }
}
