/// What a correct client must assemble from a recorded llama-server stream (the wire tests'
/// `Fixtures/*.expected.json`, computed by `Fixtures/make-expected.py` independently of the decoders).
public struct CaptureExpected: Decodable, Sendable {
    public var status: Int
    public var text: String
    public var pieces: Int
    public var firstTokenMs: Double?
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var finishReason: String?
    public var promptMs: Double?
    public var predictedTokens: Int?
    public var errorMessage: String?
}
