// Render cost of one dashboard frame (CPU time), without a terminal (tokenpace-perf frames).
import Foundation
import TokenPaceCore
import TokenPaceView

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Renders the 9 × 200 tok/s race (the first reasoning sample, or the sample file at `samplePath`)
/// frame by frame from 0 to `until` seconds, as the run loop would at 120 frames a second (`TP_FPS`);
/// returns the seconds spent per frame.
func frameCost(until: Double, samplePath: String? = nil) throws -> (perFrame: Double, frames: Int) {
    let library = try SampleLibrary(directory: "Samples")
    let sample: Sample
    if let samplePath {
        sample = try SampleLibrary.load(path: samplePath)
    } else {
        guard let first = library.samples(for: .reasoning).first else { fatalError("no reasoning sample in ./Samples") }
        sample = first
    }
    let profiles = Array(repeating: Profile(rate: 200, firstToken: .fixed(0.3)), count: 9)
    let state = AppState(profiles: profiles, sample: sample, library: library.samples, seed: 1, now: 0)
    let cache = PaneTextCache()
    let size = Size(width: 120, height: 40)
    var previous = Buffer(size)
    var changed = 0
    var cellsChanged = 0
    // CPU time of this thread, so other work on the machine does not count.
    let start = threadCPU()
    var frames = 0
    let environment = ProcessInfo.processInfo.environment
    let fps = Double(environment["TP_FPS"] ?? "") ?? 120
    let countCells = environment["TP_COUNT_CELLS"] != nil
    for now in stride(from: 0.0, through: until, by: 1.0 / fps) {
        let buffer = Dashboard.render(state, size: size, now: now, cache: cache)
        // What a terminal would compare before drawing.
        if buffer != previous { changed += 1 }
        if countCells {
            cellsChanged += zip(buffer.cells, previous.cells).filter { $0 != $1 }.count
        }
        previous = buffer
        frames += 1
    }
    precondition(changed > frames / 2)
    if cellsChanged > 0 { print("cells changed a frame: \(cellsChanged / frames)") }
    return ((threadCPU() - start) / Double(frames), frames)
}

/// CPU seconds this thread has used.
func threadCPU() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func runFrames(runs: Int, samplePath: String? = nil, until: Double = 8) throws {
    var costs: [Double] = []
    for run in 1...runs {
        let r = try frameCost(until: until, samplePath: samplePath)
        costs.append(r.perFrame)
        print("run \(run): \(r.frames) frames, \(Format.fixed(r.perFrame * 1e6, 1)) µs a frame")
    }
    costs.sort()
    print("Dashboard frame, 9 panes × 200 tok/s at 120×40: median \(Format.fixed(costs[costs.count / 2] * 1e6, 1)) µs")
}
