"""M-CLIP and NLLB-CLIP, the two multilingual families, as small random-weight exports in the layout Immich publishes
them (immich-app/XLM-Roberta-Large-Vit-B-32, immich-app/nllb-clip-base-siglip__v1), for make_family_exports.py.

apt packages: python3-torch, python3-onnx, python3-sentencepiece (the tokenizer is trained here by sentencepiece's own
trainer on tools/tokenizer/sentencepiece_corpus.txt), python3-pil, python3-numpy.

Both text towers get an XLM-RoBERTa / NLLB-style SentencePiece unigram tokenizer in the tokenizer.json form Hugging
Face's converters write for them: fairseq's ids (<s>=0, <pad>=1, </s>=2, <unk>=3, then sentencepiece's pieces shifted by
one), a precompiled nmt_nfkc charsmap, Metaspace. M-CLIP wraps the text as <s> text </s> (RobertaProcessing); NLLB puts
a FLORES-200 language token first and </s> last (TemplateProcessing, eng_Latn by default) and has the language tokens
after the pieces. Only a few FLORES-200 codes are in this vocabulary (NLLB has 202), so a known language the model lacks
can be tested too.

  * mclip/      textual/model.onnx takes `input_ids` and `attention_mask`, int32 [1, 77] (Immich pads to the context of
                the ViT-B-32 config.json with <pad>), RoBERTa positions, mean-pooled over the mask, projected (M-CLIP's
                LinearTransformation) and normalised; visual/ is an open_clip ViT with OpenAI CLIP preprocessing.
  * nllb-clip/  textual/model.onnx takes `text` int32 [1, 77] (config.json's text_cfg has no context_length, so open_clip
                and Immich use 77), builds its attention mask from the pad id inside the graph as open_clip's
                HFTextEncoder does, pools the first position (the language token; hf_pooler_type cls_pooler) and
                projects; visual/ has SigLIP preprocessing (mean/std 0.5, bicubic, squash), 384 px.
"""
import json
import math
import os
import tempfile

import sentencepiece as spm
import torch
import torch.nn as nn

CONTEXT = 77
PAD_ID = 1
# fairseq's dictionary puts <s> <pad> </s> <unk> first and shifts sentencepiece's ids (unk 0, bos 1, eos 2) by one.
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]
LANGUAGES = ["eng_Latn", "deu_Latn", "fra_Latn", "spa_Latn", "por_Latn", "jpn_Jpan", "zho_Hans", "zho_Hant", "kor_Hang",
             "rus_Cyrl", "arb_Arab", "hin_Deva", "tur_Latn", "vie_Latn"]
MCLIP_TEXTS = [("a photo of a cat", None), ("eine schwarze Katze schläft auf dem roten Sofa", None),
               ("un chat noir dort sur le canapé", None), ("黒い猫が窓のそばで寝ています", None),
               ("two children flying a kite in a windy park", None)]
NLLB_TEXTS = [("a photo of a cat", "en"), ("a photo of a cat", "de"), ("eine schwarze Katze schläft auf dem Sofa", "de"),
              ("un chat noir dort sur le canapé", "fr"), ("黒い猫が窓のそばで寝ています", "ja"),
              ("two children flying a kite in a windy park", None)]
FLORES = {"en": "eng_Latn", "de": "deu_Latn", "fr": "fra_Latn", "ja": "jpn_Jpan"}


def train_unigram(corpus):
    """A small unigram model trained as XLM-RoBERTa's and NLLB's were (nmt_nfkc, dummy prefix, unk/bos/eos = 0/1/2)."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "spm")
        spm.SentencePieceTrainer.train(input=corpus, model_prefix=prefix, model_type="unigram", vocab_size=500,
                                       character_coverage=0.98, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
                                       num_threads=1, hard_vocab_limit=False, minloglevel=2)
        with open(prefix + ".model", "rb") as f:
            return f.read()


def to_fairseq(sp, ids):
    return [3 if i == sp.unk_id() else i + 1 for i in ids]


def tokenizer_json(pieces, normalizer, languages):
    """Hugging Face's tokenizer.json for XLM-R (no languages) or NLLB (languages after the pieces, then <mask>)."""
    import base64
    vocab = [[s, 0.0] for s in SPECIALS] + [[p, score] for p, score, _ in pieces[3:]]
    vocab += [[code, 0.0] for code in languages] + [["<mask>", 0.0]]
    specials = SPECIALS + list(languages) + ["<mask>"]
    added = [{"id": next(i for i, v in enumerate(vocab) if v[0] == s), "content": s, "single_word": False,
              "lstrip": s == "<mask>", "rstrip": False, "normalized": False, "special": True} for s in specials]
    metaspace = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}
    if languages:
        eng = next(a["id"] for a in added if a["content"] == "eng_Latn")
        post = {"type": "TemplateProcessing",
                "single": [{"SpecialToken": {"id": "eng_Latn", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                           {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                "pair": [{"SpecialToken": {"id": "eng_Latn", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                         {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
                "special_tokens": {"eng_Latn": {"id": "eng_Latn", "ids": [eng], "tokens": ["eng_Latn"]},
                                   "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}}
    else:
        post = {"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": True,
                "add_prefix_space": True}
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Precompiled",
             "precompiled_charsmap": base64.b64encode(normalizer["precompiled_charsmap"]).decode("ascii")},
            {"type": "Replace", "pattern": {"Regex": " {2,}"}, "content": " "}]},
        "pre_tokenizer": metaspace, "post_processor": post, "decoder": metaspace,
        "model": {"type": "Unigram", "unk_id": 3, "vocab": vocab, "byte_fallback": False},
    }


class Mixer(nn.Module):
    """One pre-norm transformer layer whose attention output is amplified, so that a random layer mixes the tokens
    (a random attention alone adds little to each token's own vector, and every text would embed alike)."""

    def __init__(self, width, heads, gain):
        super().__init__()
        self.heads, self.gain = heads, gain
        self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)
        self.mlp = nn.Sequential(nn.Linear(width, 2 * width), nn.GELU(), nn.Linear(2 * width, width))

    def forward(self, x, keep):
        b, n, w = x.shape
        q, k, v = self.qkv(self.ln1(x)).reshape(b, n, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        # Padding is never attended to: its keys get a large negative bias.
        bias = (1.0 - keep.to(x.dtype))[:, None, None, :] * -1e9
        att = ((q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(w // self.heads)) + bias).softmax(-1)
        x = x + self.gain * self.out((att @ v).transpose(1, 2).reshape(b, n, w))
        return x + self.mlp(self.ln2(x))


class MClipTextual(nn.Module):
    """input_ids, attention_mask int [1, 77] -> M-CLIP's embedding: XLM-RoBERTa (positions counted from the pad id
    over non-pad tokens), mean over the attention mask, LinearTransformation, L2 normalisation (Immich's export)."""

    def __init__(self, rows, dim, width=32, heads=2):
        super().__init__()
        self.embed = nn.Embedding(rows, width, padding_idx=PAD_ID)
        self.pos = nn.Embedding(CONTEXT + PAD_ID + 1, width, padding_idx=PAD_ID)
        self.ln = nn.LayerNorm(width)
        self.layer = Mixer(width, heads, gain=3.0)
        self.proj = nn.Linear(width, dim)

    def forward(self, input_ids, attention_mask):
        ids = input_ids.long()
        not_pad = (ids != PAD_ID).long()
        positions = torch.cumsum(not_pad, dim=1) * not_pad + PAD_ID
        x = self.layer(self.ln(self.embed(ids) + self.pos(positions)), attention_mask)
        mask = attention_mask.to(x.dtype)[..., None]
        pooled = (x * mask).sum(dim=1) / mask.sum(dim=1)
        return nn.functional.normalize(self.proj(pooled), dim=-1)


class NllbTextual(nn.Module):
    """text int [1, 77] -> NLLB-CLIP's embedding as open_clip's HFTextEncoder computes it: mask = text != pad id, the
    encoder, the first position (cls_pooler: the language token), a linear projection."""

    def __init__(self, rows, dim, width=32, heads=2):
        super().__init__()
        self.embed = nn.Embedding(rows, width, padding_idx=PAD_ID)
        self.pos = nn.Embedding(CONTEXT + PAD_ID + 1, width, padding_idx=PAD_ID)
        self.layer = Mixer(width, heads, gain=10.0)
        self.ln = nn.LayerNorm(width)
        self.proj = nn.Linear(width, dim, bias=False)

    def forward(self, text):
        ids = text.long()
        keep = (ids != PAD_ID).long()
        positions = torch.cumsum(keep, dim=1) * keep + PAD_ID
        x = self.layer(self.embed(ids) + self.pos(positions), keep)
        return self.proj(self.ln(x[:, 0]))


def export_mclip_text(module, path, opset):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    sample = (torch.ones(1, CONTEXT, dtype=torch.int32), torch.ones(1, CONTEXT, dtype=torch.int32))
    torch.onnx.export(module, sample, path, input_names=["input_ids", "attention_mask"], output_names=["embedding"],
                      opset_version=opset, do_constant_folding=True)


def export_single(module, sample, path, input_name, opset):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    torch.onnx.export(module, (sample,), path, input_names=[input_name], output_names=["embedding"],
                      opset_version=opset, do_constant_folding=True)


class Normalised(nn.Module):
    """Immich's exports end in encode_*(normalize=True)."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return nn.functional.normalize(self.inner(x), dim=-1)


def reference_ids(sp, languages, text, tag):
    """The model input: M-CLIP <s> pieces </s>; NLLB the text's FLORES-200 token (English when none), pieces, </s>.
    NLLB's language token is what open_clip's HFTokenizer.set_language puts first (the template's src_lang)."""
    pieces = to_fairseq(sp, sp.encode(text))[:CONTEXT - 2]
    if not languages:
        return [0] + pieces + [2]
    return [len(SPECIALS) + sp.get_piece_size() - 3 + languages.index(FLORES.get(tag, "eng_Latn"))] + pieces + [2]


def check_sensitive(name, texts):
    """Different inputs must embed measurably apart, or a cosine of 0.999 would prove nothing: different texts below
    0.99, the same text in another language (NLLB: only the first token differs) below 0.995."""
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            cosine = float(torch.dot(torch.tensor(a["embedding"]), torch.tensor(b["embedding"])))
            limit = 0.995 if a["text"] == b["text"] else 0.99
            assert cosine < limit, f"{name}: {a['text']!r} and {b['text']!r} embed at cosine {cosine:.4f}"
            print(f"{name}: {a['text'][:20]!r}/{a['language']} vs {b['text'][:20]!r}/{b['language']}: {cosine:.4f}")
