#!/usr/bin/env python3
"""The built-in token estimate's error per text and language against both real tokenizers.

Runs `tokenpace tokens` (no --tokenizer: the built-in estimate) on every text of the multilingual
corpus and prints its count beside SmolLM2's and cl100k's from
Tests/TokenPaceCoreTests/Fixtures/tokenizer-oracles.json (scripts/tokenizer-oracles.py), with the
relative error. BuiltinTokenizerCalibrationTests holds every text within ±10% of SmolLM2; cl100k is
shown to see how far another family is.

  scripts/calibrate-tokenizer.py [--binary .build/debug/tokenpace]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "Tests", "TokenPaceCoreTests", "Fixtures", "tokenizer-oracles.json")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "tokenpace"))
    ap.add_argument("--fixture", default=FIXTURE)
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit("calibrate-tokenizer: %s not found; run swift build first or pass --binary" % args.binary)
    fixture = json.load(open(args.fixture, encoding="utf-8"))
    texts = fixture["texts"]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for t in texts:
            path = os.path.join(tmp, t["id"] + ".txt")
            with open(path, "w", encoding="utf-8") as out:
                out.write(t["text"])
            paths.append(path)
        output = subprocess.run([args.binary, "tokens"] + paths, check=True, capture_output=True, text=True).stdout
    counts = {}
    for line in output.splitlines():
        m = re.match(r"(.+)\.txt: (\d+) tokens?", line)
        if m:
            counts[os.path.basename(m.group(1))] = int(m.group(2))

    def pct(est, real):
        return 100.0 * (est - real) / real

    print("%-20s %-22s %9s %8s %8s %8s %8s" % ("text", "language", "built-in", "SmolLM2", "error", "cl100k", "error"))
    by_language = {}
    for t in texts:
        est, smol, cl = counts[t["id"]], len(t["smollm2"]), len(t["cl100k"])
        print("%-20s %-22s %9d %8d %+7.1f%% %8d %+7.1f%%" % (t["id"], t["language"], est, smol, pct(est, smol), cl, pct(est, cl)))
        agg = by_language.setdefault(t["language"], [0, 0, 0])
        agg[0] += est
        agg[1] += smol
        agg[2] += cl
    print("\nper language")
    for language, (est, smol, cl) in by_language.items():
        print("%-22s SmolLM2 %+7.1f%%   cl100k %+7.1f%%" % (language, pct(est, smol), pct(est, cl)))
    worst = max(abs(pct(counts[t["id"]], len(t["smollm2"]))) for t in texts)
    print("\nworst against SmolLM2: %.1f%% (the tests allow 10%%)" % worst)
    print("SmolLM2 oracle: %s\ncl100k oracle: %s" % (fixture["smollm2"]["oracle"], fixture["cl100k"]["oracle"]))


if __name__ == "__main__":
    main()
