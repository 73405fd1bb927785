import Foundation

/// Reads the sample file format described in `Samples/README.md`: YAML front matter between `---`
/// lines, then a body cut into sections by `::: kind` marker lines.
public enum SampleFile {
    /// The section kinds a marker line may name.
    public static let markers: [String: TokenKind] = [
        "reasoning": .reasoning, "answer": .answer, "tool-call": .toolCall, "tool-result": .toolResult,
    ]

    /// Parses one sample. `path` is used in errors and to find `prompt_file` (relative to its folder).
    public static func parse(_ text: String, path: String, id: String) throws(SampleError) -> Sample {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        guard lines.first == "---" else {
            throw SampleError(
                path: path, line: 1, message: "missing front matter: the file must start with a '---' line")
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else {
            throw SampleError(path: path, line: 1, message: "front matter is not closed: add a '---' line after it")
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let matter = try FrontMatter.parse(yaml, firstLine: 2, openLine: 1, path: path)

        var prompt = matter.prompt ?? ""
        if let file = matter.promptFile {
            let dir = (path as NSString).deletingLastPathComponent
            let full = file.path.hasPrefix("/") ? file.path : (dir as NSString).appendingPathComponent(file.path)
            guard let contents = try? String(contentsOfFile: full, encoding: .utf8) else {
                throw SampleError(path: path, line: file.line, message: "cannot read prompt_file '\(file.path)'")
            }
            let doc = contents.trimmingCharacters(in: .newlines)
            prompt = prompt.isEmpty ? doc : prompt + "\n\n" + doc
        }

        if matter.task == .batch {
            guard matter.toolLatencies == nil else {
                throw SampleError(
                    path: path, line: matter.toolLatencies?.line, message: "tool_latencies belong in agent samples")
            }
            let items = try SampleBody.items(lines: Array(lines[(close + 1)...]), firstLine: close + 2, path: path)
            var sample = Sample(
                id: id, title: matter.title ?? id, task: .batch, prompt: prompt,
                segments: [Sample.Segment(kind: .answer, text: items[0].answer)], calibration: matter.calibration,
                draftAcceptance: matter.draftAcceptance, source: path)
            sample.items = items
            return sample
        }
        let body = try SampleBody.outline(lines: Array(lines[(close + 1)...]), firstLine: close + 2, path: path)
        let segments = try SampleBody.segments(
            lines: body.rest, firstLine: body.firstLine, task: matter.task, latencies: matter.toolLatencies, path: path)
        var sample = Sample(
            id: id, title: matter.title ?? id, task: matter.task, prompt: prompt, segments: segments,
            calibration: matter.calibration, draftAcceptance: matter.draftAcceptance, source: path)
        sample.outline = body.outline
        return sample
    }
}
