import Foundation
import TokenPaceCore
import TokenPaceView

/// For the benchmark: how late each token reached the screen versus its schedule, frame counts.
public final class TimingLog {
    let path: String
    var shownBefore: [Int: (generation: Int, count: Int)] = [:]
    /// (pane, token, due, drawn): formatted only at the end, after the CPU time is read, so the
    /// log costs the run as little as it can.
    var rows: [(pane: Int, token: Int, due: Double, drawn: Double)] = []
    var frames = 0
    var frameCPU: [Double] = []
    var firstFrameAt: Double?

    public init(path: String) { self.path = path }

    public func frame(state: AppState, drawnAt: Double, renderedAt: Double) {
        frames += 1
        if firstFrameAt == nil { firstFrameAt = drawnAt }
        for pane in state.panes {
            let shown = pane.shownCount(elapsed: state.elapsed(pane, now: renderedAt))
            let before = shownBefore[pane.id].flatMap { $0.generation == pane.generation ? $0.count : nil } ?? 0
            if shown > before {
                for i in before..<shown {
                    let due = pane.origin + pane.schedule.times[i]
                    rows.append((pane.id, i, due, drawnAt))
                }
            }
            shownBefore[pane.id] = (pane.generation, shown)
        }
    }

    public func finish() {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let header = [
            "# frame_cpu_median_us=\(Format.fixed((frameCPU.sorted().dropFirst(frameCPU.count / 2).first ?? 0) * 1e6, 1)) frame_cpu_mean_us=\(Format.fixed(frameCPU.reduce(0, +) / Double(max(1, frameCPU.count)) * 1e6, 1))",
            "# frames=\(frames) first_frame_ms=\(Format.fixed((firstFrameAt ?? 0) * 1000, 3)) cpu_s=\(Format.fixed(cpu, 4)) maxrss_kb=\(usage.ru_maxrss)",
            "pane,token,due_ms,drawn_ms",
        ]
        let lines = rows.map {
            "\($0.pane),\($0.token),\(Format.fixed($0.due * 1000, 3)),\(Format.fixed($0.drawn * 1000, 3))"
        }
        try? (header + lines).joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }
}
