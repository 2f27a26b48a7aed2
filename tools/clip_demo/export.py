"""ONNX export of the two towers in the Hugging Face CLIP ONNX layout, plus the folder's JSON configs."""
import json
import os

import numpy as np
import onnx
import torch

from bpe import ClipBpe, CONTEXT
from dataset import MEAN, STD

OPSET = 14


def export_text(text_tower, path, bpe=None):
    bpe = bpe or ClipBpe()
    text_tower.eval()
    sample = torch.tensor([bpe.context("a photo of a red circle")], dtype=torch.int64)
    torch.onnx.export(text_tower, (sample,), path, input_names=["input_ids"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "text_embeds": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def export_vision(vision_tower, path):
    vision_tower.eval()
    sample = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(vision_tower, (sample,), path, input_names=["pixel_values"], output_names=["image_embeds"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))


def check_padding_invariance(text_tower, bpe=None):
    """Padding with 0 after the end token must not change the output (C# pads only to the batch's longest)."""
    bpe = bpe or ClipBpe()
    worst = 0.0
    with torch.no_grad():
        for caption in ["a photo of a red circle", "two small blue stars on a white background", "a", "x " * 100]:
            ids = bpe.context(caption)
            short = text_tower(torch.tensor([ids]))
            padded = text_tower(torch.tensor([ids + [0] * (CONTEXT - len(ids))]))
            worst = max(worst, float((short - padded).abs().max()))
    assert worst < 1e-5, worst
    return worst


def check_onnx_graph(path, expected_inputs, expected_outputs):
    model = onnx.load(path)
    onnx.checker.check_model(model)
    inferred = onnx.shape_inference.infer_shapes(model)
    ins = {i.name: i for i in inferred.graph.input}
    outs = {o.name: o for o in inferred.graph.output}
    for name, elem in expected_inputs.items():
        assert name in ins and ins[name].type.tensor_type.elem_type == elem, (path, name)
    for name, elem in expected_outputs.items():
        assert name in outs and outs[name].type.tensor_type.elem_type == elem, (path, name)


def write_configs(folder, dim, text_cfg, vision_cfg, logit_scale=None):
    pre = {
        "crop_size": {"height": 224, "width": 224},
        "do_center_crop": True,
        "do_convert_rgb": True,
        "do_normalize": True,
        "do_rescale": True,
        "do_resize": True,
        "image_mean": [float(x) for x in MEAN],
        "image_std": [float(x) for x in STD],
        "image_processor_type": "CLIPImageProcessor",
        "resample": 3,
        "rescale_factor": 1.0 / 255.0,
        "size": {"shortest_edge": 224},
    }
    cfg = {
        "model_type": "clip",
        "architectures": ["CLIPModel"],
        "semsearch_model_id": "clip-demo",
        "projection_dim": dim,
        "embeddings_normalized": True,
        "text_config": dict(text_cfg, max_position_embeddings=CONTEXT, vocab_size=49408,
                            bos_token_id=49406, eos_token_id=49407, pad_token_id=0),
        "vision_config": dict(vision_cfg, image_size=224, num_channels=3),
    }
    # The card (summary, examples) is written by hand: keep it, refreshing only the trained logit scale.
    old = os.path.join(folder, "config.json")
    if os.path.exists(old):
        with open(old) as f:
            card = json.load(f).get("semsearch_card")
        if card is not None:
            if logit_scale is not None:
                card["logit_scale"] = round(float(logit_scale), 2)
            cfg = dict(list(cfg.items())[:5] + [("semsearch_card", card)] + list(cfg.items())[5:])
    with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
        json.dump(pre, f, indent=2)
        f.write("\n")
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2)
        f.write("\n")


def export_all(model, folder, dim):
    os.makedirs(os.path.join(folder, "onnx"), exist_ok=True)
    text_path = os.path.join(folder, "onnx", "text_model.onnx")
    vision_path = os.path.join(folder, "onnx", "vision_model.onnx")
    export_text(model.text, text_path)
    export_vision(model.vision, vision_path)
    check_onnx_graph(text_path, {"input_ids": onnx.TensorProto.INT64}, {"text_embeds": onnx.TensorProto.FLOAT})
    check_onnx_graph(vision_path, {"pixel_values": onnx.TensorProto.FLOAT}, {"image_embeds": onnx.TensorProto.FLOAT})
    text_cfg = {"hidden_size": model.text.ln_final.normalized_shape[0], "num_hidden_layers": len(model.text.blocks),
                "num_attention_heads": model.text.blocks[0].attn.heads, "embedding_rows": model.text.rows}
    vision_cfg = {"architecture": "small-cnn", "patch_stem": 8}
    write_configs(folder, dim, text_cfg, vision_cfg, model.logit_scale.exp().item())
    return os.path.getsize(text_path), os.path.getsize(vision_path)



def verify_onnx(model, folder, bpe=None):
    """Runs the exported files with the NumPy interpreter and compares with PyTorch (batch and length vary)."""
    import onnx_numpy
    bpe = bpe or ClipBpe()
    rows = [bpe.context(t) for t in ["a photo of a red circle", "two small blue stars on a white background", "a",
                                     "an unknown zebra"]]
    n = max(len(r) for r in rows)
    ids = np.zeros((len(rows), n), np.int64)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = r
    ids77 = np.zeros((len(rows), CONTEXT), np.int64)
    ids77[:, :n] = ids
    text_path = os.path.join(folder, "onnx", "text_model.onnx")
    vision_path = os.path.join(folder, "onnx", "vision_model.onnx")
    with torch.no_grad():
        ref_t = model.text(torch.from_numpy(ids)).numpy()
        x = np.random.RandomState(0).randn(3, 3, 224, 224).astype(np.float32)
        ref_v = model.vision(torch.from_numpy(x)).numpy()
    out = onnx_numpy.run(text_path, {"input_ids": ids})["text_embeds"]
    out77 = onnx_numpy.run(text_path, {"input_ids": ids77})["text_embeds"]
    out1 = onnx_numpy.run(text_path, {"input_ids": ids[:1, :len(rows[0])]})["text_embeds"]
    outv = onnx_numpy.run(vision_path, {"pixel_values": x})["image_embeds"]
    diffs = {"text": float(np.abs(out - ref_t).max()), "text_padded_77": float(np.abs(out77 - ref_t).max()),
             "text_single": float(np.abs(out1 - ref_t[:1]).max()), "vision": float(np.abs(outv - ref_v).max())}
    assert all(d < 1e-4 for d in diffs.values()), diffs
    return diffs
