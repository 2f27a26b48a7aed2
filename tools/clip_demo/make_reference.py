"""Writes the fixture images (tests/fixtures/shapes/) and their reference embeddings
(tests/fixtures/reference/embeddings.json) for the C# parity tests. Re-run after every retraining:

    /usr/bin/python3 tools/clip_demo/make_reference.py

Embeddings come from the PyTorch checkpoint (tools/out/clip-demo.pt) that train.py exported, with PIL-based CLIP
preprocessing (convert("RGB"), shortest side to 224 with BICUBIC, center crop 224, /255, normalise) and this
folder's tokenizer; all embeddings are L2-normalised.
"""
import json
import os
import random
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bpe import ClipBpe  # noqa: E402
from dataset import clip_preprocess, render, sample_scene  # noqa: E402
from make_gallery import load_model  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHAPES_DIR = os.path.join(ROOT, "tests", "fixtures", "shapes")
OUT = os.path.join(ROOT, "tests", "fixtures", "reference", "embeddings.json")

# file name, colour, shape, count, size, background, (width, height)
FIXTURES = [
    ("red-circle-150.png", "red", "circle", 1, "large", "white", (150, 150)),
    ("blue-square-300x180.jpg", "blue", "square", 1, "large", "white", (300, 180)),
    ("green-triangle-96.png", "green", "triangle", 1, "large", "black", (96, 96)),
    ("yellow-stars-256.jpg", "yellow", "star", 2, "small", "gradient", (256, 256)),
    ("purple-heart-180x260.png", "purple", "heart", 1, "large", "colored", (180, 260)),
    ("white-hexagons-400.jpg", "white", "hexagon", 3, "small", "black", (400, 400)),
    ("orange-cross-200-noisy.jpg", "orange", "cross", 1, "large", "noisy", (200, 200)),
    ("gray-diamond-120-palette.png", "gray", "diamond", 1, "large", "white", (120, 120)),
    ("pink-heart-224-rgba.png", "pink", "heart", 1, "large", "white", (224, 224)),
]

TEXTS = [
    "a photo of a red circle",
    "a red circle",
    "A PHOTO OF A BLUE SQUARE",
    "two small yellow stars on a gradient background",
    "a large green triangle on a black background",
    "three small white hexagons",
    "a drawing of an orange cross",
    "a purple heart",
    "a photo of a cat",
    "",
    "a gray diamond in the center, " + "very " * 80 + "large",
]


def make_images():
    os.makedirs(SHAPES_DIR, exist_ok=True)
    rng = random.Random(2024)
    for name, color, shape, count, size, bg, (w, h) in FIXTURES:
        scene = sample_scene(rng, [(color, shape)])
        scene.update(count=count, size=size, background=bg, position=None)
        img = render(scene, rng, w, h)
        path = os.path.join(SHAPES_DIR, name)
        if name.endswith(".jpg"):
            img.save(path, quality=90)
        elif "palette" in name:
            img.convert("P", palette=Image.ADAPTIVE, colors=32).save(path)
        elif "rgba" in name:
            # fully transparent background whose colour channels stay white: convert("RGB") keeps that white
            rgba = img.convert("RGBA")
            px = np.array(rgba)
            background = (px[..., :3].astype(int) - px[0, 0, :3].astype(int)).__abs__().sum(-1) < 30
            px[background, 3] = 0
            Image.fromarray(px, "RGBA").save(path)
        else:
            img.save(path)


@torch.no_grad()
def main():
    torch.set_num_threads(2)
    make_images()
    model, bpe = load_model(os.path.join(ROOT, "tools", "out", "clip-demo.pt")), ClipBpe()
    images = []
    for name, *_ in FIXTURES:
        x = torch.from_numpy(clip_preprocess(Image.open(os.path.join(SHAPES_DIR, name))))[None]
        emb = model.vision(x)[0]
        images.append({"file": f"shapes/{name}", "embedding": [round(float(v), 7) for v in emb]})
    texts = []
    for text in TEXTS:
        ctx = bpe.context(text)
        emb = model.text(torch.tensor([ctx]))[0]
        texts.append({"text": text, "ids": bpe.encode(text), "embedding": [round(float(v), 7) for v in emb]})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    doc = {"model": "clip-demo", "dim": len(images[0]["embedding"]), "normalized": True,
           "preprocess": "PIL convert('RGB'); resize shortest side to 224 (BICUBIC, long side int(224*long/short)); "
                         "center crop 224 (offset int(round((n-224)/2))); /255; CLIP mean/std",
           "images": images, "texts": texts}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    # a glance at what the model makes of the fixtures
    sims = torch.tensor([i["embedding"] for i in images]) @ torch.tensor([t["embedding"] for t in texts]).t()
    for i, (name, *_) in enumerate(FIXTURES):
        print(f"{name:32s} best text: {TEXTS[int(sims[i].argmax())]!r}")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
