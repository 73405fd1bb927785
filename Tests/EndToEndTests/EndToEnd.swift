import Testing

/// Every end-to-end suite, one test at a time. Their tests run the real binary and wait for it
/// (tmux screens, child processes, files); a waiting test holds one of the few threads the
/// in-process tests' tasks share (their loopback servers among them), so two at once could leave
/// those tasks none.
@Suite(.serialized) enum EndToEnd {}
