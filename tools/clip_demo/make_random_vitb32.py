"""Writes a random-weight CLIP ViT-B/32-sized model folder for benchmarks (never commit its output).

    /usr/bin/python3 tools/clip_demo/make_random_vitb32.py [OUT_DIR]     # default tools/out/vitb32-random/

Vision: patch 32, 224 input, 12 layers, width 768, 12 heads, projection 512 (pixel_values -> image_embeds).
Text: 12 causal layers, width 512, 8 heads, full 49,408-id embedding, 77 positions, projection 512
(input_ids -> text_embeds). Same layout, tensor names and configs as models/clip-demo/; the weights are random, so
the embeddings mean nothing: the folder exists only to time ONNX Runtime with ViT-B/32's shapes and compute.
The weights are heavy-tailed with a few outlier channels (see realistic_init) so that the int8 copy written next to
the fp32 files (onnx/*_quantized.onnx, tools/clip_demo/quantize_int8.py) is compared on realistic activations.
"""
import math
import os
import shutil
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import OPSET, check_onnx_graph, write_configs  # noqa: E402
from model import CONTEXT, VOCAB_SIZE, Block  # noqa: E402
from quantize_int8 import quantize_folder  # noqa: E402

import onnx  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


class VitB32Vision(nn.Module):
    def __init__(self, width=768, layers=12, heads=12, patch=32, size=224, dim=512):
        super().__init__()
        grid = size // patch
        self.patch = nn.Conv2d(3, width, patch, patch, bias=False)
        self.class_embedding = nn.Parameter(torch.randn(width) * 0.02)
        self.positional_embedding = nn.Parameter(torch.randn(grid * grid + 1, width) * 0.02)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.projection = nn.Linear(width, dim, bias=False)
        self.register_buffer("no_mask", torch.zeros(grid * grid + 1, grid * grid + 1))

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = self.ln_pre(torch.cat([cls, x], dim=1) + self.positional_embedding)
        for block in self.blocks:
            x = block(x, self.no_mask)
        return F.normalize(self.projection(self.ln_post(x[:, 0])), dim=-1)


class VitB32Text(nn.Module):
    def __init__(self, width=512, layers=12, heads=8, dim=512):
        super().__init__()
        self.token_embedding = nn.Embedding(VOCAB_SIZE, width)
        self.positional_embedding = nn.Parameter(torch.randn(CONTEXT, width) * 0.01)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.projection = nn.Linear(width, dim, bias=False)
        self.register_buffer("causal_mask", torch.full((CONTEXT, CONTEXT), float("-inf")).triu(1))
        nn.init.normal_(self.token_embedding.weight, std=0.02)

    def forward(self, input_ids):
        n = input_ids.shape[1]
        x = self.token_embedding(input_ids) + self.positional_embedding[:n]
        mask = self.causal_mask[:n, :n]
        for block in self.blocks:
            x = block(x, mask)
        x = self.ln_final(x)
        x = x[torch.arange(x.shape[0]), input_ids.argmax(dim=-1)]
        return F.normalize(self.projection(x), dim=-1)


def realistic_init(*towers, outliers=4, outlier_gain=12.0):
    """Weights whose activations look like a trained CLIP's, so that the int8 vs fp32 cosine means something.

    Plain N(0, 0.02) weights give Gaussian activations, which int8 quantizes almost losslessly. Trained CLIP towers
    have heavy-tailed weights and a few residual channels far larger than the rest; those outliers stretch the
    per-tensor activation scale of DynamicQuantizeLinear and are what costs accuracy. So: Student-t (3 degrees of
    freedom) weights scaled to keep each layer's output variance (1/sqrt(fan_in)), and in every LayerNorm a few
    channels whose gain is `outlier_gain` times the rest. Still random: the embeddings mean nothing.
    """
    g = torch.Generator().manual_seed(1)
    t = torch.distributions.StudentT(3.0)
    for tower in towers:
        for m in tower.modules():
            if isinstance(m, nn.Linear):
                w = t.sample(m.weight.shape)
                m.weight.copy_(w / w.std() / math.sqrt(m.in_features))
            elif isinstance(m, nn.LayerNorm):
                m.weight.copy_(1.0 + 0.1 * torch.randn(m.weight.shape, generator=g))
                m.weight[torch.randperm(m.weight.numel(), generator=g)[:outliers]] *= outlier_gain


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tools", "out", "vitb32-random"))
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    torch.set_num_threads(2)
    torch.manual_seed(0)
    started = time.time()
    vision, text = VitB32Vision().eval(), VitB32Text().eval()
    with torch.no_grad():
        realistic_init(vision, text)
    vision_path = os.path.join(out, "onnx", "vision_model.onnx")
    text_path = os.path.join(out, "onnx", "text_model.onnx")
    torch.onnx.export(vision, (torch.zeros(1, 3, 224, 224),), vision_path, input_names=["pixel_values"],
                      output_names=["image_embeds"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    ids = torch.tensor([[49406, 320, 1125, 539, 320, 2368, 49407]])
    torch.onnx.export(text, (ids,), text_path, input_names=["input_ids"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "text_embeds": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    check_onnx_graph(text_path, {"input_ids": onnx.TensorProto.INT64}, {"text_embeds": onnx.TensorProto.FLOAT})
    check_onnx_graph(vision_path, {"pixel_values": onnx.TensorProto.FLOAT}, {"image_embeds": onnx.TensorProto.FLOAT})
    write_configs(out, 512, {"hidden_size": 512, "num_hidden_layers": 12, "num_attention_heads": 8},
                  {"architecture": "vit", "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
                   "patch_size": 32})
    # the tokenizer files travel with the model folder, as in a Hugging Face export
    for name in ("vocab.json", "merges.txt"):
        src = os.path.join(ROOT, "models", "clip-demo", name)
        if os.path.exists(src):
            shutil.copyfile(src, os.path.join(out, name))
    with torch.no_grad():
        v = vision(torch.randn(2, 3, 224, 224))
        t = text(ids)
    assert v.shape == (2, 512) and t.shape == (1, 512) and torch.isfinite(v).all() and torch.isfinite(t).all()
    # The int8 copy (onnx/*_quantized.onnx) that `semsearch bench embed --compare-variant Quantized` times against fp32.
    quantize_folder(out)
    params_v = sum(p.numel() for p in vision.parameters())
    params_t = sum(p.numel() for p in text.parameters())
    print(f"wrote {out}: vision {params_v:,} params ({os.path.getsize(vision_path):,} B), "
          f"text {params_t:,} params ({os.path.getsize(text_path):,} B) in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
