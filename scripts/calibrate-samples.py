#!/usr/bin/env python3
"""Measure real token counts of every sample with a llama.cpp server's /tokenize.

Prints a table of prompt and answer tokens (answer = every generated section: reasoning, answer,
tool calls; tool results come from tools and are left out; a batch counts every item's request and answer). With --write, stores the counts in each
sample's front matter as `calibration: {tokenizer: ..., prompt_tokens: N, answer_tokens: N}`, which
SampleCalibrationTests compares against the project's heuristic tokenizer.

  scripts/calibrate-samples.py [--url http://127.0.0.1:18080] [--write] [Samples]

Start a server with SmolLM2-135M first (../shared/llm/llama-server start). Needs PyYAML.
"""
import argparse
import json
import os
import re
import sys
import urllib.request

try:
    import yaml
except ImportError:
    sys.exit("calibrate-samples: needs PyYAML (pip install pyyaml)")

MARKER = re.compile(r"^:::")


def tokenize(url, text):
    body = json.dumps({"content": text, "add_special": False}).encode()
    req = urllib.request.Request(url + "/tokenize", data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return len(json.load(resp)["tokens"])


def trim_blank(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines)


def read_sample(path):
    lines = [l[:-1] if l.endswith("\r") else l for l in open(path, encoding="utf-8").read().split("\n")]
    close = lines.index("---", 1)
    matter = yaml.safe_load("\n".join(lines[1:close])) or {}
    prompt = matter.get("prompt", "")
    if "prompt_file" in matter:
        doc_path = os.path.join(os.path.dirname(path), matter["prompt_file"])
        doc = open(doc_path, encoding="utf-8").read().strip("\r\n")
        prompt = prompt + "\n\n" + doc if prompt else doc
    sections, current = [], None
    for line in lines[close + 1:]:
        if MARKER.match(line):
            current = [line[3:].split()[0], []]
            sections.append(current)
        elif current is not None:
            current[1].append(line)
        elif line.strip():
            current = ["answer", [line]]
            sections.append(current)
    generated = [trim_blank(body) for kind, body in sections if kind not in ("tool-result", "item", "outline")]
    if matter.get("task") == "batch":
        # A batch's prompt tokens are every item's request: the shared instruction, a blank line, the item.
        prompts = [prompt + "\n\n" + trim_blank(body) if prompt else trim_blank(body)
                   for kind, body in sections if kind == "item"]
        return lines, close, prompts, generated
    return lines, close, [prompt], generated


def write_calibration(path, lines, close, tokenizer, prompt_tokens, answer_tokens):
    entry = "calibration: {tokenizer: %s, prompt_tokens: %d, answer_tokens: %d}" % (
        tokenizer, prompt_tokens, answer_tokens)
    head = lines[1:close]
    start = next((i for i, l in enumerate(head) if l.startswith("calibration:")), None)
    if start is None:
        head.append(entry)
    else:
        end = start + 1
        while end < len(head) and head[end].startswith((" ", "\t")):
            end += 1
        head[start:end] = [entry]
    text = "\n".join(["---"] + head + lines[close:])
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "Samples"))
    parser.add_argument("--url", default=os.environ.get("TOKENPACE_TOKENIZE_URL", "http://127.0.0.1:18080"))
    parser.add_argument("--tokenizer", default="SmolLM2-135M", help="name recorded in the front matter")
    parser.add_argument("--write", action="store_true", help="store the counts in each sample")
    args = parser.parse_args()

    names = sorted(n for n in os.listdir(args.directory) if n.endswith(".md") and n != "README.md")
    print("%-32s %14s %14s" % ("sample", "prompt_tokens", "answer_tokens"))
    for name in names:
        path = os.path.join(args.directory, name)
        lines, close, prompt, generated = read_sample(path)
        prompt_tokens = sum(tokenize(args.url, text) for text in prompt)
        answer_tokens = sum(tokenize(args.url, text) for text in generated)
        print("%-32s %14d %14d" % (name[:-3], prompt_tokens, answer_tokens))
        if args.write:
            write_calibration(path, lines, close, args.tokenizer, prompt_tokens, answer_tokens)


if __name__ == "__main__":
    main()
