import Foundation
import TokenPaceCore

/// Turns one protocol's response body into `BackendEvent`s. Pure: no I/O and no clock.
///
/// The caller stamps each piece with the seconds since the request was sent (`t`), taken when the
/// bytes arrived, so decoding cost never shows up in the measurements.
public protocol StreamDecoder: Sendable {
    /// Consumes the next piece of the body; returns the events it completed.
    mutating func feed(_ bytes: some Sequence<UInt8>, at t: Double) -> [BackendEvent]
    /// The body ended; reports `.incompleteStream` if the protocol's final event never came.
    mutating func finish(at t: Double) -> [BackendEvent]
}

extension StreamDecoder {
    /// Convenience for tests and replays: decodes a whole body that arrived at once.
    public mutating func feed(_ text: String, at t: Double) -> [BackendEvent] {
        feed(Array(text.utf8), at: t)
    }
}

/// How a decoder turns each payload into its `Decodable` chunk: first with the chunk's own fast
/// reader (`JSONReader`); whatever that reader leaves (errors, unusual shapes, malformed text) goes
/// to `JSONDecoder`, which has the last word, so both paths always give the same chunk.
struct PayloadDecoding: Sendable {
    /// False reads every payload with `JSONDecoder` alone (tests compare the two paths).
    var fast = true
    /// Payloads the fast reader left to `JSONDecoder`.
    private(set) var fullDecodes = 0

    mutating func decode<T: Decodable>(
        _ type: T.Type, _ text: String, fast read: (inout JSONReader) throws(JSONReadError) -> T
    ) -> Result<T, BackendError> {
        if fast {
            if let value = try? JSONReader.read(text, read) { return .success(value) }
            fullDecodes += 1
        }
        return Decoding.decode(type, text)
    }
}

/// Helpers shared by the protocol decoders.
enum Decoding {
    static let json: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    /// A token event, or nothing for the empty pieces servers send (role-only deltas, `""`, `null`).
    static func token(_ text: String?, _ kind: TokenKind, _ t: Double, count: Int = 1) -> BackendEvent? {
        guard let text, !text.isEmpty else { return nil }
        return .token(TokenEvent(text: text, kind: kind, t: t, count: max(count, 1)))
    }

    /// Whether an event's data is the `[DONE]` sentinel (surrounding spaces allowed), without
    /// Foundation for the usual case of a JSON object.
    static func isDone(_ data: String) -> Bool {
        if data.utf8.first == UInt8(ascii: "{") { return false }
        return data.trimmingCharacters(in: .whitespaces) == "[DONE]"
    }

    /// Decodes one JSON payload, or explains why it is not what the protocol promises.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> Result<T, BackendError> {
        do {
            return .success(try json.decode(T.self, from: Data(text.utf8)))
        } catch {
            return .failure(.malformed("not the expected JSON: \(snippet(text))"))
        }
    }

    /// The first characters of a payload, on one line, for error messages.
    static func snippet(_ text: String, limit: Int = 120) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
