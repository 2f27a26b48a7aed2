"""CLIP's byte-level BPE tokenizer, written for the demo model's training and reference data.

Reads the original `bpe_simple_vocab_16e6.txt.gz`. Text cleanup is limited to what the demo captions need
(lower-casing and whitespace collapsing); the C# tokenizer is the full implementation.
"""
import functools
import gzip
import os

import regex

START = 49406
END = 49407
CONTEXT = 77

_DEFAULT_VOCAB = os.path.join(os.path.dirname(__file__), "..", "..", "models", "clip-vocab",
                              "bpe_simple_vocab_16e6.txt.gz")

_PATTERN = regex.compile(
    r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
    regex.IGNORECASE)


def bytes_to_unicode():
    """Maps every byte to a printable unicode character (the GPT-2/CLIP table)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + \
        list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + extra)
            extra += 1
    return dict(zip(printable, (chr(c) for c in chars)))


class ClipBpe:
    def __init__(self, vocab_path=_DEFAULT_VOCAB):
        with gzip.open(vocab_path, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
        merges = [tuple(line.split()) for line in lines[1:49152 - 256 - 2 + 1]]
        self.byte_map = bytes_to_unicode()
        symbols = list(self.byte_map.values())
        symbols = symbols + [s + "</w>" for s in symbols]
        symbols += ["".join(m) for m in merges]
        symbols += ["<|startoftext|>", "<|endoftext|>"]
        self.encoder = {s: i for i, s in enumerate(symbols)}
        self.decoder = {i: s for s, i in self.encoder.items()}
        self.ranks = {m: i for i, m in enumerate(merges)}
        assert len(self.encoder) == 49408
        assert self.encoder["<|startoftext|>"] == START and self.encoder["<|endoftext|>"] == END

    @functools.lru_cache(maxsize=None)
    def _bpe(self, word):
        if word in ("<|startoftext|>", "<|endoftext|>"):
            return (word,)
        parts = list(word[:-1]) + [word[-1] + "</w>"]
        while len(parts) > 1:
            best, best_rank = None, None
            for pair in zip(parts, parts[1:]):
                r = self.ranks.get(pair)
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = pair, r
            if best is None:
                break
            merged, i = [], 0
            while i < len(parts):
                if i < len(parts) - 1 and (parts[i], parts[i + 1]) == best:
                    merged.append(parts[i] + parts[i + 1])
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        return tuple(parts)

    def encode(self, text):
        """Ids without start/end tokens."""
        text = " ".join(text.split()).lower()
        ids = []
        for piece in _PATTERN.findall(text):
            word = "".join(self.byte_map[b] for b in piece.encode("utf-8"))
            ids.extend(self.encoder[p] for p in self._bpe(word))
        return ids

    def context(self, text, length=CONTEXT):
        """[START, ids..., END], truncated so END stays last; not padded."""
        ids = [START] + self.encode(text)[:length - 2] + [END]
        return ids


if __name__ == "__main__":
    bpe = ClipBpe()
    assert bpe.encode("a photo of a cat") == [320, 1125, 539, 320, 2368], bpe.encode("a photo of a cat")
    assert bpe.encode("A PHOTO OF A DOG") == [320, 1125, 539, 320, 1929]
    assert bpe.encode("don't stop believin'") == [847, 713, 1691, 4972, 530, 262], bpe.encode("don't stop believin'")
    assert bpe.encode("<|endoftext|> after") == [49407, 953]
    assert bpe.encode("") == []
    long_ctx = bpe.context("word " * 200)
    assert len(long_ctx) == 77 and long_ctx[-1] == END and long_ctx[0] == START
    print("bpe ok")
