"""Writes dynamic-int8 copies of a model folder's towers: onnx/X.onnx -> onnx/X_quantized.onnx.

    /usr/bin/python3 tools/clip_demo/quantize_int8.py MODEL_DIR [OUT_ONNX_DIR]

The structure is the one Xenova's *_quantized.onnx exports have (ONNX Runtime's dynamic quantization): every MatMul
or Gemm whose weight is a constant becomes
    DynamicQuantizeLinear(x) -> x_q uint8, x_scale, x_zero
    MatMulInteger(x_q, W_q int8, x_zero, 0) -> int32
    Cast(float) * (x_scale * w_scale) [+ bias]
with W_q symmetric int8 per output column (w_scale = max|W[:, n]| / 127). Activation x activation products (attention
scores) and convolutions stay fp32. Debian has no onnxruntime for Python, so the rewrite is done here with onnx alone;
ONNX Runtime fuses the pattern into its DynamicQuantizeMatMul kernel when the session is created.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def _float_attr(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return a.f
    return default


def _int_attr(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return a.i
    return default


def _weight_of(node, inits):
    """The constant K x N weight of a MatMul/Gemm and its bias, or None when the node is not a plain linear layer."""
    if node.op_type == "MatMul" and node.input[1] in inits:
        w = numpy_helper.to_array(inits[node.input[1]])
        return (w, None) if w.ndim == 2 else None
    if node.op_type == "Gemm" and node.input[1] in inits:
        if _int_attr(node, "transA", 0) or _float_attr(node, "alpha", 1.0) != 1.0 or _float_attr(node, "beta", 1.0) != 1.0:
            return None
        w = numpy_helper.to_array(inits[node.input[1]])
        w = w.T if _int_attr(node, "transB", 0) else w
        return w, (node.input[2] if len(node.input) > 2 and node.input[2] else None)
    return None


def quantize_model(model):
    if not any(o.domain in ("", "ai.onnx") and o.version >= 11 for o in model.opset_import):
        raise ValueError("DynamicQuantizeLinear needs opset 11 or later; export with a newer opset first")
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    nodes, new_inits, done = [], [], 0
    zero = "int8_weight_zero_point"
    new_inits.append(numpy_helper.from_array(np.array(0, dtype=np.int8), zero))
    for node in graph.node:
        found = _weight_of(node, inits)
        if found is None:
            nodes.append(node)
            continue
        w, bias = found
        w = w.astype(np.float32)
        scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / 127.0
        w_q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
        p = f"q{done}"
        new_inits += [numpy_helper.from_array(w_q, f"{p}_w_quantized"),
                      numpy_helper.from_array(scale.astype(np.float32), f"{p}_w_scale")]
        out = node.output[0]
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [node.input[0]], [f"{p}_x_q", f"{p}_x_scale", f"{p}_x_zero"]),
            helper.make_node("MatMulInteger", [f"{p}_x_q", f"{p}_w_quantized", f"{p}_x_zero", zero], [f"{p}_int32"]),
            helper.make_node("Mul", [f"{p}_x_scale", f"{p}_w_scale"], [f"{p}_scale"]),
            helper.make_node("Cast", [f"{p}_int32"], [f"{p}_float"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [f"{p}_float", f"{p}_scale"], [f"{p}_scaled" if bias else out]),
        ]
        if bias:
            nodes.append(helper.make_node("Add", [f"{p}_scaled", bias], [out]))
        done += 1
    used = {i for n in nodes for i in n.input}
    kept = [i for i in graph.initializer if i.name in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + new_inits)
    return done


def quantize_file(src, dst):
    model = onnx.load(src)
    count = quantize_model(model)
    onnx.checker.check_model(model)
    onnx.save(model, dst)
    print(f"{os.path.basename(dst)}: {count} MatMul/Gemm quantized, {os.path.getsize(src):,} B -> {os.path.getsize(dst):,} B")
    return count


def quantize_folder(folder, out_onnx=None):
    out_onnx = out_onnx or os.path.join(folder, "onnx")
    os.makedirs(out_onnx, exist_ok=True)
    for tower in ("text_model", "vision_model"):
        quantize_file(os.path.join(folder, "onnx", f"{tower}.onnx"), os.path.join(out_onnx, f"{tower}_quantized.onnx"))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    quantize_folder(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
