#!/usr/bin/env python3
"""Writes <capture>.expected.json beside each captured stream: what a correct client must assemble.

Computed here, independently of the Swift decoders, so tests compare against a second reading of
the bytes: text, token pieces, usage, timings, finish reason and the arrival time (ms) of the first
non-empty token. Run from this folder after adding a capture.
"""
import glob, json

def sse_events(body):
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    for block in body.split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith(":") or not line:
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data:
            yield name, "\n".join(data)

for path in sorted(glob.glob("*.jsonl")):
    lines = open(path).read().splitlines()
    head = json.loads(lines[0])
    chunks = [json.loads(l) for l in lines[1:]]
    out = {"status": head["status"], "text": "", "pieces": 0, "firstTokenMs": None}
    if head["status"] != 200:
        out["errorMessage"] = json.loads("".join(c["data"] for c in chunks))["error"]["message"]
        json.dump(out, open(path.replace(".jsonl", ".expected.json"), "w"), indent=1, sort_keys=True)
        continue
    body_so_far = ""
    for c in chunks:
        before = len(out["text"])
        body_so_far += c["data"]
        # Re-read the complete events so far; count only those new in this chunk.
        events = list(sse_events(body_so_far[: body_so_far.rfind("\n\n") + 2]))
        out.setdefault("_seen", 0)
        for name, data in events[out["_seen"]:]:
            if data == "[DONE]":
                continue
            obj = json.loads(data)
            if "choices" in obj:  # OpenAI chat
                for ch in obj["choices"] or []:
                    piece = (ch.get("delta") or {}).get("content") or ""
                    out["text"] += piece; out["pieces"] += bool(piece)
                    if ch.get("finish_reason"):
                        out["finishReason"] = ch["finish_reason"]
                if obj.get("usage"):
                    out["completionTokens"] = obj["usage"]["completion_tokens"]
                    out["promptTokens"] = obj["usage"]["prompt_tokens"]
                if obj.get("timings"):
                    out["promptMs"] = obj["timings"]["prompt_ms"]
                    out["predictedTokens"] = obj["timings"]["predicted_n"]
            elif str(obj.get("type", "")).startswith(("message", "content_block", "ping")):  # Anthropic
                if name == "content_block_delta" and obj["delta"]["type"] == "text_delta":
                    out["text"] += obj["delta"]["text"]; out["pieces"] += 1
                if name == "message_start":
                    out["promptTokens"] = obj["message"]["usage"]["input_tokens"]
                if name == "message_delta":
                    out["completionTokens"] = obj["usage"]["output_tokens"]
                    out["finishReason"] = obj["delta"]["stop_reason"]
            else:  # llama.cpp native /completion
                out["text"] += obj.get("content", ""); out["pieces"] += bool(obj.get("content"))
                if obj.get("stop"):
                    out["finishReason"] = obj["stop_type"]
                    out["completionTokens"] = obj["timings"]["predicted_n"]
                    out["promptTokens"] = obj["tokens_evaluated"]
                    out["promptMs"] = obj["timings"]["prompt_ms"]
                    out["predictedTokens"] = obj["timings"]["predicted_n"]
        out["_seen"] = len(events)
        if out["firstTokenMs"] is None and len(out["text"]) > before:
            out["firstTokenMs"] = c["t_ms"]
    del out["_seen"]
    json.dump(out, open(path.replace(".jsonl", ".expected.json"), "w"), indent=1, sort_keys=True)
    print(path, {k: v for k, v in out.items() if k != "text"})
