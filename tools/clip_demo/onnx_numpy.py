"""A minimal NumPy interpreter for the ONNX operators the demo model's graphs use.

ONNX Runtime is not available to Debian's Python here, so this runs the exported files themselves (not the PyTorch
modules) to check them against PyTorch: a wrong export (a traced constant shape, a lost dynamic axis) shows up as
a difference. Only what these graphs need is implemented; an unknown operator raises.
"""
import math

import numpy as np
import onnx
from onnx import numpy_helper

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _conv(x, w, b, a):
    kh, kw = w.shape[2:]
    if a.get("group", 1) != 1 or any(d != 1 for d in a.get("dilations", [1, 1])):
        raise NotImplementedError("grouped or dilated Conv")
    pt, pl, pb, pr = a.get("pads", [0, 0, 0, 0])
    sh, sw = a.get("strides", [1, 1])
    x = np.pad(x, ((0, 0), (0, 0), (pt, pb), (pl, pr)))
    win = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    y = np.einsum("nchwij,mcij->nmhw", win, w, optimize=True)
    if b is not None:
        y = y + b[None, :, None, None]
    return y.astype(np.float32)


def _reduce(fn, x, a):
    axes = a.get("axes")
    axes = tuple(range(x.ndim)) if axes is None else tuple(axes)
    return fn(x, axis=axes, keepdims=bool(a.get("keepdims", 1)))


def _run_node(op, ins, a, n_out):
    if op == "Constant":
        return [numpy_helper.to_array(a["value"])]
    if op in ("Add", "Sub", "Mul", "Pow"):
        x, y = ins
        r = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Pow": np.power}[op](x, y)
        return [r.astype(x.dtype)]
    if op == "Div":
        x, y = ins
        return [(x // y if np.issubdtype(x.dtype, np.integer) else x / y).astype(x.dtype)]
    if op == "Sqrt":
        return [np.sqrt(ins[0])]
    if op == "Erf":
        return [_erf(ins[0]).astype(ins[0].dtype)]
    if op == "Relu":
        return [np.maximum(ins[0], 0)]
    if op == "Unsqueeze":
        x = ins[0]
        for ax in sorted(int(v) % (x.ndim + len(ins[1])) for v in ins[1]):
            x = np.expand_dims(x, ax)
        return [x]
    if op == "Squeeze":
        axes = tuple(int(v) for v in ins[1]) if len(ins) > 1 and ins[1] is not None else None
        return [np.squeeze(ins[0], axis=axes)]
    if op == "Gather":
        return [np.take(ins[0], ins[1].astype(np.int64), axis=a.get("axis", 0))]
    if op == "MatMul":
        return [np.matmul(ins[0], ins[1]).astype(np.float32)]
    if op == "Gemm":
        x, w = ins[0], ins[1]
        x = x.T if a.get("transA", 0) else x
        w = w.T if a.get("transB", 0) else w
        y = a.get("alpha", 1.0) * (x @ w)
        if len(ins) > 2:
            y = y + a.get("beta", 1.0) * ins[2]
        return [y.astype(np.float32)]
    if op == "Shape":
        return [np.array(ins[0].shape, dtype=np.int64)]
    if op == "Concat":
        return [np.concatenate(ins, axis=a["axis"])]
    if op == "Reshape":
        x, shape = ins
        shape = [x.shape[i] if (s == 0 and not a.get("allowzero", 0)) else int(s) for i, s in enumerate(shape)]
        return [x.reshape(shape)]
    if op == "Transpose":
        return [np.transpose(ins[0], a.get("perm"))]
    if op == "Slice":
        x, starts, ends = ins[:3]
        axes = ins[3] if len(ins) > 3 and ins[3] is not None else range(len(starts))
        steps = ins[4] if len(ins) > 4 and ins[4] is not None else [1] * len(starts)
        idx = [slice(None)] * x.ndim
        for s, e, ax, st in zip(starts, ends, axes, steps):
            idx[int(ax)] = slice(int(s), int(max(min(e, 2 ** 62), -2 ** 62)), int(st))
        return [x[tuple(idx)]]
    if op == "Split":
        axis = a.get("axis", 0)
        x = ins[0]
        if len(ins) > 1 and ins[1] is not None:
            bounds = np.cumsum(ins[1])[:-1]
        else:
            bounds = [x.shape[axis] // n_out * k for k in range(1, n_out)]
        return list(np.split(x, bounds, axis=axis))
    if op == "Softmax":
        x = ins[0]
        ax = a.get("axis", -1)
        e = np.exp(x - x.max(axis=ax, keepdims=True))
        return [(e / e.sum(axis=ax, keepdims=True)).astype(x.dtype)]
    if op == "ReduceMean":
        return [_reduce(np.mean, ins[0], a).astype(ins[0].dtype)]
    if op == "ReduceMax":
        return [_reduce(np.max, ins[0], a)]
    if op == "ReduceL2":
        return [np.sqrt(_reduce(np.sum, ins[0] * ins[0], a)).astype(ins[0].dtype)]
    if op == "Cast":
        return [ins[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[a["to"]])]
    if op == "ArgMax":
        x, ax = ins[0], a.get("axis", 0)
        if a.get("select_last_index", 0):
            r = x.shape[ax] - 1 - np.argmax(np.flip(x, axis=ax), axis=ax)
        else:
            r = np.argmax(x, axis=ax)
        if a.get("keepdims", 1):
            r = np.expand_dims(r, ax)
        return [r.astype(np.int64)]
    if op == "Range":
        start, limit, delta = (v.item() for v in ins)
        return [np.arange(start, limit, delta, dtype=ins[0].dtype)]
    if op == "Flatten":
        x, ax = ins[0], a.get("axis", 1)
        return [x.reshape(int(np.prod(x.shape[:ax])), -1)]
    if op == "Clip":
        x = ins[0]
        lo = ins[1] if len(ins) > 1 and ins[1] is not None else None
        hi = ins[2] if len(ins) > 2 and ins[2] is not None else None
        return [np.clip(x, lo, hi)]
    if op == "Expand":
        x, shape = ins
        target = np.broadcast_shapes(x.shape, tuple(int(s) for s in shape))
        return [np.broadcast_to(x, target).copy()]
    if op == "Conv":
        return [_conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, a)]
    if op in ("Tanh", "Sigmoid", "Exp", "Neg"):
        f = {"Tanh": np.tanh, "Sigmoid": lambda v: 1 / (1 + np.exp(-v)), "Exp": np.exp, "Neg": np.negative}[op]
        return [f(ins[0]).astype(ins[0].dtype)]
    if op == "Identity":
        return [ins[0]]
    if op == "Where":
        return [np.where(ins[0], ins[1], ins[2])]
    if op == "Equal":
        return [np.equal(ins[0], ins[1])]
    if op == "ConstantOfShape":
        v = numpy_helper.to_array(a["value"]) if "value" in a else np.zeros(1, np.float32)
        return [np.full(tuple(int(s) for s in ins[0]), v.reshape(-1)[0], dtype=v.dtype)]
    raise NotImplementedError(op)


def run(path_or_model, feeds):
    """Runs the graph on a dict of NumPy inputs; returns a dict of outputs by name."""
    model = onnx.load(path_or_model) if isinstance(path_or_model, str) else path_or_model
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values.update(feeds)
    for node in model.graph.node:
        ins = [values[i] if i else None for i in node.input]
        outs = _run_node(node.op_type, ins, _attrs(node), len(node.output))
        for name, v in zip(node.output, outs):
            values[name] = np.asarray(v)
    return {o.name: values[o.name] for o in model.graph.output}
