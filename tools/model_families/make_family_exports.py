#!/usr/bin/python3
"""Small random-weight model folders, one per model family, in each family's real on-disk layout, plus PyTorch and PIL
reference data for the C# tests.

    /usr/bin/python3 tools/model_families/make_family_exports.py

apt packages: python3-torch, python3-onnx, python3-pil, python3-numpy, python3-regex (the CLIP reference tokenizer),
python3-sentencepiece (SigLIP 2's tokenizer; M-CLIP's and NLLB-CLIP's are trained with its trainer).

    /usr/bin/python3 tools/model_families/make_family_exports.py mclip nllb-clip   # only these families


Writes tests/fixtures/model-families/:
  * openai-openclip/   OpenAI CLIP as Immich publishes it (open_clip layout): config.json, textual/model.onnx (`text`
                       int32 [1, 77], pad token <|endoftext|>), visual/model.onnx (`image` float32 NCHW),
                       visual/preprocess_cfg.json (224, bicubic, shortest side + centre crop, OpenAI mean/std);
  * openai-hf/         the same weights in the Hugging Face layout (onnx/text_model.onnx `input_ids` int64,
                       onnx/vision_model.onnx `pixel_values`, preprocessor_config.json);
  * openclip/          an OpenCLIP model in the open_clip layout (256 px, bicubic, shortest, pad token "!" = id 0, as
                       open_clip's own tokenizer pads with zeros);
  * siglip2/           a SigLIP 2 model in the open_clip layout (256 px, bilinear, squash, mean/std 0.5, `text` int32
                       [1, 64] padded with <pad> = 0, pooled at the last position so the padding matters). Its
                       textual/tokenizer.json is a Gemma-style SentencePiece BPE (byte fallback, no normalisation,
                       pad, end, begin, unknown = ids 0..3, the end token after the text) in Hugging Face's form: the BPE
                       model sentencepiece's trainer made for the tokenizer fixtures
                       (tools/tokenizer/make_sentencepiece_fixtures.py), 900 pieces instead of Gemma's 256,000, and the
                       text tower's embedding table has exactly that many rows;
  * mclip/, nllb-clip/  M-CLIP (XLM-RoBERTa text tower, `input_ids` + `attention_mask`) and NLLB-CLIP (FLORES-200
                       language token first) in Immich's layout: see multilingual_families.py;
  * clip-bpe-tokenizer.json  CLIP's BPE as a Hugging Face tokenizer.json, shared by the CLIP families (tests copy it to
                       textual/tokenizer.json; one copy keeps the fixtures small);
  * references.json    per family: texts with their token ids (python3-sentencepiece for SigLIP 2) and embeddings, photos with their image embeddings
                       (PIL preprocessing with the family's settings, then the PyTorch module);
  * preprocess/        PIL crops (uint8 HWC, gzip) of photo fixtures for every interpolation x resize mode, and
                       preprocess/manifest.json.
The weights are random: the embeddings mean nothing, but the C# side must reproduce them (cosine >= 0.999).
Each tower is a few hundred kB: CLIP token ids are folded into a small table (id mod 1021), SigLIP 2's table has one row
per piece of its vocabulary; widths are 32.
"""
import gzip
import html
import json
import math
import os
import string
import sys
import tempfile
import unicodedata

import numpy as np
import onnx
import sentencepiece as spm
import torch
import torch.nn as nn
from PIL import Image, ImageOps

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "tokenizer"))
from reference_tokenizer import ReferenceTokenizer  # noqa: E402
from make_sentencepiece_fixtures import bpe_json, read_model  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import multilingual_families as ml  # noqa: E402

FIXTURES = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(FIXTURES, "model-families")
OPSET = 14
TABLE_ROWS = 1021
OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_STD = [0.26862954, 0.26130258, 0.27577711]
FILTERS = {"bicubic": Image.BICUBIC, "bilinear": Image.BILINEAR}

FAMILIES = {
    "openai-openclip": dict(seed=1, size=224, patch=32, context=77, causal=True, pool="argmax", embed_dim=48,
                            mean=OPENAI_MEAN, std=OPENAI_STD, interpolation="bicubic", resize_mode="shortest",
                            pad_token="<|endoftext|>", pad_id=49407, model_name="ViT-B-32__openai"),
    "openclip": dict(seed=2, size=256, patch=32, context=77, causal=True, pool="argmax", embed_dim=40,
                     mean=OPENAI_MEAN, std=OPENAI_STD, interpolation="bicubic", resize_mode="shortest",
                     pad_token="!", pad_id=0, model_name="convnext_base_w__laion2b_s13b_b82k_augreg"),
    "siglip2": dict(seed=3, size=256, patch=32, context=64, causal=False, pool="last", embed_dim=32,
                    mean=[0.5, 0.5, 0.5], std=[0.5, 0.5, 0.5], interpolation="bilinear", resize_mode="squash",
                    pad_token="<pad>", pad_id=0, model_name="ViT-B-16-SigLIP2-256__webli"),
}
TEXTS = ["a photo of a cat", "two small blue stars on a white background", "a rocket launch at night"]
# SigLIP 2's tokenizer: sentencepiece BPE trained as Gemma's is (tools/tokenizer/make_sentencepiece_fixtures.py).
SIGLIP_SPIECE = os.path.join(FIXTURES, "tokenizer", "sentencepiece", "bpe", "spiece.model")
# One more text for SigLIP 2, whose open_clip config cleans texts with "canonicalize" (case, punctuation, entities).
SIGLIP_TEXTS = TEXTS + ["A Photo of a CAT, on_the   sofa! &amp;amp; More..."]
MULTILINGUAL = {
    # immich-app/XLM-Roberta-Large-Vit-B-32: the visual tower and config.json are open_clip's ViT-B-32 (OpenAI).
    "mclip": dict(seed=4, size=224, patch=32, width=32, embed_dim=40, mean=OPENAI_MEAN, std=OPENAI_STD, interpolation="bicubic",
                  resize_mode="shortest"),
    # immich-app/nllb-clip-base-siglip__v1: a SigLIP vision tower at 384 px (16 wide here to stay small).
    "nllb-clip": dict(seed=5, size=384, patch=32, width=16, embed_dim=36, mean=[0.5, 0.5, 0.5], std=[0.5, 0.5, 0.5],
                      interpolation="bicubic", resize_mode="squash"),
}
CORPUS = os.path.join(ROOT, "tools", "tokenizer", "sentencepiece_corpus.txt")
PHOTOS = ["chelsea.bmp", "coffee-palette.png", "astronaut-alpha.png"]
# (photo, size) for the preprocessing parity fixtures; every one is written in all four modes.
PREPROCESS_CASES = [("chelsea.bmp", 96), ("astronaut-alpha.png", 224), ("coffee-palette.png", 96),
                    ("rocket.jpg", 224), ("coffee-3000x2000.jpg", 96), ("chelsea.jpg", 96)]


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x, mask):
        b, n, w = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(w // self.heads)) + mask
        return self.out((att.softmax(-1) @ v).transpose(1, 2).reshape(b, n, w))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.mlp = nn.Sequential(nn.Linear(width, 2 * width), nn.GELU(), nn.Linear(2 * width, width))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


class Visual(nn.Module):
    """image float32 [batch, 3, size, size] -> unnormalised embedding [batch, embed_dim] (open_clip's encode_image)."""

    def __init__(self, size, patch, dim, width=32, heads=2):
        super().__init__()
        tokens = (size // patch) ** 2 + 1
        self.conv = nn.Conv2d(3, width, patch, patch, bias=False)
        self.cls = nn.Parameter(torch.randn(width) * 0.5)
        self.pos = nn.Parameter(torch.randn(tokens, width) * 0.5)
        self.block = Block(width, heads)
        self.ln = nn.LayerNorm(width)
        self.proj = nn.Linear(width * tokens, dim, bias=False)
        self.register_buffer("mask", torch.zeros(tokens, tokens))

    def forward(self, image):
        x = self.conv(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], dim=1) + self.pos
        # Every token feeds the projection (not only the class token) so that a random model is sensitive to
        # content and geometry: a wrong crop or filter moves the embedding far more than the test's tolerance.
        return self.proj(self.ln(self.block(x, self.mask)).flatten(1))


class Textual(nn.Module):
    """text int [batch, context] -> unnormalised embedding.

    A random transformer barely mixes tokens, so its output at one slot is mostly that slot's own token: every text
    would embed alike. Here the pooled vector is the running mean of the block's output: up to the first end token
    (argmax, CLIP; unchanged by what follows it) or over all slots (SigLIP's last-slot pooling; the pad token decides
    the rest of the sequence). The pad row of the table is small, so content dominates and a wrong pad id does not.
    """

    def __init__(self, context, dim, causal, pool, pad_id, rows=TABLE_ROWS, width=32, heads=2):
        super().__init__()
        self.pool = pool
        self.rows = rows
        self.embed = nn.Embedding(rows, width)
        with torch.no_grad():
            self.embed.weight[pad_id % rows] *= 0.01
        self.pos = nn.Parameter(torch.randn(context, width) * 0.01)
        self.block = Block(width, heads)
        self.ln = nn.LayerNorm(width)
        self.proj = nn.Linear(width, dim, bias=False)
        mask = torch.full((context, context), float("-inf")).triu(1) if causal else torch.zeros(context, context)
        self.register_buffer("mask", mask)

    def forward(self, text):
        ids = text.long()
        n = ids.shape[1]
        x = self.embed(ids % self.rows) + self.pos[:n]
        x = x + 0.1 * (self.block(x, self.mask[:n, :n]) - x)
        x = x.cumsum(dim=1) / torch.arange(1, n + 1, dtype=x.dtype)[None, :, None]
        x = x[torch.arange(x.shape[0]), ids.argmax(dim=-1)] if self.pool == "argmax" else x[:, -1]
        return self.proj(self.ln(x))


def resized_size(width, height, size):
    """torchvision's Resize(int) rule: the short side becomes size, the long side int(size * long / short)."""
    if width <= height:
        return size, int(size * height / width)
    return int(size * width / height), size


def pil_crop(im, size, interpolation, resize_mode):
    """open_clip's image transform up to ToTensor, on PIL: squash to size x size, or shortest side + centre crop."""
    resample = FILTERS[interpolation]
    if resize_mode == "squash":
        return im if im.size == (size, size) else im.resize((size, size), resample)
    w, h = resized_size(im.width, im.height, size)
    resized = im if (w, h) == im.size else im.resize((w, h), resample)
    left, top = int(round((w - size) / 2.0)), int(round((h - size) / 2.0))
    return resized.crop((left, top, left + size, top + size))


def load_rgb(name):
    return ImageOps.exif_transpose(Image.open(os.path.join(FIXTURES, "photos", name))).convert("RGB")


def to_tensor(crop, mean, std):
    x = np.asarray(crop, dtype=np.uint8).astype(np.float32) / np.float32(255)
    x = (x - np.array(mean, dtype=np.float32)) / np.array(std, dtype=np.float32)
    return torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None]


def export(module, sample, path, input_name, output_name, dynamic_batch):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    axes = {input_name: {0: "batch"}, output_name: {0: "batch"}} if dynamic_batch else None
    if dynamic_batch and input_name == "input_ids":
        axes[input_name][1] = "sequence"
    torch.onnx.export(module, (sample,), path, input_names=[input_name], output_names=[output_name],
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


def write_open_clip_folder(name, cfg, visual, textual):
    folder = os.path.join(OUT, name)
    export(visual, torch.zeros(1, 3, cfg["size"], cfg["size"]), os.path.join(folder, "visual", "model.onnx"),
           "image", "embedding", dynamic_batch=True)
    # Immich's text graphs take one text of exactly context_length int32 ids.
    export(textual, torch.zeros(1, cfg["context"], dtype=torch.int32), os.path.join(folder, "textual", "model.onnx"),
           "text", "embedding", dynamic_batch=False)
    write_json(os.path.join(folder, "config.json"), {
        "embed_dim": cfg["embed_dim"],
        "vision_cfg": {"image_size": cfg["size"], "layers": 1, "width": 32, "patch_size": cfg["patch"]},
        "text_cfg": {"context_length": cfg["context"], "vocab_size": textual.rows if name == "siglip2" else 49408,
                     "width": 32, "heads": 2, "layers": 1,
                     "tokenizer_kwargs": {"clean": "canonicalize"} if name == "siglip2" else {}},
    })
    tokenizer_config = {"pad_token": cfg["pad_token"], "model_max_length": cfg["context"]}
    if name == "siglip2":
        # As google/siglip2-*: Gemma's tokenizer without its <bos>, with <eos> after the text.
        tokenizer_config = {"add_bos_token": False, "add_eos_token": True, **tokenizer_config}
    write_json(os.path.join(folder, "textual", "tokenizer_config.json"), tokenizer_config)
    write_json(os.path.join(folder, "visual", "preprocess_cfg.json"), {
        "size": [cfg["size"], cfg["size"]], "mode": "RGB", "mean": cfg["mean"], "std": cfg["std"],
        "interpolation": cfg["interpolation"], "resize_mode": cfg["resize_mode"], "fill_color": 0,
    })


def write_siglip_tokenizer(folder, sp):
    """The SentencePiece BPE as a Hugging Face tokenizer.json; its post-processor appends <eos>, as the Gemma converter
    writes it for add_bos_token=false, add_eos_token=true."""
    data = bpe_json(read_model(SIGLIP_SPIECE)[0])
    eos = sp.id_to_piece(sp.eos_id())
    data["post_processor"] = {
        "type": "TemplateProcessing",
        "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": eos, "type_id": 0}}],
        "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": eos, "type_id": 0}},
                 {"Sequence": {"id": "B", "type_id": 0}}, {"SpecialToken": {"id": eos, "type_id": 0}}],
        "special_tokens": {eos: {"id": eos, "ids": [sp.eos_id()], "tokens": [eos]}},
    }
    with open(os.path.join(folder, "textual", "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))


def write_hf_folder(cfg, visual, textual):
    folder = os.path.join(OUT, "openai-hf")

    class Normalised(nn.Module):
        """Hugging Face ONNX exports return projected, normalised embeddings."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            return nn.functional.normalize(self.inner(x), dim=-1)

    export(Normalised(visual), torch.zeros(1, 3, cfg["size"], cfg["size"]),
           os.path.join(folder, "onnx", "vision_model.onnx"), "pixel_values", "image_embeds", dynamic_batch=True)
    export(Normalised(textual), torch.tensor([[49406, 320, 49407]]), os.path.join(folder, "onnx", "text_model.onnx"),
           "input_ids", "text_embeds", dynamic_batch=True)
    write_json(os.path.join(folder, "config.json"), {
        "model_type": "clip", "semsearch_model_id": "openai-hf-random", "projection_dim": cfg["embed_dim"]})
    write_json(os.path.join(folder, "preprocessor_config.json"), {
        "crop_size": {"height": cfg["size"], "width": cfg["size"]}, "do_center_crop": True,
        "image_mean": cfg["mean"], "image_std": cfg["std"], "resample": 3, "size": {"shortest_edge": cfg["size"]}})


def write_tokenizer_json(tokenizer):
    vocab = {token: i for i, token in enumerate(tokenizer.vocabulary)}
    data = {
        "version": "1.0",
        "added_tokens": [{"id": 49406, "content": "<|startoftext|>", "special": True},
                         {"id": 49407, "content": "<|endoftext|>", "special": True}],
        "model": {"type": "BPE", "end_of_word_suffix": "</w>", "vocab": vocab,
                  "merges": [f"{a} {b}" for a, b in tokenizer.merges]},
    }
    with open(os.path.join(OUT, "clip-bpe-tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))


def canonicalize(text):
    """open_clip's clean="canonicalize": its basic clean (ftfy, which leaves clean text as NFC; html.unescape twice;
    strip), then "_" to space, ASCII punctuation removed, lower case, whitespace runs to one space."""
    text = html.unescape(html.unescape(unicodedata.normalize("NFC", text))).strip()
    text = text.replace("_", " ").translate(str.maketrans("", "", string.punctuation)).lower()
    return " ".join(text.split())


def siglip_ids(sp, text, context):
    """SigLIP 2's input: the canonical text's pieces, then <eos>, cut to the context (no <bos>, no attention mask;
    padding follows)."""
    return (sp.encode(canonicalize(text), out_type=int) + [sp.eos_id()])[:context]


def family_reference(name, cfg, visual, textual, tokenizer, sp):
    texts = []
    with torch.no_grad():
        for text in SIGLIP_TEXTS if name == "siglip2" else TEXTS:
            ids = siglip_ids(sp, text, cfg["context"]) if name == "siglip2" else tokenizer.encode_for_model(text, cfg["context"])
            padded = ids + [cfg["pad_id"]] * (cfg["context"] - len(ids))
            emb = textual(torch.tensor([padded], dtype=torch.int32))[0]
            texts.append({"text": text, "ids": ids, "embedding": nn.functional.normalize(emb, dim=0).tolist()})
        images = []
        for photo in PHOTOS:
            crop = pil_crop(load_rgb(photo), cfg["size"], cfg["interpolation"], cfg["resize_mode"])
            emb = visual(to_tensor(crop, cfg["mean"], cfg["std"]))[0]
            images.append({"image": photo, "embedding": nn.functional.normalize(emb, dim=0).tolist()})
    return {"texts": texts, "images": images, "padId": cfg["pad_id"], "contextLength": cfg["context"]}


def write_preprocess_fixtures():
    folder = os.path.join(OUT, "preprocess")
    os.makedirs(folder, exist_ok=True)
    cases = []
    for photo, size in PREPROCESS_CASES:
        im = load_rgb(photo)
        for interpolation in FILTERS:
            for mode in ("shortest", "squash"):
                crop = pil_crop(im, size, interpolation, mode)
                stem = photo.replace(".", "-")
                file = f"{stem}-{size}-{interpolation}-{mode}.u8.gz"
                with gzip.GzipFile(os.path.join(folder, file), "wb", compresslevel=9, mtime=0) as f:
                    f.write(np.asarray(crop, dtype=np.uint8).tobytes())
                cases.append({"image": photo, "size": size, "interpolation": interpolation, "resizeMode": mode,
                              "crop": file})
    write_json(os.path.join(folder, "manifest.json"), {"generator": "tools/model_families/make_family_exports.py",
                                                      "pillow": Image.__version__, "cases": cases})


def write_multilingual_family(name, cfg, model_bytes):
    """M-CLIP or NLLB-CLIP in Immich's layout, with its references (sentencepiece ids, PyTorch embeddings)."""
    folder = os.path.join(OUT, name)
    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "spm.model")
        with open(path, "wb") as f:
            f.write(model_bytes)
        pieces, normalizer = read_model(path)
    nllb = name == "nllb-clip"
    languages = ml.LANGUAGES if nllb else []
    tokenizer = ml.tokenizer_json(pieces, normalizer, languages)
    rows = len(tokenizer["model"]["vocab"])
    torch.manual_seed(cfg["seed"])
    visual = ml.Normalised(Visual(cfg["size"], cfg["patch"], cfg["embed_dim"], width=cfg["width"])).eval()
    textual = (ml.NllbTextual if nllb else ml.MClipTextual)(rows, cfg["embed_dim"]).eval()
    # Immich's exports have fixed shapes: one image, one text of 77 int32 ids.
    ml.export_single(visual, torch.zeros(1, 3, cfg["size"], cfg["size"]), os.path.join(folder, "visual", "model.onnx"),
                     "image", OPSET)
    text_path = os.path.join(folder, "textual", "model.onnx")
    if nllb:
        ml.export_single(ml.Normalised(textual), torch.ones(1, ml.CONTEXT, dtype=torch.int32), text_path, "text", OPSET)
    else:
        ml.export_mclip_text(textual, text_path, OPSET)
    for path in (text_path, os.path.join(folder, "visual", "model.onnx")):
        onnx.checker.check_model(onnx.load(path))
    with open(os.path.join(folder, "textual", "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, separators=(",", ":"))
    specials = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>",
                "mask_token": "<mask>"}
    if nllb:
        write_json(os.path.join(folder, "config.json"), {
            "embed_dim": cfg["embed_dim"], "custom_text": True, "init_logit_bias": -10,
            "vision_cfg": {"image_size": cfg["size"], "timm_model_name": "vit_base_patch16_siglip_384",
                           "timm_model_pretrained": False, "timm_pool": "map", "timm_proj": "none"},
            "text_cfg": {"hf_model_name": "facebook/nllb-200-distilled-600M",
                         "hf_tokenizer_name": "facebook/nllb-200-distilled-600M", "hf_proj_type": "linear",
                         "hf_pooler_type": "cls_pooler"}})
        write_json(os.path.join(folder, "textual", "tokenizer_config.json"), {
            **specials, "src_lang": "eng_Latn", "tgt_lang": None, "legacy_behaviour": False, "model_max_length": 1024,
            "additional_special_tokens": languages, "tokenizer_class": "NllbTokenizer"})
    else:
        write_json(os.path.join(folder, "config.json"), {
            "embed_dim": cfg["embed_dim"],
            "vision_cfg": {"image_size": cfg["size"], "layers": 1, "width": 32, "patch_size": cfg["patch"]},
            "text_cfg": {"context_length": ml.CONTEXT, "vocab_size": 49408, "width": 32, "heads": 2, "layers": 1}})
        write_json(os.path.join(folder, "textual", "tokenizer_config.json"), {
            **specials, "cls_token": "<s>", "sep_token": "</s>", "model_max_length": 512,
            "tokenizer_class": "XLMRobertaTokenizer"})
    write_json(os.path.join(folder, "textual", "special_tokens_map.json"), specials)
    write_json(os.path.join(folder, "visual", "preprocess_cfg.json"), {
        "size": [cfg["size"], cfg["size"]], "mode": "RGB", "mean": cfg["mean"], "std": cfg["std"],
        "interpolation": cfg["interpolation"], "resize_mode": cfg["resize_mode"], "fill_color": 0})

    texts = []
    with torch.no_grad():
        for text, tag in ml.NLLB_TEXTS if nllb else ml.MCLIP_TEXTS:
            ids = ml.reference_ids(sp, languages, text, tag)
            padded = torch.tensor([ids + [ml.PAD_ID] * (ml.CONTEXT - len(ids))], dtype=torch.int32)
            if nllb:
                emb = nn.functional.normalize(textual(padded), dim=-1)[0]
            else:
                emb = textual(padded, (padded != ml.PAD_ID).to(torch.int32))[0]
            texts.append({"text": text, "language": tag, "ids": ids, "embedding": emb.tolist()})
        images = []
        for photo in PHOTOS:
            crop = pil_crop(load_rgb(photo), cfg["size"], cfg["interpolation"], cfg["resize_mode"])
            images.append({"image": photo, "embedding": visual(to_tensor(crop, cfg["mean"], cfg["std"]))[0].tolist()})
    ml.check_sensitive(name, texts)
    return {"texts": texts, "images": images, "padId": ml.PAD_ID, "contextLength": ml.CONTEXT}


def main(only):
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    references_path = os.path.join(OUT, "references.json")
    references = {}
    if only:
        with open(references_path, encoding="utf-8") as f:
            references = json.load(f)
    if not only or set(only) & set(FAMILIES):
        tokenizer = ReferenceTokenizer()
        sp = spm.SentencePieceProcessor(model_file=SIGLIP_SPIECE)
        assert sp.pad_id() == FAMILIES["siglip2"]["pad_id"], sp.pad_id()
        write_tokenizer_json(tokenizer)
        for name, cfg in FAMILIES.items():
            if only and name not in only:
                continue
            torch.manual_seed(cfg["seed"])
            visual = Visual(cfg["size"], cfg["patch"], cfg["embed_dim"]).eval()
            rows = sp.get_piece_size() if name == "siglip2" else TABLE_ROWS
            textual = Textual(cfg["context"], cfg["embed_dim"], cfg["causal"], cfg["pool"], cfg["pad_id"], rows).eval()
            write_open_clip_folder(name, cfg, visual, textual)
            if name == "siglip2":
                write_siglip_tokenizer(os.path.join(OUT, name), sp)
            references[name] = family_reference(name, cfg, visual, textual, tokenizer, sp)
            if name == "openai-openclip":
                write_hf_folder(cfg, visual, textual)
                references["openai-hf"] = references[name]
    if not only or set(only) & set(MULTILINGUAL):
        model_bytes = ml.train_unigram(CORPUS)
        for name, cfg in MULTILINGUAL.items():
            if not only or name in only:
                references[name] = write_multilingual_family(name, cfg, model_bytes)
    write_json(references_path, references)
    if not only:
        write_preprocess_fixtures()
    for dirpath, _, files in sorted(os.walk(OUT)):
        size = sum(os.path.getsize(os.path.join(dirpath, f)) for f in files)
        print(f"{os.path.relpath(dirpath, ROOT)}: {len(files)} files, {size:,} bytes")


if __name__ == "__main__":
    unknown = set(sys.argv[1:]) - set(FAMILIES) - set(MULTILINGUAL)
    if unknown:
        sys.exit(f"unknown families: {', '.join(sorted(unknown))} (known: {', '.join([*FAMILIES, *MULTILINGUAL])})")
    main(sys.argv[1:])
