import Foundation
import TokenPaceCore

/// Turns one protocol's response body into `BackendEvent`s. Pure: no I/O and no clock.
///
/// The caller stamps each piece with the seconds since the request was sent (`t`), taken when the
/// bytes arrived, so decoding cost never shows up in the measurements. Live panes and trace
/// conversion feed the same decoders, so a saved pane replays what the pane showed.
public protocol StreamDecoder: Sendable {
    /// Consumes the next piece of the body; returns the events it completed.
    mutating func feed(_ bytes: some Sequence<UInt8>, at t: Double) -> [BackendEvent]
    /// The body ended; reports `.incompleteStream` if the protocol's final event never came.
    mutating func finish(at t: Double) -> [BackendEvent]
    /// What the server said about the stream beyond its events, so far.
    var report: StreamReport { get }
}

extension StreamDecoder {
    /// Convenience for tests and replays: decodes a whole body that arrived at once.
    public mutating func feed(_ text: String, at t: Double) -> [BackendEvent] {
        feed(Array(text.utf8), at: t)
    }
}

/// What a server said about a stream beyond its events, kept so a trace holds it as it was sent:
/// the model it named, its usage and timing objects verbatim (with fields no event carries, such
/// as llama.cpp's `prompt_per_second` or Ollama's `total_duration`), and whether each piece
/// carried its own token count.
public struct StreamReport: Sendable, Equatable {
    /// The model as the server named it (often the file it loaded, not the name asked for).
    public var model: String?
    /// The usage object (OpenAI `usage`, Anthropic's merged `usage`, llama.cpp's token counts).
    public var usage: JSONValue?
    /// The server's clocks: llama.cpp `timings`, Ollama's durations (nanoseconds).
    public var server: JSONValue?
    /// Each piece's token count came from the server (llama.cpp native `tokens`), so the pieces
    /// need no share of the server's total.
    public var countsFromServer = false

    public init(model: String? = nil, usage: JSONValue? = nil, server: JSONValue? = nil, countsFromServer: Bool = false)
    {
        self.model = model
        self.usage = usage
        self.server = server
        self.countsFromServer = countsFromServer
    }
}

/// Helpers shared by the protocol decoders.
enum Decoding {
    /// A token event, or nothing for the empty pieces servers send (role-only deltas, `""`, `null`).
    static func token(_ text: String?, _ kind: TokenKind, _ t: Double, count: Int = 1) -> BackendEvent? {
        guard let text, !text.isEmpty else { return nil }
        return .token(TokenEvent(text: text, kind: kind, t: t, count: max(count, 1)))
    }

    /// A tool call's text as a pane shows it: the tool's name, a space, then its arguments as they
    /// stream (so `get_weather {"city":"Oslo"}` whether name and arguments come together or apart).
    static func toolCall(name: String?, arguments: String?) -> String {
        let name = name.flatMap { $0.isEmpty ? nil : $0 + " " } ?? ""
        return name + (arguments ?? "")
    }

    /// Whether an event's data is the `[DONE]` sentinel (surrounding spaces allowed), without
    /// Foundation for the usual case of a JSON object.
    static func isDone(_ data: String) -> Bool {
        if data.utf8.first == UInt8(ascii: "{") { return false }
        return data.trimmingCharacters(in: .whitespaces) == "[DONE]"
    }

    /// Reads one payload with a decoder's reader, or says why it is not what the protocol promises.
    static func read<T>(_ text: String, _ body: (inout JSONReader) throws(JSONReadError) -> T) -> Result<
        T, BackendError
    > {
        do {
            return .success(try JSONReader.read(text, body))
        } catch {
            return .failure(.malformed("\(error.message) at byte \(error.offset + 1) of \(snippet(text))"))
        }
    }

    /// The first characters of a payload, on one line, for error messages.
    static func snippet(_ text: String, limit: Int = 120) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
