import Glibc
import Testing

@testable import TokenPaceTerminal

@Suite(.serialized) struct SignalPipeTests {
    @Test func signalBecomesAPipeByte() {
        let pipe = SignalPipe()
        pipe.install([SIGUSR2])
        defer { pipe.uninstall() }
        #expect(pipe.drain().isEmpty)
        // Test threads block signals; unblocked and sent to this thread, the signal is handled
        // before pthread_kill returns.
        var set = sigset_t()
        var oldMask = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGUSR2)
        pthread_sigmask(SIG_UNBLOCK, &set, &oldMask)
        pthread_kill(pthread_self(), SIGUSR2)
        pthread_kill(pthread_self(), SIGUSR2)
        pthread_sigmask(SIG_SETMASK, &oldMask, nil)
        #expect(pipe.drain() == [SIGUSR2, SIGUSR2])
        #expect(pipe.drain().isEmpty)
    }

    @Test func uninstallPutsTheOldDispositionBack() {
        var before = sigaction()
        sigaction(SIGUSR2, nil, &before)
        let pipe = SignalPipe()
        pipe.install([SIGUSR2])
        var during = sigaction()
        sigaction(SIGUSR2, nil, &during)
        #expect(unsafeBitCast(during.__sigaction_handler.sa_handler, to: Int.self) > 1)
        pipe.uninstall()
        var after = sigaction()
        sigaction(SIGUSR2, nil, &after)
        #expect(
            unsafeBitCast(after.__sigaction_handler.sa_handler, to: Int.self)
                == unsafeBitCast(before.__sigaction_handler.sa_handler, to: Int.self))
    }

    @Test func ignoredSignalStaysIgnored() {
        let old = signal(SIGUSR2, SIG_IGN)
        defer { signal(SIGUSR2, old) }
        let pipe = SignalPipe()
        pipe.install([SIGUSR2])
        defer { pipe.uninstall() }
        var now = sigaction()
        sigaction(SIGUSR2, nil, &now)
        #expect(unsafeBitCast(now.__sigaction_handler.sa_handler, to: Int.self) == 1)
    }
}
