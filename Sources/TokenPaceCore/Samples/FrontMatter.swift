import Yams

/// The YAML header of a sample file, with the line of each value so errors can point at it.
struct FrontMatter {
    var task: TaskKind
    var title: String?
    var prompt: String?
    var promptFile: (path: String, line: Int)?
    var toolLatencies: (values: [Double], line: Int)?
    var calibration: Sample.Calibration?
    var draftAcceptance: Double?

    static let keys = ["task", "title", "prompt", "prompt_file", "tool_latencies", "calibration", "draft_acceptance"]

    /// Parses `yaml`, whose first line is line `firstLine` of the file at `path`.
    static func parse(_ yaml: String, firstLine: Int, openLine: Int, path: String) throws(SampleError) -> FrontMatter {
        func fail(_ line: Int?, _ message: String) -> SampleError {
            SampleError(path: path, line: line, message: message)
        }
        func lineOf(_ node: Node) -> Int? { node.mark.map { $0.line + firstLine - 1 } }

        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlFailure(error, firstLine: firstLine, path: path)
        } catch {
            throw fail(openLine, "YAML error: \(error)")
        }
        guard let root, let mapping = root.mapping else {
            throw fail(openLine, "front matter must be a YAML mapping (key: value lines)")
        }

        var task: TaskKind?
        var matter = FrontMatter(task: .chat)
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? "\(keyNode)"
            let line = lineOf(keyNode)
            switch key {
            case "task":
                guard let name = value.string, let kind = TaskKind(rawValue: name) else {
                    let expected = TaskKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail(lineOf(value), "unknown task '\(value.string ?? "\(value)")' (expected \(expected))")
                }
                task = kind
            case "title":
                matter.title = try string(value, key, lineOf(value), path)
            case "prompt":
                matter.prompt = try string(value, key, lineOf(value), path)
            case "prompt_file":
                matter.promptFile = (try string(value, key, lineOf(value), path), lineOf(value) ?? openLine)
            case "tool_latencies":
                guard let items = value.sequence else {
                    throw fail(lineOf(value), "tool_latencies must be a list of seconds, like [0.4, 1.2s, 800ms]")
                }
                var values: [Double] = []
                for item in items {
                    let text = item.string ?? "\(item)"
                    guard let v = Latency.parse(text) else { throw fail(lineOf(item), Latency.problem(text)) }
                    values.append(v)
                }
                matter.toolLatencies = (values, line ?? openLine)
            case "calibration":
                matter.calibration = try calibration(value, lineOf(value), path)
            case "draft_acceptance":
                guard let a = value.float ?? value.int.map(Double.init), (0...1).contains(a) else {
                    throw fail(lineOf(value), "draft_acceptance must be a number from 0 to 1, like 0.25")
                }
                matter.draftAcceptance = a
            default:
                throw fail(line, "unknown key '\(key)' (expected \(keys.joined(separator: ", ")))")
            }
        }
        guard let task else {
            throw fail(openLine, "missing 'task' (one of \(TaskKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        matter.task = task
        if matter.prompt == nil && matter.promptFile == nil {
            throw fail(openLine, "missing prompt: add 'prompt:' or 'prompt_file:'")
        }
        return matter
    }

    static func string(_ node: Node, _ key: String, _ line: Int?, _ path: String) throws(SampleError) -> String {
        guard let s = node.string else {
            throw SampleError(path: path, line: line, message: "'\(key)' must be text")
        }
        return s
    }

    static func calibration(_ node: Node, _ line: Int?, _ path: String) throws(SampleError) -> Sample.Calibration {
        let problem = "calibration must be {tokenizer: NAME, prompt_tokens: N, answer_tokens: N}"
        guard let m = node.mapping,
            let tokenizer = m["tokenizer"]?.string,
            let prompt = m["prompt_tokens"]?.int, let answer = m["answer_tokens"]?.int,
            prompt >= 0, answer >= 0, m.count == 3
        else { throw SampleError(path: path, line: line, message: problem) }
        return Sample.Calibration(tokenizer: tokenizer, promptTokens: prompt, answerTokens: answer)
    }

    static func yamlFailure(_ error: YamlError, firstLine: Int, path: String) -> SampleError {
        func at(_ mark: Mark, _ problem: String) -> SampleError {
            SampleError(path: path, line: mark.line + firstLine - 1, message: "YAML error: \(problem)")
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return at(mark, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return at(context.mark, "duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return SampleError(path: path, line: firstLine, message: "YAML error: \(error)")
        }
    }
}
