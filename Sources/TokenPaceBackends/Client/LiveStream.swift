import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import TokenPaceCore
import TokenPaceWire

/// One pane's request to a live backend and the stream of what comes back.
///
/// A value, so "restart" re-sends exactly the same request. Each call to `events` sends it anew;
/// t = 0 is the instant the request is handed to the HTTP client (or the instant the caller passes,
/// so all panes of a race share one origin). Every token's `t` is taken when its bytes arrived.
/// A llama.cpp native pane first has the server apply the model's chat template
/// (`POST /apply-template`); that round trip is part of its time to first token.
public struct LiveStream: Sendable {
    public var spec: BackendSpec
    public var messages: [ChatMessage]
    public var options: StreamOptions

    public init(spec: BackendSpec, messages: [ChatMessage], options: StreamOptions = StreamOptions()) {
        self.spec = spec
        self.messages = messages
        self.options = options
    }

    public init(spec: BackendSpec, prompt: String, options: StreamOptions = StreamOptions()) {
        self.init(spec: spec, messages: [.user(prompt)], options: options)
    }

    /// Sends the request and streams its events. The stream always ends with `.finished` or
    /// `.failed`, unless the consumer stops first: cancelling the consuming task (or dropping the
    /// iterator) cancels the HTTP request at once.
    ///
    /// Use a client with `.liveBackends` settings (`HTTPClient.makeForLiveBackends()`); with AHC's
    /// defaults a refused connection or unknown host surfaces only as a first-byte timeout.
    ///
    /// `timesFrom`: an earlier instant token times count from (a staged pane's answer request,
    /// timed from its outline request); the timeouts still count from `start`.
    public func events(
        client: HTTPClient, start: ContinuousClock.Instant? = nil, timesFrom: ContinuousClock.Instant? = nil
    ) -> AsyncStream<BackendEvent> {
        AsyncStream { continuation in
            let task = Task {
                await run(client: client, start: start, timesFrom: timesFrom, continuation: continuation)
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private enum Outcome: Sendable {
        case done
        case cancelled
        case failed(BackendError)
    }

    private func run(
        client: HTTPClient, start: ContinuousClock.Instant?, timesFrom: ContinuousClock.Instant?,
        continuation: AsyncStream<BackendEvent>.Continuation
    ) async {
        // Built before the clock starts, so a bad spec fails at once; sent after it.
        let first: BackendRequest
        do {
            first =
                spec.appliesChatTemplate
                ? try spec.templateRequest(messages: messages, environment: options.environment)
                : try spec.request(messages: messages, environment: options.environment)
        } catch {
            continuation.yield(.failed(error))
            return
        }
        let hasKey = (try? spec.apiKey(environment: options.environment)) != nil
        let t0 = start ?? ContinuousClock.now
        let watchdog = StreamWatchdog(start: t0, options: options)
        let outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                await read(
                    first, hasKey: hasKey, client: client, t0: timesFrom ?? t0, watchdog: watchdog, to: continuation)
            }
            group.addTask {
                guard let timeout = await watchdog.run() else { return .cancelled }
                return .failed(timeout)
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
        if case .failed(let error) = outcome, !Task.isCancelled {
            continuation.yield(.failed(error))
        }
    }

    /// `first` is the streaming request, or the chat template's (`appliesChatTemplate`).
    private func read(
        _ first: BackendRequest, hasKey: Bool, client: HTTPClient, t0: ContinuousClock.Instant,
        watchdog: StreamWatchdog, to continuation: AsyncStream<BackendEvent>.Continuation
    ) async -> Outcome {
        var request = first
        var responseStarted = false
        do {
            if spec.appliesChatTemplate {
                switch try await applyTemplate(first, hasKey: hasKey, client: client) {
                case .success(let completion): request = completion
                case .failure(let error): return .failed(error)
                }
            }
            options.capture?.sent(request)
            let response = try await execute(request, client: client)
            responseStarted = true
            options.capture?.responded(
                status: Int(response.status.code), contentType: response.headers.first(name: "content-type"))
            guard (200..<300).contains(response.status.code) else {
                let body = try await response.body.collect(upTo: 1 << 20)
                options.capture?.read(body, at: StreamWatchdog.seconds(ContinuousClock.now - t0))
                options.capture?.ended()
                return .failed(httpError(status: Int(response.status.code), body: String(buffer: body), hasKey: hasKey))
            }
            // Fed per socket read, as `DecodedStream` feeds a capture: a saved pane decodes the same.
            var decoder = spec.kind.makeDecoder()
            var t = 0.0
            for try await buffer in response.body {
                let now = ContinuousClock.now
                watchdog.bytesArrived(at: now)
                t = StreamWatchdog.seconds(now - t0)
                options.capture?.read(buffer, at: t)
                for event in decoder.feed(buffer.readableBytesView, at: t) {
                    continuation.yield(event)
                    if event.isTerminal { return .done }
                }
            }
            options.capture?.ended()
            for event in decoder.finish(at: t) { continuation.yield(event) }
            return .done
        } catch {
            if Task.isCancelled { return .cancelled }
            return .failed(.transport(error, url: request.url, responseStarted: responseStarted))
        }
    }

    /// Sends one request and waits for its head. Timeouts are the watchdog's job: AHC's deadline
    /// would also cut off a long, healthy body.
    private func execute(_ request: BackendRequest, client: HTTPClient) async throws -> HTTPClientResponse {
        var http = HTTPClientRequest(url: request.url)
        http.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        http.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            return try await client.execute(http, deadline: .distantFuture)
        } catch  where Self.closedBeforeReply(error) && !Task.isCancelled {
            // A kept-alive connection the server closed just as it was reused (llama.cpp closes
            // one after every stream): nothing came back, so send once more on a new connection.
            // A server that really resets every connection fails the second time too.
            return try await client.execute(http, deadline: .distantFuture)
        }
    }

    /// llama.cpp's chat template step: the messages in the model's template, as the completion
    /// request to stream. A refusal is the pane's failure, in the server's words.
    private func applyTemplate(_ template: BackendRequest, hasKey: Bool, client: HTTPClient) async throws -> Result<
        BackendRequest, BackendError
    > {
        let response = try await execute(template, client: client)
        let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            var words = "applying the chat template (POST /apply-template)"
            if case .http(_, let message?) = httpError(status: status, body: body, hasKey: hasKey) {
                words += ": " + message
            }
            if status == 404 { words += "; for text without a template, end the spec with @raw" }
            return .failure(.http(status: status, message: words))
        }
        do {
            let prompt = try BackendSpec.templatedPrompt(in: body)
            return .success(try spec.request(messages: messages, prompt: prompt, environment: options.environment))
        } catch {
            return .failure(error)
        }
    }

    /// Whether a request failed because its connection was already closed, before any reply.
    static func closedBeforeReply(_ error: any Error) -> Bool {
        switch error {
        case let e as HTTPClientError: return e == .remoteConnectionClosed
        case let e as ChannelError:
            if case .ioOnClosedChannel = e { return true }
            if case .eof = e { return true }
            return false
        default: return false
        }
    }

    private func httpError(status: Int, body: String, hasKey: Bool) -> BackendError {
        var message = ServerErrorBody.message(in: body)
        if status == 401 || status == 403, let source = spec.apiKeySourceName {
            let hint = hasKey ? "check the key in \(source)" : "no API key: set \(source)"
            message = message.map { "\($0) (\(hint))" } ?? hint
        }
        return .http(status: status, message: message)
    }
}
