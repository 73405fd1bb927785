import Foundation
import TokenPaceCore
import TokenPaceView

/// A screen's state and rules, Bubble Tea style: `update` is pure and says what should happen as
/// commands (data); the `Program` carries them out. The dashboard and the perception session are
/// both models.
public protocol ProgramModel {
    /// What other threads post (live reports).
    associatedtype Message: Sendable
    /// A side effect the model asks for (send requests, write a file).
    associatedtype Command

    /// The whole screen at `now`.
    func render(size: Size, now: Double, options: ViewOptions) -> Buffer
    /// When the screen next changes by itself (a token or a clock digit falls due), nil if never.
    func nextWake(after t: Double) -> Double?
    mutating func update(_ event: ProgramEvent<Message>, context: ProgramContext) -> [ProgramCommand<Command>]
    /// Checked after each frame: an exit code ends the program (e.g. every pane finished).
    func exitCode(now: Double) -> Int32?
}

extension ProgramModel {
    public func exitCode(now: Double) -> Int32? { nil }
}

/// Where and when an event is handled.
public struct ProgramContext: Sendable {
    public var size: Size
    public var now: Double
    public var options: ViewOptions

    public init(size: Size, now: Double, options: ViewOptions) {
        self.size = size
        self.now = now
        self.options = options
    }
}

public enum ProgramEvent<Message> {
    case key(Key)
    case message(Message)
}

public enum ProgramCommand<Command> {
    /// End the program with this exit code (0 for `q`, 130 for Ctrl-C, as shells expect).
    case quit(Int32)
    case perform(Command)
}

/// What carrying out a command led to.
public enum CommandOutcome<Message> {
    /// Go on; these messages go to the model at once (e.g. "saved 3 traces").
    case messages([Message])
    /// End the program: the screen is restored first, then `message` goes to stderr.
    case stop(code: Int32, message: String?)
}

/// The one run loop: sleeps until the next due frame, a key, a resize or a posted message; updates
/// the model; renders; draws. Frames come at most 120 a second, fewer when they are expensive
/// (`FramePacer`). It is the only place that reads the clock, and it hands `now` to the model.
public final class Program<Model: ProgramModel> {
    public private(set) var model: Model
    public let screen: any Screen
    public let clock: any ProgramClock
    public let inbox = Inbox<Model.Message>()
    /// Carries out a model's command.
    public var perform: (Model.Command, inout Model) -> CommandOutcome<Model.Message> = { _, _ in .messages([]) }
    /// Called after each frame is drawn (renderedAt, drawnAt, CPU of the previous frame if measured).
    public var onFrame: ((Model, Double, Double, Double?) -> Void)?
    /// Called once when the loop ends, before the screen is restored.
    public var onExit: (() -> Void)?
    /// CPU seconds this thread has used; injected so tests do not depend on the machine.
    public var cpuTime: () -> Double = ThreadCPU.seconds
    public var ascii = false

    public init(model: Model, screen: any Screen, clock: any ProgramClock) {
        self.model = model
        self.screen = screen
        self.clock = clock
    }

    /// Runs until the model quits; returns the exit code. The screen is always given back.
    public func run() -> Int32 {
        do {
            try screen.start()
        } catch {
            FileHandle.standardError.write(Data("tokenpace: \(error)\n".utf8))
            return 2
        }
        var stopMessage: String?
        let code = loop(stopMessage: &stopMessage)
        onExit?()
        screen.stop()
        if let stopMessage { FileHandle.standardError.write(Data((stopMessage + "\n").utf8)) }
        return code
    }

    private func loop(stopMessage: inout String?) -> Int32 {
        let options = ViewOptions(ascii: ascii || !screen.unicodeOK)
        var pacer = FramePacer()
        var lastFrame = -Double.infinity
        var frameCPU: Double?
        var nextFrame = -Double.infinity
        var wanted = true  // a key, a resize or a message asks for a frame
        var messaged = false

        func context(_ now: Double? = nil) -> ProgramContext {
            ProgramContext(size: screen.size, now: now ?? clock.now(), options: options)
        }

        func apply(_ commands: [ProgramCommand<Model.Command>]) -> Int32? {
            for command in commands {
                switch command {
                case .quit(let code):
                    return code
                case .perform(let c):
                    switch perform(c, &model) {
                    case .messages(let messages):
                        for m in messages {
                            if let code = apply(model.update(.message(m), context: context())) { return code }
                        }
                    case .stop(let code, let message):
                        stopMessage = message
                        return code
                    }
                }
            }
            return nil
        }

        while true {
            let messages = inbox.drain()
            if !messages.isEmpty {
                messaged = true
                let now = clock.now()
                for m in messages {
                    if let code = apply(model.update(.message(m), context: context(now))) { return code }
                }
            }
            let t = clock.now()
            let paced = t >= lastFrame + pacer.interval
            if wanted || (paced && (messaged || t >= nextFrame)) {
                wanted = false
                messaged = false
                // What the last frame and everything since cost this thread; sleeping costs nothing.
                let cpu = cpuTime()
                let spent = frameCPU.map { cpu - $0 }
                if let spent { pacer.record(cpu: spent, at: t) }
                let buffer = model.render(size: screen.size, now: t, options: options)
                frameCPU = screen.needsFullRedraw ? nil : cpu
                screen.draw(buffer)
                onFrame?(model, t, clock.now(), spent)
                lastFrame = t
                if let code = model.exitCode(now: t) { return code }
                nextFrame = max(model.nextWake(after: t) ?? (t + 1), lastFrame + pacer.interval)
            }
            let wake = messaged ? lastFrame + pacer.interval : nextFrame
            let keys = screen.waitForInput(until: wake, wake: inbox.wake)
            wanted = !keys.isEmpty
            for key in keys {
                if let code = apply(model.update(.key(key), context: context())) { return code }
            }
        }
    }
}

/// CPU seconds the calling thread has used (sleeping costs nothing): what a frame really cost.
public enum ThreadCPU {
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
