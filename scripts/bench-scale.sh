#!/usr/bin/env bash
# Scale check: `tokenpace serve` as the load target of a `bench` sweep at 1…256 concurrent streams.
# Prints, per level, the TTFT error (measured − the server's set TTFT) at p50/p99 and the spread of
# per-stream decode rates around the set rate. Build first: swift build -c release --product tokenpace
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/tokenpace}
RATE=${RATE:-50}
TTFT_MS=${TTFT_MS:-200}
TOKENS=${TOKENS:-64}
LEVELS=${LEVELS:-1,2,4,8,16,32,64,128,256}
RUNS=${RUNS:-3}
OUT=${OUT:-/tmp/tokenpace-scale.json}
LOG=$(mktemp)
"$BIN" serve --port 0 --rate "$RATE" --ttft "${TTFT_MS}ms" 2>"$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 100); do grep -q 'http://' "$LOG" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$LOG" | head -1)
"$BIN" bench --pane "openai:$URL@pace" --concurrency "$LEVELS" --runs "$RUNS" --max-tokens "$TOKENS" \
  --prompt "Say hello." --format json >"$OUT"
python3 - "$OUT" "$RATE" "$TTFT_MS" <<'PY'
import json, sys
report = json.load(open(sys.argv[1])); rate = float(sys.argv[2]); ttft = float(sys.argv[3]) / 1000
print("| streams | ok | TTFT error p50 | TTFT error p99 | decode min | decode max | worst vs set rate | throughput |")
print("|---|---|---|---|---|---|---|---|")
for level in report["levels"]:
    pane = level["panes"][0]; load = pane["load"]
    rates = [s["decode_tok_s"] for run in pane["runs"] for s in run if s["decode_tok_s"] is not None]
    worst = max(abs(r - rate) / rate for r in rates) * 100
    print(f"| {level['concurrency']} | {pane['succeeded']}/{pane['streams']} "
          f"| {(load['ttft_p50_s'] - ttft) * 1000:.2f} ms | {(load['ttft_p99_s'] - ttft) * 1000:.2f} ms "
          f"| {min(rates):.2f} | {max(rates):.2f} | {worst:.2f}% | {load['throughput_tok_s']:.0f} tok/s |")
PY
