"""Trains the bundled demo CLIP on generated shapes and exports it to models/clip-demo/.

    /usr/bin/python3 tools/clip_demo/train.py                 # from scratch: 2,400 steps (capped at 28 minutes)
    /usr/bin/python3 tools/clip_demo/train.py --resume tools/out/clip-demo.pt --steps 1500 --lr 6e-4 --minutes 15 --seed 2

models/clip-demo/MODEL_CARD.md records how the shipped model was made.

Then run tools/clip_demo/make_reference.py and tools/clip_demo/make_gallery.py --check.
"""
import argparse
import json
import math
import multiprocessing as mp
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bpe import ClipBpe, END  # noqa: E402
from dataset import (COLOR_NAMES, SEEN, SHAPES, STD, MEAN, caption, caption_attributes,  # noqa: E402
                     resize_crop, sample_example, sample_scene, scene_facts)
from evaluate import evaluate  # noqa: E402
from export import check_padding_invariance, export_all, verify_onnx  # noqa: E402
from model import DemoClip  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _generate(args):
    seed, n = args
    rng = random.Random(seed)
    scenes, pixels = [], np.empty((n, 224, 224, 3), dtype=np.uint8)
    for k in range(n):
        scene, img = sample_example(rng, SEEN)
        scenes.append(scene)
        pixels[k] = np.asarray(resize_crop(img))
    return scenes, pixels


def build_pool(n, seed, workers):
    chunks = [(seed * 1000 + i, n // workers + (1 if i < n % workers else 0)) for i in range(workers)]
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_generate, chunks)
    scenes = [s for p in parts for s in p[0]]
    pixels = np.concatenate([p[1] for p in parts])
    return scenes, pixels


def training_vocabulary(bpe, seed=0, samples=30000):
    """Every id that some training caption can contain (captions are sampled; the generator's word list is small)."""
    rng = random.Random(seed)
    ids = set()
    for _ in range(samples):
        scene, _ = sample_example_scene_only(rng)
        ids.update(bpe.encode(caption(scene, rng)))
    return ids


def sample_example_scene_only(rng):
    scene = sample_scene(rng, SEEN)
    # caption() reads the background colour that render() would pick
    scene["background_color"] = {"white": "white", "black": "black"}.get(scene["background"])
    if scene["background"] == "colored":
        scene["background_color"] = rng.choice([c for c in COLOR_NAMES if c not in ("white", "black")])
    return scene, None


class Captioner:
    def __init__(self, bpe, known_ids, unknown_rate=0.1):
        self.bpe = bpe
        self.cache = {}
        self.unknown_rate = unknown_rate
        self.known = known_ids

    def batch(self, scenes, rng):
        texts = [caption(s, rng) for s in scenes]
        rows = []
        for t in texts:
            if t not in self.cache:
                self.cache[t] = self.bpe.context(t)
            ids = list(self.cache[t])
            if rng.random() < self.unknown_rate:
                # teach the shared "unknown" row to be ignorable: an unseen word anywhere in the caption
                while True:
                    u = rng.randrange(1, 49406)
                    if u not in self.known:
                        break
                ids.insert(rng.randrange(1, len(ids)), u)
            rows.append(ids)
        n = max(len(r) for r in rows)
        tensor = torch.zeros(len(rows), n, dtype=torch.int64)
        for i, r in enumerate(rows):
            tensor[i, :len(r)] = torch.tensor(r)
        return texts, tensor


_SCALE = torch.from_numpy(1.0 / (255.0 * STD)).view(1, 3, 1, 1)
_SHIFT = torch.from_numpy(MEAN / STD).view(1, 3, 1, 1)


def to_pixels(batch_uint8):
    """uint8 NHWC -> CLIP-normalised float NCHW: (x/255 - mean)/std folded into one multiply and one subtract."""
    x = torch.from_numpy(batch_uint8).permute(0, 3, 1, 2).float()
    return x.mul_(_SCALE).sub_(_SHIFT)


def sample_batch(rng, by_color, n, batch, hard_share=0.5):
    """Half of the batches draw from only three colours, so that colour alone cannot tell the images apart and the
    shape has to be learned (colour is learned first and fast otherwise)."""
    if rng.random() >= hard_share:
        return np.array(rng.sample(range(n), batch))
    pool = [i for c in rng.sample(sorted(by_color), 3) for i in by_color[c]]
    if len(pool) < batch:
        return np.array(rng.sample(range(n), batch))
    return np.array(rng.sample(pool, batch))


def multi_positive_loss(img, txt, scale, positives):
    logits = scale * img @ txt.t()
    pos = positives.float()
    t2i = -(F.log_softmax(logits, dim=0) * pos).sum(0) / pos.sum(0)
    i2t = -(F.log_softmax(logits, dim=1) * pos).sum(1) / pos.sum(1)
    return 0.5 * (t2i.mean() + i2t.mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2400, help="optimizer steps (the schedule's length)")
    ap.add_argument("--minutes", type=float, default=28.0,
                    help="wall-clock cap on training: on a busy machine the schedule is compressed to fit")
    ap.add_argument("--pool", type=int, default=10000, help="number of pre-rendered training images")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(ROOT, "models", "clip-demo"))
    ap.add_argument("--checkpoint", default=os.path.join(ROOT, "tools", "out", "clip-demo.pt"))
    ap.add_argument("--aux-weight", type=float, default=0.5, help="weight of the training-only attribute heads")
    ap.add_argument("--resume", help="continue from this checkpoint (weights only; a fresh schedule)")
    args = ap.parse_args()

    torch.set_num_threads(2)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    started = time.time()
    bpe = ClipBpe()
    known = training_vocabulary(bpe)
    known |= {49406, END}
    print(f"training vocabulary: {len(known)} ids", flush=True)

    t0 = time.time()
    scenes, pixels = build_pool(args.pool, args.seed, args.workers)
    gen_seconds = time.time() - t0
    print(f"rendered {len(scenes)} images in {gen_seconds:.0f}s", flush=True)
    facts = [scene_facts(s) for s in scenes]
    labels = {
        "color": torch.tensor([COLOR_NAMES.index(s["color"]) for s in scenes]),
        "shape": torch.tensor([SHAPES.index(s["shape"]) for s in scenes]),
        "count": torch.tensor([s["count"] - 1 for s in scenes]),
        "size": torch.tensor([0 if s["size"] == "small" else 1 for s in scenes]),
    }
    by_color = {}
    for i, s in enumerate(scenes):
        by_color.setdefault(s["color"], []).append(i)

    model = DemoClip(known, dim=args.dim)
    if args.resume:
        ck = torch.load(args.resume)
        assert set(ck["known"]) == known and ck["dim"] == args.dim
        missing, _ = model.load_state_dict(ck["state"], strict=False)
        assert all(k.startswith("aux.") for k in missing), missing
        print(f"resumed from {args.resume}", flush=True)
    # exported parameters only (the attribute heads stay behind)
    params = sum(p.numel() for p in model.text.parameters()) + sum(p.numel() for p in model.vision.parameters())
    print(f"parameters: text {sum(p.numel() for p in model.text.parameters()):,}, "
          f"vision {sum(p.numel() for p in model.vision.parameters()):,}, total {params:,}", flush=True)
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2 and "embedding" not in n]
    no_decay = [p for n, p in model.named_parameters() if not (p.ndim >= 2 and "embedding" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.05}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.98))
    captioner = Captioner(bpe, known)

    budget = args.minutes * 60.0
    train_start = time.time()
    warmup = 60
    step = 0
    ema = aux_ema = None
    model.train()
    while True:
        elapsed = time.time() - train_start
        progress = max(step / args.steps, elapsed / budget)
        if progress >= 1.0:
            break
        lr = args.lr * min(1.0, (step + 1) / warmup) * 0.5 * (1 + math.cos(math.pi * progress))
        for g in opt.param_groups:
            g["lr"] = lr
        idx = sample_batch(rng, by_color, len(scenes), args.batch)
        batch_scenes = [scenes[i] for i in idx]
        texts, ids = captioner.batch(batch_scenes, rng)
        caption_facts = [caption_attributes(s, t) for s, t in zip(batch_scenes, texts)]
        positives = torch.tensor([[cf <= facts[i] for cf in caption_facts] for i in idx])
        pooled = model.vision.pooled(to_pixels(pixels[idx]))
        img = model.vision.embed(pooled)
        txt = model.text(ids)
        scale = model.logit_scale.exp().clamp(max=100)
        loss = multi_positive_loss(img, txt, scale, positives)
        aux = sum(F.cross_entropy(head(pooled), labels[name][torch.from_numpy(idx)]) for name, head in model.aux.items())
        contrastive = float(loss)
        loss = loss + args.aux_weight * aux
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        ema = contrastive if ema is None else 0.98 * ema + 0.02 * contrastive
        aux_ema = float(aux) if step == 0 else 0.98 * aux_ema + 0.02 * float(aux)
        step += 1
        if step % 50 == 0:
            print(f"step {step} t={elapsed:.0f}s lr={lr:.2e} contrastive={ema:.3f} aux={aux_ema:.3f} "
                  f"scale={float(scale):.1f}", flush=True)
    train_seconds = time.time() - train_start
    print(f"trained {step} steps in {train_seconds:.0f}s", flush=True)

    model.eval()
    os.makedirs(os.path.dirname(args.checkpoint), exist_ok=True)
    torch.save({"state": model.state_dict(), "known": sorted(known), "dim": args.dim}, args.checkpoint)
    pad = check_padding_invariance(model.text, bpe)
    print(f"padding invariance: max abs diff {pad:.2e}", flush=True)
    text_bytes, vision_bytes = export_all(model, args.out, args.dim)
    print(f"exported text {text_bytes:,} B, vision {vision_bytes:,} B", flush=True)
    onnx_diffs = verify_onnx(model, args.out, bpe)
    print(f"ONNX (NumPy interpreter) vs PyTorch max abs diff: {onnx_diffs}", flush=True)
    metrics = evaluate(model, bpe)
    stats = {
        "steps": step, "planned_steps": args.steps, "batch": args.batch, "pool": args.pool, "train_seconds": round(train_seconds),
        "render_seconds": round(gen_seconds), "total_seconds": round(time.time() - started),
        "parameters": params, "text_parameters": sum(p.numel() for p in model.text.parameters()),
        "vision_parameters": sum(p.numel() for p in model.vision.parameters()),
        "embedding_rows": model.text.rows, "text_onnx_bytes": text_bytes, "vision_onnx_bytes": vision_bytes,
        "padding_max_abs_diff": pad, "onnx_vs_torch_max_abs_diff": onnx_diffs,
        "final_contrastive_loss_ema": ema, "final_aux_loss_ema": aux_ema, "aux_weight": args.aux_weight,
        "logit_scale": float(model.logit_scale.exp()),
        "metrics": metrics,
    }
    with open(os.path.join(os.path.dirname(args.checkpoint), "clip-demo-train.json"), "w") as f:
        json.dump(stats, f, indent=2)
    print(json.dumps(stats, indent=2), flush=True)


if __name__ == "__main__":
    main()
