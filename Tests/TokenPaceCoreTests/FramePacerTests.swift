import Testing
import TokenPaceCore

@Suite struct FramePacerTests {
    /// Frames drawn as soon as the pacer allows, each costing `cpu`; returns the pacer and the time.
    func run(_ p: inout FramePacer, frames: Int, cpu: Double, from start: Double = 0) -> Double {
        var t = start
        for _ in 0..<frames {
            p.record(cpu: cpu, at: t)
            t += p.interval
        }
        return t
    }

    @Test func unmeasuredFramesComeAtTheCap() {
        #expect(FramePacer().interval == FramePacer.minInterval)
    }

    @Test func cheapFramesKeepTheCap() {
        var p = FramePacer(budget: 0.02)
        _ = run(&p, frames: 50, cpu: 0.000_1)
        #expect(p.interval == FramePacer.minInterval)
    }

    @Test func expensiveFramesAreSpacedToTheBudget() {
        var p = FramePacer(budget: 0.02)
        let t = run(&p, frames: 200, cpu: 0.000_4)
        // Over a long run the frames use the budget: 0.4 ms every 20 ms.
        #expect(abs(p.interval - 0.02) < 1e-6)
        _ = run(&p, frames: 100, cpu: 0.01, from: t)
        #expect(p.interval == FramePacer.maxInterval)
    }

    @Test func averageUseStaysWithinTheBudget() {
        var p = FramePacer(budget: 0.02)
        let frames = 1000
        let t = run(&p, frames: frames, cpu: 0.000_3)
        // What was spent: at most the budget over the time, the reserve it started with, one frame.
        let spent = Double(frames) * 0.000_3
        #expect(spent <= 0.02 * t + p.reserve + 0.000_3)
        #expect(spent / t > 0.02 * 0.95)
    }

    @Test func savedCreditLetsAFrameComeAtItsTokenAfterAQuietSpell() {
        var p = FramePacer(budget: 0.02)
        // Frames costing 0.18 ms every 9.1 ms earn 0.182 ms each: the credit never runs out, so
        // every frame may come at the cap rather than 9 ms (0.18 ms ÷ 2%) after the last.
        var t = 0.0
        for _ in 0..<300 {
            p.record(cpu: 0.000_18, at: t)
            #expect(p.interval == FramePacer.minInterval)
            t += 0.009_1
        }
    }

    @Test func oneSlowFrameCostsAtMostOneSlowInterval() {
        var p = FramePacer(budget: 0.02)
        var t = run(&p, frames: 100, cpu: 0.000_1)
        p.record(cpu: 0.05, at: t)
        #expect(p.interval == FramePacer.maxInterval)
        t += p.interval
        p.record(cpu: 0.000_1, at: t)
        t += p.interval
        p.record(cpu: 0.000_1, at: t)
        #expect(p.interval == FramePacer.minInterval)
        p.record(cpu: .nan, at: t)
        p.record(cpu: -1, at: t)
        #expect(p.cost != nil && p.cost!.isFinite)
    }
}
