import Testing
import TokenPaceCore

@Suite struct FramePacerTests {
    @Test func unmeasuredFramesComeAtTheCap() {
        #expect(FramePacer().interval == FramePacer.minInterval)
    }

    @Test func cheapFramesKeepTheCap() {
        var p = FramePacer(budget: 0.02)
        for _ in 0..<50 { p.record(cpu: 0.000_1) }
        #expect(p.interval == FramePacer.minInterval)
    }

    @Test func expensiveFramesAreSpacedToTheBudget() {
        var p = FramePacer(budget: 0.02)
        for _ in 0..<100 { p.record(cpu: 0.000_4) }
        #expect(abs(p.interval - 0.02) < 1e-6)
        for _ in 0..<100 { p.record(cpu: 0.01) }
        #expect(p.interval == FramePacer.maxInterval)
    }

    @Test func oneSlowFrameDoesNotStallTheNext() {
        var p = FramePacer(budget: 0.02)
        for _ in 0..<100 { p.record(cpu: 0.000_1) }
        p.record(cpu: 0.005)
        #expect(p.interval < 0.06 && p.interval <= FramePacer.maxInterval)
        p.record(cpu: .nan)
        p.record(cpu: -1)
        #expect(p.cost != nil && p.cost!.isFinite)
    }
}
