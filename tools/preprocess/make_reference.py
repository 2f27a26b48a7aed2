#!/usr/bin/python3
"""Reference data for the C# imaging parity tests, computed with PIL + numpy only.

    /usr/bin/python3 tools/preprocess/make_reference.py

For every photo fixture: PIL opens it, ImageOps.exif_transpose, convert("RGB"), resizes the shortest side
to the fixture's size (224, 96 or 64) with Image.BICUBIC (torchvision's Resize size rule), centre-crops like
torchvision, then ToTensor + Normalize in float32. Written to tests/fixtures/preprocess/:
  * <name>.crop.u8.gz    the size x size x 3 uint8 crop (HWC) before normalisation; the tensor is exactly
                         ((crop / 255) - mean) / std in float32, so this is the compact form of every tensor;
  * <name>.tensor.f32.gz the normalised CHW float32 tensor itself, for a few fixtures, so the C# side also
                         checks the float arithmetic against numpy rather than against its own formula;
  * resize-*.u8.gz       plain PIL Image.resize(..., BICUBIC) outputs (HWC uint8) of lossless fixtures at
                         several sizes, for the bit-exactness test of the resampler;
  * manifest.json        what each file is, with the geometry PIL used.
"""
import gzip
import json
import os

import numpy as np
import PIL
from PIL import Image, ImageOps

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(FIXTURES, "preprocess")

MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)

# (fixture, size). CLIP's 224 for the main cases; 96 and 64 elsewhere keep the committed data small while still
# exercising orientation, formats and other JPEG DCT scales (the decoder picks the scale from the size).
TENSOR_FIXTURES = [
    ("coffee-3000x2000.jpg", 224),
    ("rocket.jpg", 224),
    ("chelsea.jpg", 224),
    ("camera-gray.jpg", 224),
    ("astronaut-alpha.png", 224),
    ("coffee-3000x2000.jpg", 96),
    ("rocket.jpg", 96),
    ("astronaut.jpg", 96),
    ("chelsea-orientation3.jpg", 64),
    ("chelsea-orientation6.jpg", 64),
    ("chelsea-orientation8.jpg", 64),
    ("coffee-exif.jpg", 96),
    ("coffee-palette.png", 96),
    ("camera-gray.png", 96),
    ("chelsea-rgb16.png", 96),
    ("chelsea-2frames.gif", 96),
    ("chelsea-transparent.gif", 64),
    ("coffee.webp", 96),
    ("astronaut-alpha.webp", 96),
    ("chelsea.bmp", 96),
]
# Fixtures whose full float tensor is stored as well (one lossless, one JPEG).
FULL_TENSORS = {("chelsea.bmp", 96), ("coffee-exif.jpg", 96)}

# (fixture, width, height): downscales, upscales, mixed, one pass only (same width or height), extreme ratios.
RESIZES = [
    ("astronaut-alpha.png", 97, 131),
    ("astronaut-alpha.png", 17, 9),
    ("coffee-palette.png", 150, 100),
    ("coffee-palette.png", 123, 260),
    ("chelsea.bmp", 181, 131),
    ("chelsea.bmp", 160, 37),
    ("chelsea.bmp", 77, 120),
    ("camera-gray.png", 111, 77),
]


def load_rgb(name):
    im = Image.open(os.path.join(FIXTURES, "photos", name))
    im = ImageOps.exif_transpose(im)
    return im.convert("RGB")


def resized_size(width, height, size):
    """torchvision.transforms.functional._compute_resized_output_size for an int size."""
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = size, int(size * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def clip_crop(im, size):
    w, h = resized_size(im.width, im.height, size)
    resized = im if (w, h) == im.size else im.resize((w, h), Image.BICUBIC)
    top = int(round((h - size) / 2.0))
    left = int(round((w - size) / 2.0))
    crop = resized.crop((left, top, left + size, top + size))
    return crop, (w, h), (left, top)


def normalise(crop):
    x = np.asarray(crop, dtype=np.uint8).astype(np.float32) / np.float32(255)
    x = (x - MEAN) / STD
    return np.ascontiguousarray(x.transpose(2, 0, 1), dtype="<f4")


def write_gz(name, data):
    with gzip.GzipFile(os.path.join(OUT, name), "wb", compresslevel=9, mtime=0) as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {
        "generator": "tools/preprocess/make_reference.py",
        "pillow": PIL.__version__,
        "numpy": np.__version__,
        "mean": [float(v) for v in MEAN],
        "std": [float(v) for v in STD],
        "tensors": [],
        "resizes": [],
    }
    for name, size in TENSOR_FIXTURES:
        im = load_rgb(name)
        crop, (w, h), (left, top) = clip_crop(im, size)
        stem = os.path.splitext(name)[0] + "-" + os.path.splitext(name)[1][1:] + f"-{size}"
        crop_file = f"{stem}.crop.u8.gz"
        write_gz(crop_file, np.asarray(crop, dtype=np.uint8).tobytes())
        entry = {
            "image": name,
            "size": size,
            "orientedWidth": im.width,
            "orientedHeight": im.height,
            "resizedWidth": w,
            "resizedHeight": h,
            "left": left,
            "top": top,
            "crop": crop_file,
            "tensor": None,
        }
        if (name, size) in FULL_TENSORS:
            tensor_file = f"{stem}.tensor.f32.gz"
            write_gz(tensor_file, normalise(crop).tobytes())
            entry["tensor"] = tensor_file
        manifest["tensors"].append(entry)

    for name, width, height in RESIZES:
        im = load_rgb(name)
        out = im.resize((width, height), Image.BICUBIC)
        stem = os.path.splitext(name)[0] + "-" + os.path.splitext(name)[1][1:]
        file = f"resize-{stem}-{width}x{height}.u8.gz"
        write_gz(file, np.asarray(out, dtype=np.uint8).tobytes())
        manifest["resizes"].append({"image": name, "width": width, "height": height, "pixels": file})

    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
