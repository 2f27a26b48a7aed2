"""The demo CLIP: a small causal text transformer with a compact vocabulary and a small CNN image tower."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB_SIZE = 49408
CONTEXT = 77


class CausalSelfAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x, mask):
        b, n, w = x.shape
        h = self.heads
        q, k, v = self.qkv(x).reshape(b, n, 3, h, w // h).permute(2, 0, 3, 1, 4)
        att = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(w // h)) + mask
        y = att.softmax(-1) @ v
        return self.out(y.transpose(1, 2).reshape(b, n, w))


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = CausalSelfAttention(width, heads)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


class TextTower(nn.Module):
    """input_ids int64 [batch, seq<=77] -> L2-normalised text_embeds [batch, dim].

    `remap` (constant, 49,408 entries) sends every CLIP id to a row of the small embedding table: ids used by the
    training captions and the special tokens get their own row, all others share row 0 ("unknown").
    """

    def __init__(self, known_ids, dim=128, width=128, layers=2, heads=4):
        super().__init__()
        remap = torch.zeros(VOCAB_SIZE, dtype=torch.int64)
        for row, i in enumerate(sorted(set(known_ids)), start=1):
            remap[i] = row
        self.register_buffer("remap", remap)
        self.rows = int(remap.max()) + 1
        self.token_embedding = nn.Embedding(self.rows, width)
        self.positional_embedding = nn.Parameter(torch.randn(CONTEXT, width) * 0.01)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.projection = nn.Linear(width, dim, bias=False)
        self.register_buffer("causal_mask", torch.full((CONTEXT, CONTEXT), float("-inf")).triu(1))
        nn.init.normal_(self.token_embedding.weight, std=0.02)

    def forward(self, input_ids):
        n = input_ids.shape[1]
        x = self.token_embedding(self.remap[input_ids]) + self.positional_embedding[:n]
        mask = self.causal_mask[:n, :n]
        for block in self.blocks:
            x = block(x, mask)
        x = self.ln_final(x)
        # pool at the first end token: 49407 is the largest id, so argmax finds it (as Hugging Face CLIP does)
        end = input_ids.argmax(dim=-1)
        x = x[torch.arange(x.shape[0]), end]
        return F.normalize(self.projection(x), dim=-1)


def conv_bn(cin, cout, k=3, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, padding=(k // 2 if k == 3 else 0), bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Residual(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return x + self.inner(x)


class VisionTower(nn.Module):
    """pixel_values float32 [batch, 3, 224, 224] (CLIP-normalised) -> L2-normalised image_embeds [batch, dim].

    An 8x8 patchify stem to 28x28, conv stages down to 7x7, then mean+max pooling plus a small 7x7 spatial map so
    that position words can be learned.
    """

    def __init__(self, dim=128, widths=(24, 32, 64, 128), spatial=8):
        super().__init__()
        w0, w1, w2, w3 = widths
        self.features = nn.Sequential(
            conv_bn(3, w0, k=8, stride=8),
            conv_bn(w0, w1),
            conv_bn(w1, w2, stride=2),
            Residual(conv_bn(w2, w2)),
            conv_bn(w2, w3, stride=2),
            Residual(conv_bn(w3, w3)),
        )
        self.spatial = nn.Conv2d(w3, spatial, 1)
        self.projection = nn.Linear(2 * w3 + 49 * spatial, dim)

        self.pooled_size = 2 * w3 + 49 * spatial

    def pooled(self, pixel_values):
        f = self.features(pixel_values)
        return torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3)), self.spatial(f).flatten(1)], dim=1)

    def embed(self, pooled):
        return F.normalize(self.projection(pooled), dim=-1)

    def forward(self, pixel_values):
        return self.embed(self.pooled(pixel_values))


class DemoClip(nn.Module):
    """Both towers, the learned temperature, and training-only linear heads that predict single image attributes
    (colour, shape, count, size) from the vision tower's pooled features. The heads give the CNN a direct signal
    for shapes, which contrastive learning alone picks up slowly on two CPU cores; they are not exported. They never
    see a colour x shape combination as a label, so held-out combinations stay unseen."""

    def __init__(self, known_ids, dim=128, aux_classes=None):
        super().__init__()
        self.text = TextTower(known_ids, dim=dim)
        self.vision = VisionTower(dim=dim)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))
        aux_classes = aux_classes or {"color": 11, "shape": 8, "count": 3, "size": 2}
        self.aux = nn.ModuleDict({k: nn.Linear(self.vision.pooled_size, n) for k, n in aux_classes.items()})
