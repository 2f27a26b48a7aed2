"""Zero-shot retrieval metrics of the demo CLIP on freshly rendered test images.

Held-out pool: IMAGES_PER_COMBO images of each held-out colour x shape combination (never seen in training).
Query: "a photo of a <color> <shape>" for each held-out combination; images ranked by cosine similarity.
  recall@k   = share of queries with at least one image of the queried combination among the top k,
  r-precision = mean share of the top R that show the queried combination, R being the number of images of that
               combination in the pool (10 here), i.e. 1.0 only when all of them outrank every other image.
Mixed pool: the held-out images plus SEEN_PER_COMBO images of every seen combination (so the same colours and
shapes appear as distractors); same queries and definitions.
Seen: the same on a pool of SEEN_PER_COMBO images of each seen combination, one query per seen combination
(R = SEEN_PER_COMBO).
Image classification: each test image against the 88 prompts "a photo of a <color> <shape>"; top-1 accuracy.
All test images are rendered with a fixed seed that differs from the training seeds.
"""
import random

import numpy as np
import torch

from dataset import HELD_OUT, SEEN, clip_preprocess, render, sample_scene

IMAGES_PER_COMBO = 10
SEEN_PER_COMBO = 4


def _render_pool(combos, per_combo, rng):
    labels, tensors = [], []
    for combo in combos:
        for _ in range(per_combo):
            scene = sample_scene(rng, [combo])
            side = rng.choice([224, 224, 160, 300])
            tensors.append(clip_preprocess(render(scene, rng, side, side)))
            labels.append(combo)
    return labels, np.stack(tensors)


@torch.no_grad()
def _embed_images(model, x, batch=128):
    return torch.cat([model.vision(torch.from_numpy(x[i:i + batch])) for i in range(0, len(x), batch)])


@torch.no_grad()
def _embed_texts(model, bpe, texts):
    rows = [bpe.context(t) for t in texts]
    n = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), n, dtype=torch.int64)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.tensor(r)
    return model.text(ids)


def retrieval(query_combos, query_emb, labels, image_emb):
    sims = query_emb @ image_emb.t()
    order = sims.argsort(dim=1, descending=True).numpy()
    r1 = r5 = rp = 0.0
    for q, combo in enumerate(query_combos):
        hits = [labels[j] == combo for j in order[q]]
        relevant = sum(hits)
        r1 += hits[0]
        r5 += any(hits[:5])
        rp += sum(hits[:relevant]) / relevant
    n = len(query_combos)
    return {"recall@1": r1 / n, "recall@5": r5 / n, "r_precision": rp / n, "queries": n, "pool": len(labels)}


def prompt(combo):
    return f"a photo of a {combo[0]} {combo[1]}"


@torch.no_grad()
def evaluate(model, bpe, seed=12345):
    model.eval()
    rng = random.Random(seed)
    held_labels, held_x = _render_pool(HELD_OUT, IMAGES_PER_COMBO, rng)
    seen_labels, seen_x = _render_pool(SEEN, SEEN_PER_COMBO, rng)
    held_img = _embed_images(model, held_x)
    seen_img = _embed_images(model, seen_x)
    held_q = _embed_texts(model, bpe, [prompt(c) for c in HELD_OUT])
    seen_q = _embed_texts(model, bpe, [prompt(c) for c in SEEN])
    out = {
        "held_out": retrieval(HELD_OUT, held_q, held_labels, held_img),
        "held_out_in_mixed_pool": retrieval(HELD_OUT, held_q, held_labels + seen_labels,
                                            torch.cat([held_img, seen_img])),
        "seen": retrieval(SEEN, seen_q, seen_labels, seen_img),
    }
    # zero-shot classification of each held-out image among all 88 colour x shape prompts
    all_combos = SEEN + HELD_OUT
    all_q = _embed_texts(model, bpe, [prompt(c) for c in all_combos])
    pred = (held_img @ all_q.t()).argmax(1).numpy()
    out["held_out_image_classification_top1"] = float(np.mean([all_combos[p] == l for p, l in zip(pred, held_labels)]))
    pred = (seen_img @ all_q.t()).argmax(1).numpy()
    out["seen_image_classification_top1"] = float(np.mean([all_combos[p] == l for p, l in zip(pred, seen_labels)]))
    out["seen_image_classification_color_correct"] = float(np.mean([all_combos[p][0] == l[0]
                                                                    for p, l in zip(pred, seen_labels)]))
    out["seen_image_classification_shape_correct"] = float(np.mean([all_combos[p][1] == l[1]
                                                                    for p, l in zip(pred, seen_labels)]))
    return out


if __name__ == "__main__":
    import json
    import os
    import sys
    from bpe import ClipBpe
    from make_gallery import load_model
    torch.set_num_threads(2)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    checkpoint = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tools", "out", "clip-demo.pt")
    print(json.dumps(evaluate(load_model(checkpoint), ClipBpe()), indent=2))
