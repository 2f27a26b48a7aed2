#!/usr/bin/python3
"""Derives Hugging Face's vocab.json + merges.txt from openai/CLIP's bpe_simple_vocab_16e6.txt.gz.

The token table is built exactly as the original tokenizer builds it (bytes, bytes + '</w>', one token per merge, the
two special tokens: 49,408 ids); merges.txt lists the same 48,894 merges under a "#version: 0.2" header. vocab.json is
written compact, in id order.

Run: /usr/bin/python3 tools/tokenizer/make_hf_vocab.py [VOCAB_GZ] [OUT_DIR]
     (defaults: models/clip-vocab/bpe_simple_vocab_16e6.txt.gz, models/clip-demo)
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_tokenizer import DEFAULT_VOCAB, build_vocabulary, read_merges  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def main():
    vocab_gz = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_VOCAB
    out_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "models" / "clip-demo"
    merges = read_merges(vocab_gz)
    vocabulary = build_vocabulary(merges)
    assert len(vocabulary) == 49408 and len(set(vocabulary)) == 49408
    assert vocabulary[49406] == "<|startoftext|>" and vocabulary[49407] == "<|endoftext|>"

    out_dir.mkdir(parents=True, exist_ok=True)
    vocab_json = out_dir / "vocab.json"
    merges_txt = out_dir / "merges.txt"
    vocab_json.write_text(
        json.dumps({token: i for i, token in enumerate(vocabulary)}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    merges_txt.write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges), encoding="utf-8")
    for path in (vocab_json, merges_txt):
        print(f"{path}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
