"""Synthetic captioned shapes: rendering, captions and CLIP-style preprocessing (PIL + numpy)."""
import io
import math
import random

import numpy as np
from PIL import Image, ImageDraw

SHAPES = ["circle", "square", "triangle", "star", "heart", "hexagon", "cross", "diamond"]
PLURAL = {s: s + "s" for s in SHAPES}
PLURAL["cross"] = "crosses"

COLORS = {
    "red": (220, 30, 35),
    "green": (35, 160, 50),
    "blue": (30, 70, 215),
    "yellow": (245, 215, 30),
    "orange": (250, 135, 10),
    "purple": (125, 45, 170),
    "pink": (250, 135, 190),
    "black": (15, 15, 15),
    "white": (248, 248, 248),
    "brown": (120, 72, 30),
    "gray": (128, 128, 128),
}
COLOR_NAMES = list(COLORS)

# Color x shape combinations never rendered for training; used to measure zero-shot recall.
HELD_OUT = [
    ("red", "star"), ("blue", "heart"), ("green", "triangle"), ("yellow", "square"),
    ("purple", "circle"), ("orange", "hexagon"), ("pink", "cross"), ("brown", "diamond"),
    ("gray", "star"), ("black", "heart"),
]
SEEN = [(c, s) for c in COLOR_NAMES for s in SHAPES if (c, s) not in HELD_OUT]

BACKGROUNDS = ["white", "black", "colored", "gradient", "noisy"]
NUMBER_WORDS = {1: "one", 2: "two", 3: "three"}
POSITIONS = ["top left", "top right", "bottom left", "bottom right", "center", "left", "right", "top", "bottom"]

MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)


def _shape_points(shape, cx, cy, r, rot):
    def poly(n, radius, offset):
        return [(cx + radius * math.cos(offset + 2 * math.pi * k / n), cy + radius * math.sin(offset + 2 * math.pi * k / n))
                for k in range(n)]
    if shape == "square":
        return poly(4, r * 1.3, math.pi / 4 + rot)
    if shape == "diamond":
        # a rhombus (taller than wide), then a slight rotation
        base = [(0, -r * 1.35), (r * 0.85, 0), (0, r * 1.35), (-r * 0.85, 0)]
        c, s = math.cos(rot), math.sin(rot)
        return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in base]
    if shape == "triangle":
        return poly(3, r * 1.25, -math.pi / 2 + rot)
    if shape == "hexagon":
        return poly(6, r * 1.15, rot)
    if shape == "star":
        pts = []
        for k in range(10):
            radius = r * 1.3 if k % 2 == 0 else r * 0.55
            a = -math.pi / 2 + rot + math.pi * k / 5
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
        return pts
    if shape == "cross":
        w = r * 0.38
        e = r * 1.1
        base = [(-w, -e), (w, -e), (w, -w), (e, -w), (e, w), (w, w), (w, e), (-w, e), (-w, w), (-e, w), (-e, -w), (-w, -w)]
        c, s = math.cos(rot), math.sin(rot)
        return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in base]
    raise ValueError(shape)


def draw_shape(draw, shape, cx, cy, r, color, rot=0.0):
    if shape == "circle":
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=color)
    elif shape == "heart":
        # two lobes and a point, drawn as one polygon from the parametric heart curve
        pts = []
        for k in range(60):
            t = 2 * math.pi * k / 60
            x = 16 * math.sin(t) ** 3
            y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            pts.append((cx + x * r / 15.0, cy - y * r / 15.0 + r * 0.1))
        draw.polygon(pts, fill=color)
    else:
        draw.polygon(_shape_points(shape, cx, cy, r, rot), fill=color)


def _jitter(rgb, rng, amount=18):
    return tuple(int(min(255, max(0, v + rng.randint(-amount, amount)))) for v in rgb)


def _distance(a, b):
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))


_NOISE_CACHE = {}


def _noise_texture(rng, w, h):
    key = rng.randrange(4)
    if key not in _NOISE_CACHE:
        g = np.random.default_rng(key)
        base = g.integers(90, 200, size=(3,))
        tex = base[None, None, :] + g.normal(0, 40, size=(420, 420, 3))
        _NOISE_CACHE[key] = np.clip(tex, 0, 255).astype(np.uint8)
    tex = _NOISE_CACHE[key]
    x, y = rng.randrange(0, 420 - min(w, 420) + 1), rng.randrange(0, 420 - min(h, 420) + 1)
    img = Image.fromarray(tex[y:y + h, x:x + w])
    if img.size != (w, h):
        img = img.resize((w, h))
    return img


def make_background(kind, w, h, rng, avoid):
    """Returns (image, background color name or None, mean rgb)."""
    if kind == "white":
        return Image.new("RGB", (w, h), _jitter((250, 250, 250), rng, 5)), "white", (250, 250, 250)
    if kind == "black":
        return Image.new("RGB", (w, h), _jitter((8, 8, 8), rng, 5)), "black", (8, 8, 8)
    if kind == "colored":
        choices = [c for c in COLOR_NAMES if c not in ("white", "black") and _distance(COLORS[c], avoid) > 120]
        name = rng.choice(choices)
        return Image.new("RGB", (w, h), _jitter(COLORS[name], rng, 10)), name, COLORS[name]
    if kind == "gradient":
        a = tuple(rng.randrange(256) for _ in range(3))
        b = tuple(rng.randrange(256) for _ in range(3))
        t = np.linspace(0, 1, w if rng.random() < 0.5 else h, dtype=np.float32)[:, None]
        line = (np.array(a)[None] * (1 - t) + np.array(b)[None] * t).astype(np.uint8)
        arr = np.broadcast_to(line[None, :, :], (h, w, 3)) if len(t) == w else np.broadcast_to(line[:, None, :], (h, w, 3))
        mean = tuple((np.array(a) + np.array(b)) / 2)
        return Image.fromarray(np.ascontiguousarray(arr)), None, mean
    if kind == "noisy":
        img = _noise_texture(rng, w, h)
        return img, None, tuple(np.asarray(img).reshape(-1, 3).mean(0))
    raise ValueError(kind)


def sample_scene(rng, combos):
    color, shape = rng.choice(combos)
    count = rng.choices([1, 2, 3], weights=[0.6, 0.25, 0.15])[0]
    size = rng.choice(["small", "large"])
    bg = rng.choice(BACKGROUNDS)
    if color == "white" and bg == "white":
        bg = "black"
    if color == "black" and bg == "black":
        bg = "white"
    position = rng.choice(POSITIONS) if count == 1 and size == "small" else None
    return {"color": color, "shape": shape, "count": count, "size": size, "background": bg, "position": position}


def _position_center(position, lo, hi, rng):
    span = hi - lo
    fx = {"left": 0.22, "right": 0.78}
    fy = {"top": 0.22, "bottom": 0.78}
    x = y = 0.5
    for part in position.split():
        if part in fx:
            x = fx[part]
        if part in fy:
            y = fy[part]
    return lo[0] + span[0] * (x + rng.uniform(-0.06, 0.06)), lo[1] + span[1] * (y + rng.uniform(-0.06, 0.06))


def render(scene, rng, width=224, height=224):
    """Draws a scene on a width x height canvas; shapes stay inside the central square so a center crop keeps them."""
    shape_rgb = COLORS[scene["color"]]
    for _ in range(20):
        bg_img, bg_name, bg_mean = make_background(scene["background"], width, height, rng, shape_rgb)
        if _distance(bg_mean, shape_rgb) > 110 or scene["background"] in ("white", "black", "colored"):
            break
        scene["background"] = rng.choice(["white", "black", "colored"]) if scene["color"] not in ("white", "black") \
            else ("black" if scene["color"] == "white" else "white")
    scene["background_color"] = bg_name
    side = min(width, height)
    ox, oy = (width - side) / 2, (height - side) / 2
    draw = ImageDraw.Draw(bg_img)
    scale = side / 224.0
    if scene["size"] == "small":
        r = rng.uniform(14, 24) * scale
    else:
        r = rng.uniform(40, 62) * scale if scene["count"] == 1 else \
            (rng.uniform(30, 38) * scale if scene["count"] == 2 else rng.uniform(26, 32) * scale)
    margin = r * 1.35 + 2
    lo = np.array([ox + margin, oy + margin])
    hi = np.array([ox + side - margin, oy + side - margin])
    centers = []
    for i in range(scene["count"]):
        for attempt in range(200):
            if scene.get("position") and i == 0:
                cx, cy = _position_center(scene["position"], lo, hi, rng)
            else:
                cx, cy = rng.uniform(lo[0], hi[0]), rng.uniform(lo[1], hi[1])
            if all(math.hypot(cx - a, cy - b) > 2.75 * r for a, b in centers):
                break
        centers.append((cx, cy))
    color = _jitter(shape_rgb, rng)
    rot = rng.uniform(-0.25, 0.25) if rng.random() < 0.5 else 0.0
    for cx, cy in centers:
        draw_shape(draw, scene["shape"], cx, cy, r, color, rot)
    return bg_img


def caption(scene, rng):
    c, s, n = scene["color"], scene["shape"], scene["count"]
    size = scene["size"]
    noun = s if n == 1 else PLURAL[s]
    article = "an" if (c[0] in "aeiou") else "a"
    use_size = rng.random() < 0.4
    adj = f"{size} {c}" if use_size else c
    if n == 1:
        art = "an" if adj[0] in "aeiou" else "a"
        head = rng.choice([f"{art} {adj} {noun}", f"one {adj} {noun}", f"{art} {adj} {noun}"])
    else:
        head = f"{NUMBER_WORDS[n]} {adj} {noun}"
    prefix = rng.choice(["", "", "a photo of ", "a picture of ", "an image of ", "a drawing of ", "a photo of "])
    if prefix and n > 1:
        text = prefix + head
    elif prefix:
        text = prefix + head
    else:
        text = head
    tail = ""
    r = rng.random()
    if r < 0.3 and scene.get("background_color"):
        tail = f" on a {scene['background_color']} background"
    elif r < 0.4 and scene["background"] in ("gradient", "noisy"):
        tail = f" on a {scene['background']} background"
    elif r < 0.55 and scene.get("position"):
        pos = scene["position"]
        tail = " in the center" if pos == "center" else (f" on the {pos}" if pos in ("left", "right") else
                                                       (f" at the {pos}" if pos in ("top", "bottom") else f" in the {pos}"))
    del article
    return text + tail


def caption_attributes(scene, text):
    """The set of facts a caption states; used to find every image in a batch that a caption describes."""
    words = text.split()
    facts = {("color", scene["color"]), ("shape", scene["shape"])}
    if "small" in words or "large" in words:
        facts.add(("size", scene["size"]))
    if scene["count"] > 1 or "one" in words:
        facts.add(("count", scene["count"]))
    if "background" in words:
        facts.add(("background", scene.get("background_color") or scene["background"]))
    for p in POSITIONS:
        if text.endswith(" " + p):
            facts.add(("position", scene["position"]))
    return frozenset(facts)


def scene_facts(scene):
    facts = {("color", scene["color"]), ("shape", scene["shape"]), ("size", scene["size"]), ("count", scene["count"]),
             ("background", scene.get("background_color") or scene["background"])}
    if scene["background"] in ("gradient", "noisy"):
        facts.add(("background", scene["background"]))
    if scene.get("position"):
        facts.add(("position", scene["position"]))
    return facts


def clip_preprocess(img, size=224):
    """PIL-based CLIP preprocessing: shortest side to `size` (bicubic), center crop, /255, normalise. Returns CHW float32."""
    arr = np.asarray(resize_crop(img, size), dtype=np.float32) / 255.0
    arr = (arr - MEAN) / STD
    return arr.transpose(2, 0, 1).copy()


def resize_crop(img, size=224):
    """The geometric half of CLIP preprocessing, as torchvision's Resize(size, BICUBIC) + CenterCrop(size) on PIL."""
    img = img.convert("RGB")
    w, h = img.size
    if w <= h:
        nw, nh = size, int(size * h / w)
    else:
        nw, nh = int(size * w / h), size
    if (nw, nh) != (w, h):
        img = img.resize((nw, nh), Image.BICUBIC)
    top = int(round((nh - size) / 2.0))
    left = int(round((nw - size) / 2.0))
    return img.crop((left, top, left + size, top + size))


def random_canvas(rng):
    """Mostly 224x224, sometimes smaller/larger or non-square, to mimic other image sizes after preprocessing."""
    r = rng.random()
    if r < 0.5:
        return 224, 224
    if r < 0.8:
        s = rng.choice([96, 128, 160, 200, 256, 320])
        return s, s
    a, b = rng.choice([128, 160, 224]), rng.choice([200, 260, 300])
    return (b, a) if rng.random() < 0.5 else (a, b)


def sample_example(rng, combos):
    scene = sample_scene(rng, combos)
    w, h = random_canvas(rng)
    img = render(scene, rng, w, h)
    if rng.random() < 0.25:
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=rng.randint(70, 95))
        buf.seek(0)
        img = Image.open(buf).convert("RGB")
    return scene, img


def full_caption(scene):
    """One deterministic caption that states everything in a scene (gallery and fixture captions)."""
    n, c, s = scene["count"], scene["color"], scene["shape"]
    noun = s if n == 1 else PLURAL[s]
    adj = f"{scene['size']} {c}"
    head = f"{'a' if n == 1 else NUMBER_WORDS[n]} {adj} {noun}"
    bg = scene.get("background_color") or scene["background"]
    text = f"{head} on {'an' if bg[0] in 'aeiou' else 'a'} {bg} background"
    pos = scene.get("position")
    if pos:
        text += " in the center" if pos == "center" else (f" on the {pos}" if pos in ("left", "right") else
                                                         (f" at the {pos}" if pos in ("top", "bottom") else f" in the {pos}"))
    return text
