#!/usr/bin/env python3
"""Measure what a real client sees from `tokenpace serve`: TTFT and decode rate with the official
`openai` client, over several runs, as medians. TTFT counts from the moment the request is sent
(an httpx event hook), as DESIGN §2 defines it, so the client's own set-up is left out. Targets: TTFT within ±5 ms of --ttft, rate within
±1% of --rate. A benchmark, not a test: it prints figures and says whether they are in target.

usage: scripts/bench-serve.py [--rate 21] [--ttft 0.5] [--runs 5] [--url URL | --binary PATH]
needs: pip install openai
"""
import argparse, contextlib, tempfile, os, socket, statistics, subprocess, sys, time, urllib.request

import httpx
import openai

# --- start `tokenpace serve` on a free port, or use a running one ---

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(url, binary, serve_args):
    """Yield a base URL (http://host:port). With --url, use that server; else start BINARY serve."""
    if url:
        yield url.rstrip("/")
        return
    port = free_port()
    cmd = [binary, "serve", "--port", str(port)] + serve_args
    log = tempfile.TemporaryFile(mode="w+")  # the per-request log; a pipe nobody reads could fill up
    proc = subprocess.Popen(cmd, stderr=log, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(base + "/v1/models", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    sys.exit(f"tokenpace serve did not start: {' '.join(cmd)}\n{log.read()}")
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


def default_binary():
    """The release build when there is one (it is what timing should be judged on), else debug."""
    here = os.path.dirname(os.path.abspath(__file__))
    release = os.path.join(here, "..", ".build", "release", "tokenpace")
    return release if os.path.exists(release) else os.path.join(here, "..", ".build", "debug", "tokenpace")


sent = []


def on_request(request):
    """httpx hook: the moment the request goes out, so the client's own set-up is not counted."""
    sent.append(time.perf_counter())


def one_run(client):
    sent.clear()
    stream = client.chat.completions.create(model="tokenpace", stream=True,
                                            messages=[{"role": "user", "content": "Go."}])
    t0 = sent[-1]
    times = []
    for chunk in stream:
        if not chunk.choices:
            continue
        d = chunk.choices[0].delta
        if d.content or (d.model_extra or {}).get("reasoning_content"):
            times.append(time.perf_counter() - t0)
    ttft = times[0]
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else float("nan")
    return ttft, rate, len(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rate", type=float, default=21.0)
    ap.add_argument("--ttft", type=float, default=0.5, help="seconds")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--url", help="a running tokenpace serve started with the same --rate/--ttft")
    ap.add_argument("--binary", default=default_binary())
    args = ap.parse_args()
    serve_args = ["--rate", str(args.rate), "--ttft", f"{args.ttft}s"]
    with server(args.url, args.binary, serve_args) as base:
        http = httpx.Client(event_hooks={"request": [on_request]}, timeout=120)
        client = openai.OpenAI(base_url=base + "/v1", api_key="not-needed", max_retries=0, http_client=http)
        one_run(client)  # warm-up: connection and client set-up are not the server's pace
        ttfts, rates = [], []
        for i in range(args.runs):
            ttft, rate, n = one_run(client)
            ttfts.append(ttft)
            rates.append(rate)
            print(f"run {i + 1}: TTFT {ttft * 1000:8.2f} ms   rate {rate:8.3f} tok/s   {n} tokens")
    ttft_m = statistics.median(ttfts)
    rate_m = statistics.median(rates)
    ttft_err = (ttft_m - args.ttft) * 1000
    rate_err = (rate_m - args.rate) / args.rate * 100
    ttft_ok = abs(ttft_err) <= 5
    rate_ok = abs(rate_err) <= 1
    print(f"\nmedian TTFT {ttft_m * 1000:.2f} ms (target {args.ttft * 1000:.0f} ms, {ttft_err:+.2f} ms) "
          f"{'in target' if ttft_ok else 'OUT OF TARGET'} (±5 ms)")
    print(f"median rate {rate_m:.3f} tok/s (target {args.rate:g}, {rate_err:+.3f}%) "
          f"{'in target' if rate_ok else 'OUT OF TARGET'} (±1%)")
    sys.exit(0 if ttft_ok and rate_ok else 1)


if __name__ == "__main__":
    main()
