#!/usr/bin/python3
"""Builds the image fixtures under tests/fixtures/photos and tests/fixtures/bad.

Sources are scikit-image's sample photographs as shipped by Debian (apt: python3-skimage);
see tests/fixtures/photos/LICENSE.md for their licences. Run with Debian's interpreter:

    /usr/bin/python3 tools/preprocess/make_fixtures.py

Output is deterministic for a given Pillow/libjpeg/libwebp, but the committed files are the
reference: tools/preprocess/make_reference.py computes PIL's tensors from them, not from the sources.
"""
import io
import os
import random
import struct
import zlib

import numpy as np
from PIL import Image

SRC = "/usr/lib/python3/dist-packages/skimage/data"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PHOTOS = os.path.join(ROOT, "tests", "fixtures", "photos")
BAD = os.path.join(ROOT, "tests", "fixtures", "bad")

EXIF_IFD = 0x8769
TAG_ORIENTATION = 0x0112
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_DATETIME_ORIGINAL = 0x9003


def src(name):
    return Image.open(os.path.join(SRC, name))


def png_chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write_png_raw(path, width, height, bit_depth, color_type, rows, level=9):
    """Writes a PNG from already-packed scanlines (filter byte 0 is prepended here)."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    comp = zlib.compressobj(level)
    data = bytearray()
    for row in rows:
        data += comp.compress(b"\x00" + row)
    data += comp.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(png_chunk(b"IHDR", ihdr))
        f.write(png_chunk(b"IDAT", bytes(data)))
        f.write(png_chunk(b"IEND", b""))


def oriented_source(upright, orientation):
    """Returns the stored pixels that an EXIF viewer turns into `upright` for this orientation."""
    inverse = {
        3: Image.Transpose.ROTATE_180,
        6: Image.Transpose.ROTATE_90,   # viewer rotates 90° clockwise, so store it turned counter-clockwise
        8: Image.Transpose.ROTATE_270,
    }[orientation]
    return upright.transpose(inverse)


def photos():
    os.makedirs(PHOTOS, exist_ok=True)
    chelsea = src("chelsea.png").convert("RGB")
    coffee = src("coffee.png").convert("RGB")
    astronaut = src("astronaut.png").convert("RGB")
    camera = src("camera.png").convert("L")

    chelsea.save(os.path.join(PHOTOS, "chelsea.jpg"), quality=90)
    astronaut.save(os.path.join(PHOTOS, "astronaut.jpg"), quality=88)
    # A real camera JPEG as published (SpaceX, public domain), kept byte for byte.
    with open(os.path.join(SRC, "rocket.jpg"), "rb") as f_in, open(os.path.join(PHOTOS, "rocket.jpg"), "wb") as f_out:
        f_out.write(f_in.read())
    # A 6-megapixel JPEG: the DCT-scaled (1/8) decode path. Upsampled from a real photo.
    coffee.resize((3000, 2000), Image.Resampling.BICUBIC).save(
        os.path.join(PHOTOS, "coffee-3000x2000.jpg"), quality=72)
    camera.save(os.path.join(PHOTOS, "camera-gray.jpg"), quality=90)

    for orientation in (3, 6, 8):
        exif = Image.Exif()
        exif[TAG_ORIENTATION] = orientation
        oriented_source(chelsea, orientation).save(
            os.path.join(PHOTOS, f"chelsea-orientation{orientation}.jpg"), quality=90, exif=exif.tobytes())

    exif = Image.Exif()
    exif[TAG_MAKE] = "Canon"
    exif[TAG_MODEL] = "Canon EOS 80D"
    exif[EXIF_IFD] = {TAG_DATETIME_ORIGINAL: "2021:07:14 16:32:05"}
    coffee.save(os.path.join(PHOTOS, "coffee-exif.jpg"), quality=85, exif=exif.tobytes())

    # RGBA with an alpha ramp and fully transparent regions whose colours must survive (PIL drops alpha).
    small = astronaut.resize((256, 256), Image.Resampling.LANCZOS)
    alpha = np.tile(np.linspace(0, 255, 256, dtype=np.float64), (256, 1))
    alpha[:64, :64] = 0
    alpha[200:, 180:] = 0
    rgba = small.copy()
    rgba.putalpha(Image.fromarray(alpha.astype(np.uint8), "L"))
    rgba.save(os.path.join(PHOTOS, "astronaut-alpha.png"), optimize=True)

    # Palette PNG with a transparent index (tRNS): convert("RGB") keeps the palette colour.
    pal = coffee.resize((300, 200), Image.Resampling.LANCZOS).quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    pal.info["transparency"] = 5
    pal.save(os.path.join(PHOTOS, "coffee-palette.png"), optimize=True, transparency=5)

    camera.resize((256, 256), Image.Resampling.LANCZOS).save(os.path.join(PHOTOS, "camera-gray.png"), optimize=True)

    # 16-bit RGB: PIL reads it as 8-bit RGB by keeping the high byte of each sample.
    rng = np.random.default_rng(16)
    base = np.asarray(chelsea.crop((150, 60, 310, 180)), dtype=np.int32)  # 160 x 120
    wide = np.clip(base * 257 + rng.integers(-128, 128, size=base.shape), 0, 65535).astype(">u2")
    write_png_raw(os.path.join(PHOTOS, "chelsea-rgb16.png"), 160, 120, 16, 2, [r.tobytes() for r in wide])

    # 16-bit grayscale ramp (decode-only fixture: PIL clips mode I to 255 in convert("RGB"), we do not copy that).
    ramp = (np.add.outer(np.arange(64), np.arange(64)) * 520).astype(">u2")
    write_png_raw(os.path.join(PHOTOS, "ramp-gray16.png"), 64, 64, 16, 0, [r.tobytes() for r in ramp])

    # Two-frame GIF: decoders must return the first frame only.
    gif_first = chelsea.resize((300, 200), Image.Resampling.LANCZOS).quantize(colors=128)
    gif_second = Image.new("P", (300, 200), 0)
    gif_second.putpalette(gif_first.getpalette())
    gif_first.save(os.path.join(PHOTOS, "chelsea-2frames.gif"), save_all=True,
                   append_images=[gif_second], duration=200, loop=0)

    # GIF with a transparent index: PIL's convert("RGB") shows that index's palette colour, not black.
    small_gif = chelsea.resize((96, 64), Image.Resampling.LANCZOS).quantize(colors=64)
    small_gif.save(os.path.join(PHOTOS, "chelsea-transparent.gif"), transparency=small_gif.getpixel((0, 0)))

    coffee.save(os.path.join(PHOTOS, "coffee.webp"), quality=80, method=6)
    rgba.resize((128, 128), Image.Resampling.LANCZOS).save(os.path.join(PHOTOS, "astronaut-alpha.webp"), quality=80)
    chelsea.crop((150, 60, 310, 180)).save(os.path.join(PHOTOS, "chelsea.bmp"))


def bad():
    os.makedirs(BAD, exist_ok=True)
    open(os.path.join(BAD, "empty.jpg"), "wb").close()

    with open(os.path.join(PHOTOS, "chelsea.jpg"), "rb") as f:
        jpeg = f.read()
    with open(os.path.join(BAD, "truncated.jpg"), "wb") as f:
        f.write(jpeg[: len(jpeg) * 2 // 5])
    with open(os.path.join(BAD, "header-only.jpg"), "wb") as f:
        f.write(jpeg[:200])

    with open(os.path.join(PHOTOS, "coffee-palette.png"), "rb") as f:
        png = f.read()
    with open(os.path.join(BAD, "truncated.png"), "wb") as f:
        f.write(png[: len(png) // 2])
    with open(os.path.join(BAD, "signature-only.png"), "wb") as f:
        f.write(png[:20])

    rng = random.Random(1234)
    noise = bytearray(rng.getrandbits(8) for _ in range(4096))
    noise[0:2] = b"\x13\x37"  # make sure it does not start like any image by chance
    with open(os.path.join(BAD, "random.jpg"), "wb") as f:
        f.write(bytes(noise))

    with open(os.path.join(BAD, "page.png"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n"
                "<body><h1>Not Found</h1><p>The requested image was not found.</p></body></html>\n")
    with open(os.path.join(BAD, "notes.jpg"), "w", encoding="utf-8") as f:
        f.write("This is a plain text file that someone named .jpg\n")

    # Decompression bomb: 30000 x 30000 1-bit grayscale, all zeros; ~110 KB on disk, 900 megapixels.
    width = height = 30000
    row = bytes((width + 7) // 8)
    write_png_raw(os.path.join(BAD, "bomb-30000x30000.png"), width, height, 1, 0, (row for _ in range(height)))

    # A JPEG whose SOF0 header declares 60000 x 60000 (the scan data is a tiny image's).
    tiny = io.BytesIO()
    Image.new("RGB", (16, 16), (30, 120, 200)).save(tiny, format="JPEG", quality=90)
    tiny = tiny.getvalue()
    sof = tiny.index(b"\xff\xc0")
    patched = bytearray(tiny)
    patched[sof + 5: sof + 9] = struct.pack(">HH", 60000, 60000)
    with open(os.path.join(BAD, "bomb-60000x60000.jpg"), "wb") as f:
        f.write(bytes(patched))

    # Recognised formats that we do not decode.
    Image.new("RGB", (8, 8), (200, 30, 30)).save(os.path.join(BAD, "tiny.tif"))
    # ISO-BMFF 'ftyp' box as HEIC files start (brand heic); the rest is filler.
    heic = struct.pack(">I", 24) + b"ftypheic" + struct.pack(">I", 0) + b"mif1heic" + bytes(64)
    with open(os.path.join(BAD, "photo.heic"), "wb") as f:
        f.write(heic)


if __name__ == "__main__":
    photos()
    bad()
