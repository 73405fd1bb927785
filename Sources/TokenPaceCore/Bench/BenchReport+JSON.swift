extension BenchReport {
    /// Format version of the JSON report, so scripts can check what they read.
    public static let jsonVersion = 1

    /// One JSON object: settings, a `definitions` object (figure key → meaning), and per pane the
    /// aggregated figures (median/min/max/n), the errors and every stream's own figures.
    public var json: String {
        var definitions: [JSONValue.Member] = []
        for figure in BenchFigure.allCases {
            definitions.append(.init(figure.key, .string(definition(figure))))
        }
        definitions.append(
            .init(
                "tokens_source",
                .string("usage = the server's count, counted = pieces counted by the client, mixed = some of each")))
        let root = JSONValue.fields(
            [
                ("tokenpace_bench", .number(Double(Self.jsonVersion))),
                ("runs", .number(Double(runs))),
                ("concurrency", .number(Double(concurrency))),
                ("task", .string(task.rawValue)),
                ("stall_threshold_s", .number(stallThreshold)),
                ("definitions", .object(definitions)),
                ("panes", .array(panes.map(paneJSON))),
            ] + sweepJSONMembers)
        return root.compact
    }

    func paneJSON(_ pane: BenchPaneResult) -> JSONValue {
        var figures: [JSONValue.Member] = []
        for figure in BenchFigure.allCases {
            let value: JSONValue =
                pane.stat(figure).map { stat in
                    JSONValue.fields([
                        ("median", .number(Self.number(stat.median, figure))),
                        ("min", .number(Self.number(stat.min, figure))),
                        ("max", .number(Self.number(stat.max, figure))),
                        ("n", .number(Double(stat.count))),
                    ])
                } ?? .null
            figures.append(.init(figure.key, value))
        }
        let errors = pane.errors.map { e in
            JSONValue.fields([
                ("run", .number(Double(e.run))), ("stream", .number(Double(e.stream))), ("reason", .string(e.reason)),
            ])
        }
        let runs = pane.runs.map { run in JSONValue.array(run.map(streamJSON)) }
        return JSONValue.fields([
            ("label", .string(pane.label)),
            ("name", .string(pane.name)),
            ("source", .string(pane.source)),
            ("streams", .number(Double(pane.streams.count))),
            ("succeeded", .number(Double(pane.successes.count))),
            ("tokens_source", pane.tokensSource.map { .string($0.rawValue) } ?? .null),
            ("cost_model", pane.costModel.map { .string($0) } ?? .null),
            ("figures", .object(figures)),
            ("errors", .array(errors)),
            ("runs", .array(runs)),
            (
                "race_times_s",
                .array((pane.representative?.tokenTimes ?? []).map { .number(($0 * 1000).rounded() / 1000) })
            ),
        ])
    }

    private func streamJSON(_ stream: BenchStream) -> JSONValue {
        var members: [(String, JSONValue?)] = BenchFigure.allCases.map { figure in
            (figure.key, figure.value(of: stream).map { .number(Self.number($0, figure)) } ?? .null)
        }
        members.append(("tokens_source", .string(stream.tokensSource.rawValue)))
        members.append(("error", stream.failure.map { .string($0) } ?? .null))
        return JSONValue.fields(members)
    }
}
