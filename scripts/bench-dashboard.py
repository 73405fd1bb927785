#!/usr/bin/env python3
"""Dashboard speed figures: token timing error, CPU use, first frame, memory.

Runs the real binary on a pseudo-terminal (120x40) with a hidden --timing-log, reads every byte it
draws, and prints medians. CPU is measured from outside the process: the whole run from the child's
rusage (wait4), and the steady state from /proc/PID/stat while it streams, from 2 s after the start
to 1 s before it exits (leaving out loading, the first frames and writing the timing log at the end).
Usage: scripts/bench-dashboard.py [--binary PATH] [--repeat N] [--case TEXT]
"""
import argparse, fcntl, os, pty, select, shutil, statistics, struct, sys, tempfile, termios, time

STEADY_FROM = 2.0  # seconds after the start: the first frames and loading the samples are over
STEADY_UNTIL = 1.0  # seconds before the end: the last tokens are drawn and the timing log written

def cpu_ticks(pid):
    """utime + stime of a running process in seconds, from /proc (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

def long_sample(tokens=5000):
    """A long code answer (prose, lists and fenced code in turn) written to a temp file in the
    Samples/README.md format: about `tokens` tokens of the heuristic tokenizer (`tokenpace samples`
    with TOKENPACE_SAMPLES set to the file's folder prints the exact count)."""
    prose = (
        "Section {n} looks at how the limiter behaves when requests arrive in bursts. The bucket starts "
        "full, so the first burst goes through at once; after that, each request waits for the refill, "
        "and the wait grows with the size of the burst. Passing the time in keeps every test fast and "
        "exact: a test moves the clock forward by any amount without sleeping, and checks the answer."
    )
    bullets = (
        "- capacity {n}: the largest burst allowed at once\n"
        "- rate {n}.5 per second: how fast the bucket refills\n"
        "- cost: what one request takes, 1 unless it says otherwise"
    )
    code = (
        "```swift\n"
        "func testBurst{n}() {{\n"
        "    var bucket = TokenBucket(capacity: {n}, rate: 2.5, now: 0)\n"
        "    for _ in 0..<{n} {{ XCTAssertTrue(bucket.allow(now: 0)) }}\n"
        "    XCTAssertFalse(bucket.allow(now: 0))\n"
        "    // After 0.4 s one more request fits: 0.4 × 2.5 = 1 token.\n"
        "    XCTAssertTrue(bucket.allow(now: 0.4))\n"
        "}}\n"
        "```"
    )
    parts = []
    # About 243 tokens a round (prose, list and code); 21 rounds make 5,100.
    for n in range(1, -(-tokens // 243) + 1):
        parts += [prose.format(n=n), bullets.format(n=n), code.format(n=n)]
    body = "\n\n".join(parts)
    text = (
        "---\ntask: code\ntitle: Long answer (benchmark)\n"
        "prompt: Explain how to test a token bucket rate limiter, with many examples.\n---\n" + body + "\n"
    )
    folder = tempfile.mkdtemp(prefix="tokenpace-bench-")
    path = os.path.join(folder, "code-long-answer.md")
    with open(path, "w") as f:
        f.write(text)
    return path

def run(binary, args, cols=120, rows=40, timeout=120):
    log = tempfile.NamedTemporaryFile(suffix=".csv", delete=False).name
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary] + args + ["--exit-when-done", "--timing-log", log])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    first_byte = None
    deadline = t0 + timeout
    readings = []  # (time, cpu seconds) from STEADY_FROM on
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        now, cpu = time.monotonic(), cpu_ticks(pid)
        if cpu is not None and now - t0 >= STEADY_FROM:
            readings.append((now, cpu))
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            if first_byte is None and b"TTFT" in data:
                first_byte = time.monotonic() - t0
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - t0
    steady = float("nan")
    kept = [x for x in readings if readings and x[0] <= readings[-1][0] - STEADY_UNTIL]
    if len(kept) > 1 and kept[-1][0] - kept[0][0] >= 1:
        steady = (kept[-1][1] - kept[0][1]) / (kept[-1][0] - kept[0][0])
    header, errors = {}, []
    with open(log) as f:
        for line in f:
            if line.startswith("#"):
                header.update(kv.split("=") for kv in line[1:].split())
            elif line[0].isdigit():
                _, _, due, drawn = line.strip().split(",")
                errors.append(float(drawn) - float(due))
    os.unlink(log)
    return {
        "status": os.waitstatus_to_exitcode(status), "wall": wall, "first_frame": first_byte,
        "cpu": usage.ru_utime + usage.ru_stime, "steady_cpu": steady, "rss_kb": usage.ru_maxrss,
        "frames": int(header.get("frames", "0")), "errors": errors,
        "frame_cpu_us": float(header.get("frame_cpu_median_us", "nan")),
    }

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p / 100 * len(xs)))] if xs else float("nan")

def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--binary", default=".build/release/tokenpace")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--case", help="only the cases whose name contains this text")
    a = ap.parse_args()
    if not os.path.exists(a.binary):
        sys.exit(f"{a.binary} not found: run `swift build -c release` first")
    cases = [
        ("1 pane, 20 tok/s", ["--rates", "20", "--ttft", "0.3s", "--task", "code"]),
        ("1 pane, 5000 tok/s", ["--rates", "5000", "--ttft", "0.3s", "--task", "reasoning"]),
        ("9 panes, 200 tok/s", ["--rates", ",".join(["200"] * 9), "--ttft", "0.3s", "--task", "reasoning"]),
        # A recorded llama-server stream replayed as it arrived: error is drawn minus the trace's own time.
        ("1 trace pane, llama-server code", ["--pane", "trace:Samples/traces/llama-server-openai-chat-code.jsonl"]),
        # A long answer: the per-token and per-frame work must not grow with what is already shown.
        ("9 panes, 200 tok/s, 5,000-token answer",
         ["--rates", ",".join(["200"] * 9), "--ttft", "0.3s", "--sample", "{long_sample}"]),
    ]
    if a.case:
        cases = [c for c in cases if a.case in c[0]]
    if any("{long_sample}" in c[1] for c in cases):
        path = long_sample()
        cases = [(name, [path if x == "{long_sample}" else x for x in args]) for name, args in cases]
        try:
            measure(a, cases)
        finally:
            shutil.rmtree(os.path.dirname(path))
    else:
        measure(a, cases)

def measure(a, cases):
    print(f"binary {a.binary}, {a.repeat} runs each, 120x40 pty; medians over runs\n")
    print("| case | tokens | timing error median (ms) | p99 (ms) | CPU % of one core | steady CPU % | frames/s "
          "| frame CPU median (µs) | first frame (ms) | max RSS (MB) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, args in cases:
        runs = [run(a.binary, args) for _ in range(a.repeat)]
        bad = [r["status"] for r in runs if r["status"] != 0]
        if bad:
            sys.exit(f"{name}: exit status {bad}")
        med = statistics.median([statistics.median(r["errors"]) * 1 for r in runs])
        p99 = statistics.median([pct(r["errors"], 99) for r in runs])
        cpu = statistics.median([100 * r["cpu"] / r["wall"] for r in runs])
        steady = statistics.median([100 * r["steady_cpu"] for r in runs])
        fps = statistics.median([r["frames"] / r["wall"] for r in runs])
        fcpu = statistics.median([r["frame_cpu_us"] for r in runs])
        ff = statistics.median([1000 * r["first_frame"] for r in runs if r["first_frame"]])
        rss = statistics.median([r["rss_kb"] / 1024 for r in runs])
        n = len(runs[0]["errors"])
        print(f"| {name} | {n} | {med:.3f} | {p99:.3f} | {cpu:.1f} | {steady:.1f} | {fps:.0f} | {fcpu:.0f} | {ff:.0f} | {rss:.1f} |")

if __name__ == "__main__":
    main()
