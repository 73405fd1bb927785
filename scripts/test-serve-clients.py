#!/usr/bin/env python3
"""Check `tokenpace serve` with the official `openai` and `ollama` Python clients: content and
shape, not timing (timing is bench-serve.py's job).

usage: scripts/test-serve-clients.py [--url http://127.0.0.1:8089 | --binary .build/debug/tokenpace]
needs: pip install openai ollama
Exits 1 if any check fails.
"""
import argparse, contextlib, tempfile, json, os, socket, subprocess, sys, time, urllib.error, urllib.request

import ollama
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

failures = []


def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else f"  ({detail})"))
    if not ok:
        failures.append(name)


def raw(base, method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=body.encode() if body else None,
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def openai_checks(base):
    client = openai.OpenAI(base_url=base + "/v1", api_key="not-needed")
    models = [m.id for m in client.models.list()]
    check("openai: models.list names the model", models == ["tokenpace"], models)
    one = client.models.retrieve("tokenpace")
    check("openai: models.retrieve returns the model", one.id == "tokenpace" and one.object == "model", one)
    try:
        client.chat.completions.create(model="tokenpace", messages=[{"role": "user", "content": "hi"}], max_tokens=-1)
        check("openai: max_tokens -1 raises BadRequestError", False, "no error")
    except openai.BadRequestError as e:
        body = e.body if isinstance(e.body, dict) else {}
        check("openai: max_tokens -1 raises BadRequestError with the JSON message",
              "max_tokens" in str(body.get("message", "")), e.body)

    messages = [{"role": "user", "content": "Say something at a steady pace."}]
    stream = client.chat.completions.create(model="tokenpace", messages=messages, stream=True,
                                            stream_options={"include_usage": True})
    chunks = list(stream)
    check("openai: stream has chunks", len(chunks) > 3, len(chunks))
    first = chunks[0].choices[0].delta
    check("openai: first chunk carries the role only", first.role == "assistant" and not first.content, first)
    content, reasoning, pieces, finish, usage = "", "", 0, None, None
    for c in chunks:
        check_ids = c.id == chunks[0].id and c.object == "chat.completion.chunk"
        if not check_ids:
            check("openai: every chunk has one id and object chat.completion.chunk", False, c)
        if c.usage is not None:
            usage = c.usage
        if not c.choices:
            continue
        d = c.choices[0].delta
        r = (d.model_extra or {}).get("reasoning_content")
        if d.content:
            content += d.content
            pieces += 1
        if r:
            reasoning += r
            pieces += 1
        if c.choices[0].finish_reason:
            finish = c.choices[0].finish_reason
    check("openai: streamed answer text", len(content) > 20, content)
    check("openai: reasoning_content deltas", len(reasoning) > 0, reasoning)
    check("openai: finish_reason stop", finish == "stop", finish)
    check("openai: usage chunk last, with empty choices", chunks[-1].choices == [] and usage is not None, chunks[-1])
    check("openai: usage counts every streamed token", usage is not None and usage.completion_tokens == pieces,
          (usage, pieces))

    no_usage = list(client.chat.completions.create(model="tokenpace", messages=messages, stream=True))
    check("openai: no usage chunk unless asked", all(c.usage is None for c in no_usage))

    whole = client.chat.completions.create(model="tokenpace", messages=messages)
    check("openai: non-streaming content equals the stream", whole.choices[0].message.content == content,
          whole.choices[0].message.content)
    check("openai: non-streaming usage", whole.usage.completion_tokens == pieces, whole.usage)

    short = client.chat.completions.create(model="tokenpace", messages=messages, max_tokens=3)
    check("openai: max_tokens cuts with finish_reason length", short.choices[0].finish_reason == "length"
          and short.usage.completion_tokens == 3, short)

    try:
        client.embeddings.create(model="tokenpace", input="x")
        check("openai: unknown route raises NotFoundError", False, "no error")
    except openai.NotFoundError as e:
        body = e.body if isinstance(e.body, dict) else {}
        check("openai: unknown route raises NotFoundError with the JSON message",
              "no route" in str(body.get("message", "")), e.body)
    return content, reasoning


def http_checks(base):
    status, headers, body = raw(base, "GET", "/v1/nothing")
    err = json.loads(body).get("error", {})
    check("http: 404 JSON error body", status == 404 and err.get("type") and err.get("message"), (status, body))
    status, headers, body = raw(base, "GET", "/v1/chat/completions")
    err = json.loads(body).get("error", {})
    allow = {k.lower(): v for k, v in headers.items()}.get("allow")
    check("http: 405 JSON error body and Allow", status == 405 and allow == "POST" and err.get("message"),
          (status, allow, body))
    for bad in ['{}', '{"messages": "x"}']:
        status, headers, body = raw(base, "POST", "/v1/chat/completions", bad)
        err = json.loads(body).get("error", {})
        check(f"http: {bad} is a 400 JSON error", status == 400 and err.get("type") == "invalid_request_error"
              and "messages" in err.get("message", ""), (status, body))


def ollama_checks(base, content, reasoning):
    client = ollama.Client(host=base)
    messages = [{"role": "user", "content": "Say something at a steady pace."}]
    parts = list(client.chat(model="tokenpace", messages=messages, stream=True))
    text = "".join(p.message.content or "" for p in parts)
    thinking = "".join(getattr(p.message, "thinking", None) or "" for p in parts)
    last = parts[-1]
    check("ollama: streamed content equals the OpenAI stream", text == content, text)
    check("ollama: thinking equals reasoning_content", thinking == reasoning, thinking)
    check("ollama: only the last line is done", last.done and not any(p.done for p in parts[:-1]))
    check("ollama: done_reason stop", last.done_reason == "stop", last.done_reason)
    check("ollama: eval_count counts the streamed lines", last.eval_count == len(parts) - 1,
          (last.eval_count, len(parts)))
    check("ollama: durations in nanoseconds", last.total_duration and last.total_duration > 1e6
          and last.eval_duration <= last.total_duration, (last.total_duration, last.eval_duration))
    whole = client.chat(model="tokenpace", messages=messages, think=False)
    check("ollama: non-streaming, think=False has no thinking",
          whole.message.content == content and not getattr(whole.message, "thinking", None), whole.message)


def default_checks(base, content):
    """Without --reasoning on: only the answer, so the first text an app shows is the first token."""
    client = openai.OpenAI(base_url=base + "/v1", api_key="not-needed")
    messages = [{"role": "user", "content": "Say something at a steady pace."}]
    chunks = list(client.chat.completions.create(model="tokenpace", messages=messages, stream=True,
                                                 stream_options={"include_usage": True}))
    deltas = [c.choices[0].delta for c in chunks if c.choices]
    reasoning = "".join((d.model_extra or {}).get("reasoning_content") or "" for d in deltas)
    check("default: no reasoning_content", reasoning == "", reasoning)
    check("default: the first token after the role is content", len(deltas) > 1 and bool(deltas[1].content),
          deltas[:2])
    check("default: the same answer text", "".join(d.content or "" for d in deltas) == content)
    usage = chunks[-1].usage
    check("default: usage counts the answer alone", usage is not None
          and usage.completion_tokens == sum(1 for d in deltas if d.content), usage)
    thinking = [p for p in ollama.Client(host=base).chat(model="tokenpace", messages=messages, stream=True, think=True)
                if getattr(p.message, "thinking", None)]
    check("default: no Ollama thinking even with think=True", not thinking, thinking[:1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running tokenpace serve started with --reasoning on (default: start one)")
    ap.add_argument("--binary", default=default_binary(), help="tokenpace binary to start")
    args = ap.parse_args()
    # Reasoning is sent only with --reasoning on: the full shape first, then the default.
    with server(args.url, args.binary, ["--rate", "400", "--ttft", "20ms", "--reasoning", "on"]) as base:
        print(f"tokenpace serve at {base}")
        content, reasoning = openai_checks(base)
        http_checks(base)
        ollama_checks(base, content, reasoning)
    if not args.url:
        with server(None, args.binary, ["--rate", "400", "--ttft", "20ms"]) as base:
            print(f"tokenpace serve (default: no reasoning) at {base}")
            default_checks(base, content)
    print(f"\n{'all checks passed' if not failures else f'{len(failures)} check(s) failed'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
