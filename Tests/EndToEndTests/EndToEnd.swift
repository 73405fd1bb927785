import Testing

/// Every end-to-end suite, one test at a time, each on the main actor. Their tests run the real
/// binary and wait for it (tmux screens, child processes, files); waiting on one of the few
/// threads the in-process tests' tasks share (their loopback servers among them) would leave those
/// tasks fewer, so they wait on the main thread instead.
@Suite(.serialized) enum EndToEnd {}
