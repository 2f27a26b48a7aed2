#!/usr/bin/python3
"""A plain-Python model of the tokenizer in openai/CLIP (clip/simple_tokenizer.py), used as the parity reference.

Written from the behaviour of the original, not copied from it. The one deliberate difference: the original first runs
ftfy.fix_text, which this machine does not have; for text that ftfy leaves alone (everything not mojibake-like) its only
effect is NFC normalisation, so that is what this model does. Everything after it follows the original exactly:
html.unescape twice, str.strip, \\s+ collapsed to one space (the `re` module's \\s), strip again, str.lower, the
pre-tokenising pattern (the `regex` module, IGNORECASE), byte-level BPE with '</w>' marking a word's last symbol.

Run with Debian's interpreter: /usr/bin/python3 (apt: python3-regex).
"""

import gzip
import html
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import regex

START_OF_TEXT = "<|startoftext|>"
END_OF_TEXT = "<|endoftext|>"

DEFAULT_VOCAB = Path(__file__).resolve().parents[2] / "models" / "clip-vocab" / "bpe_simple_vocab_16e6.txt.gz"

# CLIP's pattern; the original compiles it with the regex module and IGNORECASE.
PATTERN = regex.compile(
    r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
    regex.IGNORECASE,
)
_WHITESPACE_RUN = re.compile(r"\s+")


def byte_symbols():
    """The 256 printable stand-ins for bytes (GPT-2's table), in the original's order, which is also vocabulary order:
    first the printable Latin-1 bytes, standing for themselves, then every other byte in byte order, mapped onto code
    points from 256 upwards."""
    kept = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    table = {b: chr(b) for b in kept}
    others = [b for b in range(256) if b not in table]
    for n, b in enumerate(others):
        table[b] = chr(256 + n)
    return table


def read_merges(vocab_gz_path=DEFAULT_VOCAB):
    """The merge list of the original file: line 0 is a header; 49152 - 256 - 2 merges follow."""
    lines = gzip.open(vocab_gz_path).read().decode("utf-8").split("\n")
    merge_lines = lines[1 : 49152 - 256 - 2 + 1]
    return [tuple(line.split()) for line in merge_lines]


def build_vocabulary(merges):
    """Token strings in id order: bytes, bytes + '</w>', one token per merge, then the two special tokens."""
    symbols = list(byte_symbols().values())
    vocab = symbols + [s + "</w>" for s in symbols]
    vocab.extend(a + b for a, b in merges)
    vocab.extend([START_OF_TEXT, END_OF_TEXT])
    return vocab


def clean(text):
    """Normalisation up to (not including) lower-casing, in the original's order."""
    text = unicodedata.normalize("NFC", text)  # stands in for ftfy.fix_text
    text = html.unescape(html.unescape(text))
    text = text.strip()
    text = _WHITESPACE_RUN.sub(" ", text)
    return text.strip()


class ReferenceTokenizer:
    def __init__(self, vocab_gz_path=DEFAULT_VOCAB):
        merges = read_merges(vocab_gz_path)
        self.vocabulary = build_vocabulary(merges)
        self.encoder = {token: i for i, token in enumerate(self.vocabulary)}
        self.ranks = {pair: i for i, pair in enumerate(merges)}
        self.byte_symbols = byte_symbols()
        self.merges = merges
        # The original pre-seeds its word cache with the special tokens, which is how they keep their ids.
        self._specials = {START_OF_TEXT: START_OF_TEXT, END_OF_TEXT: END_OF_TEXT}
        self.bpe = lru_cache(maxsize=None)(self._bpe)

    def _bpe(self, word):
        if word in self._specials:
            return [word]
        symbols = list(word[:-1]) + [word[-1] + "</w>"]
        while len(symbols) > 1:
            pairs = {(symbols[i], symbols[i + 1]) for i in range(len(symbols) - 1)}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            first, second = best
            merged = []
            i = 0
            # One left-to-right pass merging every non-overlapping occurrence of the best pair.
            while i < len(symbols):
                if i < len(symbols) - 1 and symbols[i] == first and symbols[i + 1] == second:
                    merged.append(first + second)
                    i += 2
                else:
                    merged.append(symbols[i])
                    i += 1
            symbols = merged
        return symbols

    def words(self, text):
        return PATTERN.findall(clean(text).lower())

    def encode(self, text):
        ids = []
        for word in self.words(text):
            if word in self._specials:
                ids.append(self.encoder[word])
                continue
            mapped = "".join(self.byte_symbols[b] for b in word.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self.bpe(mapped))
        return ids

    def encode_for_model(self, text, context_length=77):
        """[start, ..., end] truncated so the end token stays last (clip.tokenize(..., truncate=True))."""
        ids = [self.encoder[START_OF_TEXT]] + self.encode(text) + [self.encoder[END_OF_TEXT]]
        if len(ids) > context_length:
            ids = ids[:context_length]
            ids[-1] = self.encoder[END_OF_TEXT]
        return ids


ISSUE_EXAMPLES = [
    ("a photo of a cat", [320, 1125, 539, 320, 2368]),
    ("A PHOTO OF A DOG", [320, 1125, 539, 320, 1929]),
    ("don't stop believin'", [847, 713, 1691, 4972, 530, 262]),
    ("<|endoftext|> after", [49407, 953]),
    ("", []),
]


def check_issue_examples(tokenizer):
    for text, expected in ISSUE_EXAMPLES:
        got = tokenizer.encode(text)
        assert got == expected, f"{text!r}: expected {expected}, got {got}"


if __name__ == "__main__":
    tok = ReferenceTokenizer()
    assert len(tok.vocabulary) == 49408, len(tok.vocabulary)
    check_issue_examples(tok)
    for line in sys.stdin:
        print(tok.encode(line.rstrip("\n")))
