#!/usr/bin/env bash
# Scale check: `tokenpace serve` as the load target of a `bench` sweep at 1…256 concurrent streams.
# Prints two tables per sweep:
#   client-observed (bench's JSON): TTFT error (measured − the server's set TTFT) at p50/p99 and the
#     spread of per-stream decode rates around the set rate, as a user of the server sees them;
#   server-side (serve's request log): how late the server wrote each stream's first token against
#     its own plan, the worst write of a stream, the rate it sent at, and how long the level's
#     requests took to reach it (arrival spread of one run's burst): the server's pacing alone.
# Build first: swift build -c release --product tokenpace
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/tokenpace}
RATE=${RATE:-50}
TTFT_MS=${TTFT_MS:-200}
TOKENS=${TOKENS:-64}
LEVELS=${LEVELS:-1,2,4,8,16,32,64,128,256}
RUNS=${RUNS:-3}
OUT=${OUT:-/tmp/tokenpace-scale.json}
SERVER_LOG=${SERVER_LOG:-/tmp/tokenpace-scale-serve.log}
"$BIN" serve --port 0 --rate "$RATE" --ttft "${TTFT_MS}ms" 2>"$SERVER_LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q 'http://' "$SERVER_LOG" && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*/v1' "$SERVER_LOG" | head -1)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" bench --pane "openai:$URL@pace" --concurrency "$LEVELS" --runs "$RUNS" --max-tokens "$TOKENS" \
  --prompt "Say hello." --format json >"$OUT"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill $SERVER 2>/dev/null || true
wait $SERVER 2>/dev/null || true
python3 - "$OUT" "$RATE" "$TTFT_MS" "$SERVER_LOG" "$RUNS" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1])); rate = float(sys.argv[2]); ttft = float(sys.argv[3]) / 1000
runs = int(sys.argv[5])

def pct(xs, q):
    xs = sorted(xs)
    if not xs: return float("nan")
    k = (len(xs) - 1) * q; f = int(k); c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)

print("Client-observed (bench): what a user of the server sees, set-up and reading included")
print()
print("| streams | ok | TTFT error p50 | TTFT error p99 | decode min | decode max | worst vs set rate | throughput |")
print("|---|---|---|---|---|---|---|---|")
for level in report["levels"]:
    pane = level["panes"][0]; load = pane["load"]
    rates = [s["decode_tok_s"] for run in pane["runs"] for s in run if s["decode_tok_s"] is not None]
    worst = max(abs(r - rate) / rate for r in rates) * 100
    print(f"| {level['concurrency']} | {pane['succeeded']}/{pane['streams']} "
          f"| {(load['ttft_p50_s'] - ttft) * 1000:.2f} ms | {(load['ttft_p99_s'] - ttft) * 1000:.2f} ms "
          f"| {min(rates):.2f} | {max(rates):.2f} | {worst:.2f}% | {load['throughput_tok_s']:.0f} tok/s |")

# One line per finished streamed chat request, in the order they finished; a sweep's runs follow
# one another, so the lines fall into runs of `concurrency` lines, level after level.
line = re.compile(r"^(\S+) POST \S*chat\S* 200 .*pace: first token \+([\d.]+) ms, worst \+([\d.]+) ms, "
                  r"sent at ([\d.]+|—)(?: tok/s)?\s+arrived ([\d.]+)s")
records = []; seen = set()
for text in open(sys.argv[4], encoding="utf-8"):
    m = line.match(text)
    # The one-token requests that warm up a level's connections (bench sends them first) are not
    # the level's streams; they count only as having opened their connections.
    if m and not re.search(r"sent 1 tok |/1 tok ", text): records.append(m.groups() + (m.group(1) not in seen,))
    seen.add(text.split(" ", 1)[0])
print()
print("Server-side (serve's log): the server's own pacing, against its plan for each request")
print()
print("| streams | requests | first token late p50 | p99 | worst write late p99 | sent rate min | max | worst vs set | "
      "arrival spread (median run) | on a new connection |")
print("|---|---|---|---|---|---|---|---|---|---|")
i = 0
for level in report["levels"]:
    n = level["concurrency"]; group = records[i:i + n * runs]; i += n * runs
    if not group: break
    first = [float(g[1]) for g in group]; worst = [float(g[2]) for g in group]
    sent = [float(g[3]) for g in group if g[3] != "—"]
    spreads = [(max(float(g[4]) for g in group[r:r + n]) - min(float(g[4]) for g in group[r:r + n])) * 1000
               for r in range(0, len(group), n)]
    new = sum(1 for g in group if g[5])
    off = max(abs(r - rate) / rate for r in sent) * 100 if sent else float("nan")
    print(f"| {n} | {len(group)} | {pct(first, .5):.2f} ms | {pct(first, .99):.2f} ms | {pct(worst, .99):.2f} ms "
          f"| {min(sent):.2f} | {max(sent):.2f} | {off:.2f}% | {pct(spreads, .5):.2f} ms | {new} |")
if i != len(records):
    print(f"\n(note: {len(records)} streamed requests in the server log, {i} expected from the levels)")
PY
