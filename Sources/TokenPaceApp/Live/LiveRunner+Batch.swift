import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// Which item of a live batch pane a report is about.
public struct LiveItem: Sendable, Equatable {
    public var index: Int
    public var slot: Int
    /// Set on the report that says the item's request went out: seconds since the batch started,
    /// and the prompt's estimated size.
    public var sent: Double?
    public var promptTokens: Int

    public init(index: Int, slot: Int, sent: Double? = nil, promptTokens: Int = 0) {
        self.index = index
        self.slot = slot
        self.sent = sent
        self.promptTokens = promptTokens
    }
}

extension LiveRunner {
    /// Works a live batch pane's queue: `slots` workers, each sending the next item's request as soon
    /// as its last one ended — a real batch of concurrent requests to the backend. Token times count
    /// from `instant`, the batch's start, so every item lines up on the pane's clock.
    func startBatch(_ run: LiveRun, _ batch: BatchRequests, spec: BackendSpec, at instant: ContinuousClock.Instant) {
        tasks[run.paneID]?.cancel()
        lock.withLock { _ = running.insert(run.paneID) }
        let system = HiddenInstructions.text(tokens: run.systemTokens).map { [ChatMessage.system($0)] } ?? []
        let options = self.options
        let client = self.client
        let post = self.post
        let queue = ItemQueue(count: batch.count)
        tasks[run.paneID] = Task.detached { [weak self] in
            await withTaskGroup(of: Void.self) { group in
                for slot in 0..<max(1, min(batch.slots, batch.count)) {
                    group.addTask {
                        while !Task.isCancelled {
                            // Taking an item and saying it went out happen together, so the pane hears of
                            // items in queue order.
                            guard
                                let item = queue.next({ index in
                                    let job = index % batch.prompts.count
                                    let sent = Double((ContinuousClock.now - instant) / .milliseconds(1)) / 1000
                                    post(
                                        LiveReport(
                                            run: run, event: .finished(reason: nil),
                                            item: LiveItem(
                                                index: index, slot: slot, sent: sent,
                                                promptTokens: batch.promptTokens[job])))
                                })
                            else { return }
                            let prompt = batch.prompts[item % batch.prompts.count]
                            let stream = LiveStream(spec: spec, messages: system + [.user(prompt)], options: options)
                            for await event in stream.events(client: client, start: instant) {
                                if Task.isCancelled { return }
                                post(LiveReport(run: run, event: event, item: LiveItem(index: item, slot: slot)))
                            }
                        }
                    }
                }
            }
            self?.lock.withLock { _ = self?.running.remove(run.paneID) }
        }
    }

    /// Feeds a batch item's report to its pane; a request that ends or fails does so at `now` (or the
    /// pane's last token, if later).
    static func applyItem(_ report: LiveReport, _ item: LiveItem, to state: inout AppState, now: Double) {
        let run = report.run
        let feed: ItemFeed
        if let sent = item.sent {
            feed = .sent(slot: item.slot, at: sent, promptTokens: item.promptTokens)
        } else {
            guard case .answer(let event) = report.event else { return }
            feed = .event(Self.feed(event, pane: state.panes.first { $0.id == run.paneID }, now: now))
        }
        reduce(
            &state, .feedItem(paneID: run.paneID, generation: run.generation, item: item.index, feed: feed), now: now)
    }
}

/// The next item of a batch queue, handed to one worker at a time.
final class ItemQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int

    init(count: Int) { self.count = count }

    /// The next item's index (after `taken` ran with it, under the lock), or nil when the queue is empty.
    func next(_ taken: (Int) -> Void) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            let i = next
            next += 1
            taken(i)
            return i
        }
    }
}
