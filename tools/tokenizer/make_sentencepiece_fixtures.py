#!/usr/bin/python3
"""Trains a small unigram and a small BPE SentencePiece model on tools/tokenizer/sentencepiece_corpus.txt with
sentencepiece's own trainer, writes each in both file forms (the .model protobuf and a Hugging Face tokenizer.json made
from the same pieces), and records the ids python3-sentencepiece gives a few hundred varied strings.

Run with Debian's interpreter: /usr/bin/python3 tools/tokenizer/make_sentencepiece_fixtures.py
apt: python3-sentencepiece (nothing else; the protobuf is read by the small reader below).
Writes tests/fixtures/tokenizer/sentencepiece/{unigram,bpe}/{spiece.model,tokenizer.json} and sentencepiece_ids.json.
"""
import base64
import json
import os
import random
import shutil
import struct
import sys
import tempfile
import unicodedata

import sentencepiece as spm

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tools", "tokenizer", "sentencepiece_corpus.txt")
OUT = os.path.join(ROOT, "tests", "fixtures", "tokenizer", "sentencepiece")

# Unigram as T5 / XLM-RoBERTa / NLLB train it (nmt_nfkc, dummy prefix, collapsed whitespace); BPE as Gemma does
# (no normalisation, no dummy prefix, whitespace kept, byte fallback for anything outside the vocabulary).
MODELS = {
    "unigram": dict(model_type="unigram", vocab_size=700, character_coverage=0.98,
                    unk_id=0, bos_id=1, eos_id=2, pad_id=3),
    "bpe": dict(model_type="bpe", vocab_size=900, character_coverage=0.98, byte_fallback=True,
                normalization_rule_name="identity", add_dummy_prefix=False, remove_extra_whitespaces=False,
                allow_whitespace_only_pieces=True, pad_id=0, eos_id=1, bos_id=2, unk_id=3),
}


def varint(data, pos):
    value = shift = 0
    while True:
        b = data[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, pos


def fields(data):
    """Yields (field number, wire type, value) of one protobuf message; enough for sentencepiece_model.proto."""
    pos = 0
    while pos < len(data):
        key, pos = varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(data, pos)
        elif wire == 1:
            value, pos = data[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = data[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"wire type {wire}")
        yield number, wire, value


def read_model(path):
    """Pieces (piece, score, type) and the normalizer spec of a .model file."""
    data = open(path, "rb").read()
    pieces, normalizer = [], {}
    for number, _, value in fields(data):
        if number == 1:
            piece, score, kind = "", 0.0, 1
            for n, _, v in fields(value):
                if n == 1:
                    piece = v.decode("utf-8")
                elif n == 2:
                    score = struct.unpack("<f", v)[0]
                elif n == 3:
                    kind = v
            pieces.append((piece, score, kind))
        elif number == 3:
            names = {1: "name", 2: "precompiled_charsmap", 3: "add_dummy_prefix", 4: "remove_extra_whitespaces",
                     5: "escape_whitespaces"}
            for n, _, v in fields(value):
                if n in names:
                    normalizer[names[n]] = v
    return pieces, normalizer


NORMAL, UNKNOWN, CONTROL, BYTE = 1, 2, 3, 6


def added_tokens(pieces):
    return [{"id": i, "content": p, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
             "special": True} for i, (p, _, kind) in enumerate(pieces) if kind in (UNKNOWN, CONTROL)]


def unigram_json(pieces, normalizer):
    # The structure transformers' converters give T5 / XLM-RoBERTa: precompiled charsmap, collapsed spaces, Metaspace.
    unk = next(i for i, (_, _, kind) in enumerate(pieces) if kind == UNKNOWN)
    metaspace = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added_tokens(pieces),
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Precompiled",
             "precompiled_charsmap": base64.b64encode(normalizer["precompiled_charsmap"]).decode("ascii")},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]},
        "pre_tokenizer": metaspace, "post_processor": None, "decoder": metaspace,
        "model": {"type": "Unigram", "unk_id": unk, "vocab": [[p, s] for p, s, _ in pieces], "byte_fallback": False},
    }


def bpe_json(pieces):
    # The structure transformers' converters give Gemma: spaces become "▁", no pre-tokenizer, byte fallback; merges are
    # every split of a piece into two pieces, ordered as sentencepiece ranks the merged piece (by score).
    vocab = {p: i for i, (p, _, _) in enumerate(pieces)}
    score = {p: s for p, s, _ in pieces}
    merges = []
    for piece, _, kind in pieces:
        if kind != NORMAL:
            continue
        for cut in range(1, len(piece)):
            left, right = piece[:cut], piece[cut:]
            if left in vocab and right in vocab:
                merges.append((-score[piece], vocab[piece], vocab[left], vocab[right], left, right))
    merges.sort()
    unk = next(p for p, _, kind in pieces if kind == UNKNOWN)
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added_tokens(pieces),
        "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        "pre_tokenizer": None, "post_processor": None,
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "}, {"type": "ByteFallback"},
            {"type": "Fuse"}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": unk, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "ignore_merges": False,
                  "vocab": vocab, "merges": [[m[4], m[5]] for m in merges]},
    }


def test_strings(corpus_lines):
    """At least 300 varied strings: every corpus line, shuffled mixtures, scripts the models never saw, accents in both
    normal forms, compatibility forms, emoji sequences, odd whitespace, controls and very long text."""
    rng = random.Random(20261204)
    words = [w for line in corpus_lines for w in line.split()]
    cases = list(corpus_lines)
    cases += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(90)]
    cases += [unicodedata.normalize("NFD", line) for line in corpus_lines if line != unicodedata.normalize("NFD", line)][:25]
    cases += ["".join(rng.choice(words)) for _ in range(20)]  # single words, no spaces
    unseen = ["ᏣᎳᎩ ᎦᏬᏂᎯᏍᏗ", "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ", "ꦧꦱꦗꦮ", "𐌰𐌹𐌽𐍃", "𓀀𓀁𓀂", "麤鱻龘齉", "ʕ•ᴥ•ʔ", "¯\\_(ツ)_/¯",
              "ℌ𝔢𝔩𝔩𝔬 𝕎𝕠𝕣𝕝𝕕", "𝒜𝒷𝒸", "Ⓐⓑⓒ", "㍻㋿㌀", "½ ¼ ¾ ⅓", "ｶﾀｶﾅ ﾊﾝｶｸ", "Ｈｅｌｌｏ，ｗｏｒｌｄ！",
              "ﬃ ﬄ ﬅ", "Ⅻ ⅻ Ⅳ", "µ Ω Å K", "x² y³ H₂O", "™ ℠ ℡ ℃ ℉"]
    cases += unseen
    emoji = ["🐶", "🐱", "🌅", "🎉", "❤️", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "🍜", "🚲", "☕", "✨", "🏳️‍🌈", "🧑🏿‍🚀",
             "😀😃😄", "🤷‍♀️", "1️⃣", "#️⃣", "🫠", "🦩"]
    cases += emoji
    cases += [f"{rng.choice(words)} {e} {rng.choice(words)}" for e in emoji]
    cases += ["", " ", "  ", "\t", "\n", " a", "a ", "  leading", "trailing  ", "a  b", "a\tb", "a\nb", "a\r\nb",
              "a\u00a0b", "a\u3000b", "a\u200bb", "a\u2009b", "a\u2028b", " \t\n mixed \t\n ", "▁", "▁▁x",
              "word\u00adshy", "zero\u200dwidth\u200cjoin", "a\u0000b", "bell\u0007ring", "\ufeffbom", "x\u0301",
              "e\u0301te\u0301", "A\u030a", "\u1100\u1161\u11a8"]
    cases += ["0", "42", "3.14159", "1,000,000", "2026-12-04T17:30:00Z", "+49 (0) 89 1234-567", "v1.2.3-beta",
              "0x1F600", "ID: 00042", "100%", "#hashtag @mention", "snake_case camelCase kebab-case",
              "https://example.org/a?b=c&d=e#f", "<html><body>&amp;</body></html>", "\"quoted\" 'single' «guillemets» „Anführung“"]
    mixed = [line for line in corpus_lines]
    cases += [" ".join(rng.sample(mixed, 3)) for _ in range(20)]
    cases += ["".join(rng.choice("日本語中文한국어ภาษาไทยעבריתالعربيةहिन्दी") for _ in range(rng.randint(1, 30))) for _ in range(20)]
    long_text = " ".join(corpus_lines)
    cases += [long_text, long_text * 3, " ".join(words[::-1]) * 2, "a" * 3000, "🐶" * 500, "ab " * 1500,
              "\n".join(corpus_lines), "".join(rng.choice(long_text) for _ in range(4000))]
    seen, unique = set(), []
    for case in cases:
        if case not in seen:
            seen.add(case)
            unique.append(case)
    return unique


def main():
    corpus_lines = [line.rstrip("\n") for line in open(CORPUS, encoding="utf-8") if line.strip()]
    os.makedirs(OUT, exist_ok=True)
    processors = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, options in MODELS.items():
            prefix = os.path.join(tmp, name)
            spm.SentencePieceTrainer.train(input=CORPUS, model_prefix=prefix, num_threads=1, hard_vocab_limit=False,
                                           minloglevel=2, **options)
            folder = os.path.join(OUT, name)
            os.makedirs(folder, exist_ok=True)
            model_path = os.path.join(folder, "spiece.model")
            shutil.copyfile(prefix + ".model", model_path)
            pieces, normalizer = read_model(model_path)
            document = unigram_json(pieces, normalizer) if name == "unigram" else bpe_json(pieces)
            with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
                json.dump(document, f, ensure_ascii=False, indent=None, separators=(",", ":"))
            processors[name] = spm.SentencePieceProcessor(model_file=model_path)

    strings = test_strings(corpus_lines)
    assert len(strings) >= 300, len(strings)
    reference = {
        "sentencepiece": spm.__version__,
        "python": sys.version.split()[0],
        "models": {name: {"vocab_size": sp.get_piece_size(), "unk_id": sp.unk_id(), "bos_id": sp.bos_id(),
                          "eos_id": sp.eos_id(), "pad_id": sp.pad_id()} for name, sp in processors.items()},
        "cases": [dict(text=s, **{name: sp.encode(s, out_type=int) for name, sp in processors.items()})
                  for s in strings],
    }
    # One case per line keeps the file small and its diffs readable.
    cases = reference.pop("cases")
    head = json.dumps(reference, ensure_ascii=False)[:-1]
    body = ",\n".join(json.dumps(c, ensure_ascii=False, separators=(",", ":")) for c in cases)
    with open(os.path.join(OUT, "sentencepiece_ids.json"), "w", encoding="utf-8") as f:
        f.write(f'{head}, "cases": [\n{body}\n]}}\n')
    print(f"{len(strings)} strings; " + ", ".join(f"{n}: {sp.get_piece_size()} pieces" for n, sp in processors.items()))


if __name__ == "__main__":
    main()
