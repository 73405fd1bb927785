import TokenPaceCore
import TokenPaceView

/// A screen in memory for headless runs of the runtime: keys, resizes and posted messages arrive
/// at scripted instants on a `ManualClock`, and every frame is kept as text.
///
/// Once the script has run out, time goes on to `endAt`; a wait past it answers Ctrl-C, so a test
/// always ends.
public final class MemoryScreen: Screen {
    public enum Input {
        case key(Key)
        case resize(Size)
        /// Runs at its instant, e.g. posts a live report into the program's inbox.
        case run(() -> Void)
    }

    public let clock: ManualClock
    public private(set) var size: Size
    public var unicodeOK = true
    public private(set) var needsFullRedraw = true
    /// Every frame drawn, with the clock's time when it was drawn.
    public private(set) var frames: [(t: Double, buffer: Buffer)] = []
    public private(set) var started = false
    public private(set) var stopped = false
    /// When a run whose script has run out is interrupted.
    public var endAt: Double = 600
    private var script: [(t: Double, input: Input)]

    public init(size: Size, clock: ManualClock, script: [(t: Double, input: Input)] = []) {
        self.size = size
        self.clock = clock
        self.script = script.sorted { $0.t < $1.t }
    }

    /// Adds inputs to the script.
    public func schedule(_ inputs: [(t: Double, input: Input)]) {
        script = (script + inputs).sorted { $0.t < $1.t }
    }

    /// The last frame drawn as text.
    public var text: String { frames.last?.buffer.text ?? "" }

    /// The last frame drawn at or before `t`, as text.
    public func text(at t: Double) -> String {
        frames.last { $0.t <= t }?.buffer.text ?? ""
    }

    public func start() throws { started = true }
    public func stop() { stopped = true }

    public func draw(_ buffer: Buffer) {
        frames.append((clock.now(), buffer))
        needsFullRedraw = false
    }

    public func waitForInput(until deadline: Double, wake: WakePipe?) -> [Key] {
        guard let next = script.first else {
            guard deadline <= endAt else { return [.ctrlC] }
            clock.advance(to: deadline)
            return []
        }
        if next.t > deadline {
            clock.advance(to: deadline)
            return []
        }
        script.removeFirst()
        clock.advance(to: next.t)
        switch next.input {
        case .key(let key):
            return [key]
        case .resize(let newSize):
            size = newSize
            needsFullRedraw = true
            return [.resize]
        case .run(let action):
            action()
            return []
        }
    }
}
