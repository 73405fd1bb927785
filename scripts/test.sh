#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, then runs every test.
#
#   bash scripts/test.sh            all tests, with a real llama.cpp server for the live tests
#   TOKENPACE_NO_LIVE=1 bash ...    skip building/starting the llama.cpp server (live tests skip)
#
# The llama.cpp build (about 16 minutes on 2 cores, once per machine) runs in the background while
# Swift builds; it is cached under ~/.cache/tokenpace-llm.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c "import openai, ollama" 2>/dev/null || python3 -m pip install -q openai ollama >&2

server_log=$(mktemp)
if [ -z "${TOKENPACE_NO_LIVE:-}" ]; then
  (bash scripts/llama-server.sh start >"$server_log" 2>&1 || echo "FAILED" >>"$server_log") &
  server_job=$!
fi

swift build

if [ -z "${TOKENPACE_NO_LIVE:-}" ]; then
  echo "waiting for the llama.cpp server (first run on a machine builds it)..." >&2
  wait "$server_job" || true
  if grep -q FAILED "$server_log"; then
    cat "$server_log" >&2
    echo "llama.cpp server did not start: live tests will be skipped" >&2
  else
    export TOKENPACE_LIVE_URL="$(tail -n 1 "$server_log")"
    echo "live tests against $TOKENPACE_LIVE_URL" >&2
  fi
fi

python3 scripts/test-serve-clients.py --binary .build/debug/tokenpace
swift test
