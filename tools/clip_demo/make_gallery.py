"""Writes demo-gallery/ (about 300 small generated images + captions.tsv) and checks the demo model on it.

    /usr/bin/python3 tools/clip_demo/make_gallery.py            # regenerate the gallery, then check
    /usr/bin/python3 tools/clip_demo/make_gallery.py --check    # only check the current gallery

The check embeds every gallery image with the trained checkpoint (tools/out/clip-demo.pt, PIL preprocessing) and
asks "a <color> <shape>" ("an" before a vowel) for every colour x shape in the gallery: the top result must show that colour and shape.
"""
import argparse
import json
import os
import random
import sys

import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bpe import ClipBpe  # noqa: E402
from dataset import HELD_OUT, SEEN, clip_preprocess, full_caption, render, sample_scene  # noqa: E402
from model import DemoClip  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GALLERY = os.path.join(ROOT, "demo-gallery")
SIZES = [(128, 128), (128, 128), (144, 144), (160, 160), (160, 160), (200, 200), (200, 140), (140, 200), (180, 120)]


def generate(seed=7):
    rng = random.Random(seed)
    plan = [c for c in SEEN for _ in range(3)] + list(HELD_OUT)
    plan += [rng.choice(SEEN) for _ in range(300 - len(plan))]
    rng.shuffle(plan)
    for name in os.listdir(GALLERY) if os.path.isdir(GALLERY) else []:
        if name.endswith((".jpg", ".png")):
            os.remove(os.path.join(GALLERY, name))
    os.makedirs(GALLERY, exist_ok=True)
    rows = []
    for k, combo in enumerate(plan):
        scene = sample_scene(rng, [combo])
        w, h = rng.choice(SIZES)
        if min(w, h) < 160:
            # a small shape on a small picture is a few pixels wide: not something to show in a demo
            scene["size"], scene["position"] = "large", None
        img = render(scene, rng, w, h)
        # noisy backgrounds compress badly as PNG
        ext = "jpg" if scene["background"] in ("noisy", "gradient") or rng.random() < 0.4 else "png"
        name = f"{combo[0]}-{combo[1]}-{k:03d}.{ext}"
        path = os.path.join(GALLERY, name)
        if ext == "jpg":
            img.save(path, quality=85)
        else:
            img.save(path, optimize=True)
        rows.append((name, full_caption(scene)))
    with open(os.path.join(GALLERY, "captions.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("file\tcaption\n")
        for name, text in rows:
            f.write(f"{name}\t{text}\n")
    total = sum(os.path.getsize(os.path.join(GALLERY, n)) for n in os.listdir(GALLERY))
    print(f"wrote {len(rows)} images, {total:,} bytes")


def load_model(checkpoint):
    ck = torch.load(checkpoint)
    model = DemoClip(ck["known"], dim=ck["dim"])
    model.load_state_dict(ck["state"])
    return model.eval()


@torch.no_grad()
def check(checkpoint):
    torch.set_num_threads(2)
    model, bpe = load_model(checkpoint), ClipBpe()
    with open(os.path.join(GALLERY, "captions.tsv"), encoding="utf-8") as f:
        files = [line.split("\t")[0] for line in f.read().splitlines()[1:]]
    combos = [tuple(n.split("-")[:2]) for n in files]
    x = torch.stack([torch.from_numpy(clip_preprocess(Image.open(os.path.join(GALLERY, n)))) for n in files])
    img = model.vision(x)
    results = {}
    for template in ("{} {} {}", "a photo of {} {} {}"):
        ok, failures = 0, []
        queries = sorted(set(combos))
        for combo in queries:
            text = template.format("an" if combo[0][0] in "aeiou" else "a", *combo)
            ids = torch.tensor([bpe.context(text)])
            best = int((img @ model.text(ids).t()).squeeze(1).argmax())
            if combos[best] == combo:
                ok += 1
            else:
                failures.append(f"{text} -> {files[best]}")
        results[template] = {"top1_correct": ok, "queries": len(queries), "failures": failures}
        print(f"'{template}': top-1 correct for {ok}/{len(queries)} colour x shape queries")
        for fail in failures:
            print("   miss:", fail)
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only check the existing gallery")
    ap.add_argument("--checkpoint", default=os.path.join(ROOT, "tools", "out", "clip-demo.pt"))
    ap.add_argument("--json", help="write the check's results here")
    args = ap.parse_args()
    if not args.check:
        generate()
    results = check(args.checkpoint)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
