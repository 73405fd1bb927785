#!/usr/bin/env python3
"""Dashboard speed figures: token timing error, CPU use, first frame, memory.

Runs the real binary on a pseudo-terminal (120x40) with a hidden --timing-log, reads every byte it
draws, and prints medians. Usage: scripts/bench-dashboard.py [--binary PATH] [--repeat N] [--case TEXT]
"""
import argparse, fcntl, os, pty, select, statistics, struct, sys, tempfile, termios, time

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
    while time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            if first_byte is None and b"TTFT" in data:
                first_byte = time.monotonic() - t0
    _, status = os.waitpid(pid, 0)
    wall = time.monotonic() - t0
    header, errors = {}, []
    with open(log) as f:
        for line in f:
            if line.startswith("#"):
                header = dict(kv.split("=") for kv in line[1:].split())
            elif line[0].isdigit():
                _, _, due, drawn = line.strip().split(",")
                errors.append(float(drawn) - float(due))
    os.unlink(log)
    return {
        "status": os.waitstatus_to_exitcode(status), "wall": wall, "first_frame": first_byte,
        "cpu": float(header.get("cpu_s", "nan")), "rss_kb": int(header.get("maxrss_kb", "0")),
        "frames": int(header.get("frames", "0")), "errors": errors,
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
    ]
    if a.case:
        cases = [c for c in cases if a.case in c[0]]
    print(f"binary {a.binary}, {a.repeat} runs each, 120x40 pty; medians over runs\n")
    print("| case | tokens | timing error median (ms) | p99 (ms) | CPU % of one core | frames/s | first frame (ms) | max RSS (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for name, args in cases:
        runs = [run(a.binary, args) for _ in range(a.repeat)]
        bad = [r["status"] for r in runs if r["status"] != 0]
        if bad:
            sys.exit(f"{name}: exit status {bad}")
        med = statistics.median([statistics.median(r["errors"]) * 1 for r in runs])
        p99 = statistics.median([pct(r["errors"], 99) for r in runs])
        cpu = statistics.median([100 * r["cpu"] / r["wall"] for r in runs])
        fps = statistics.median([r["frames"] / r["wall"] for r in runs])
        ff = statistics.median([1000 * r["first_frame"] for r in runs if r["first_frame"]])
        rss = statistics.median([r["rss_kb"] / 1024 for r in runs])
        n = len(runs[0]["errors"])
        print(f"| {name} | {n} | {med:.3f} | {p99:.3f} | {cpu:.1f} | {fps:.0f} | {ff:.0f} | {rss:.1f} |")

if __name__ == "__main__":
    main()
