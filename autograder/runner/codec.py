"""Plain-data frames between judge and child: a JSON tree plus `.npy` blobs, never pickle.

A frame is `<Q total length>`, then `<I json length>` + JSON, then each array as
`<Q length>` + `.npy` bytes. Arrays, tensors, tuples, dicts and handles are tagged JSON
objects (`{"$ndarray": i}`, `{"$tensor": i, ...}`, ...) so nothing is ever evaluated.
"""
import io
import json
import math
import os
import struct
import sys

import numpy as np

# Bounds on what the judge reads from a worker, far below the judge's memory: a reply is small
# (a figure's PNG is the largest, at most a few MiB), and a hostile one is cut off here.
MAX_FRAME = 32 * 2**20  # bytes of one frame
MAX_HEAD = 2**20  # bytes of its JSON tree (arrays travel as .npy, outside it)
MAX_NODES = 200_000  # values in the tree
MAX_BLOBS = 1_000  # arrays in one frame
MAX_DEPTH = 64


class FrameError(Exception):
    """A frame that is truncated, oversized or not plain data."""


class Handle:
    """A reference to an object that lives in the child (a model, a figure, ...)."""

    def __init__(self, ident, type_name):
        self.id, self.type_name = ident, type_name

    def __repr__(self):
        return f"<{self.type_name} object>"


def encode(value, keep=None):
    """Serialise `value` to frame bytes; `keep(obj) -> Handle` stores what is not plain data."""
    blobs = []
    tree = _to_tree(value, blobs, keep, 0)
    head = json.dumps(tree, allow_nan=True).encode()
    parts = [struct.pack("<I", len(head)), head]
    for blob in blobs:
        parts += [struct.pack("<Q", len(blob)), blob]
    body = b"".join(parts)
    return struct.pack("<Q", len(body)) + body


def decode(body, resolve=None):
    """Rebuild a value from a frame body; `resolve(id)` turns handles back into objects."""
    try:
        (head_len,) = struct.unpack_from("<I", body, 0)
        if head_len > MAX_HEAD:
            raise FrameError(f"a data tree of {head_len} bytes, over the {MAX_HEAD}-byte limit")
        tree = json.loads(body[4 : 4 + head_len].decode())
        blobs, offset = [], 4 + head_len
        while offset < len(body):
            if len(blobs) >= MAX_BLOBS:
                raise FrameError(f"more than {MAX_BLOBS} arrays")
            (size,) = struct.unpack_from("<Q", body, offset)
            offset += 8
            blobs.append(_plain_array(np.load(io.BytesIO(body[offset : offset + size]), allow_pickle=False)))
            offset += size
        return _from_tree(tree, blobs, resolve, 0, [MAX_NODES])
    except FrameError:
        raise
    except Exception as error:  # any malformed input from the child is one kind of failure
        raise FrameError(f"unreadable data ({type(error).__name__}: {error})") from None


def _plain_array(array):
    """Numbers only, each taking memory: a zero-size element type would let a 200-byte frame
    stand for 10^9 elements that the judge then turns into objects."""
    if array.dtype.kind not in "biufc" or array.dtype.itemsize == 0:
        raise FrameError(f"an array of {array.dtype}, not numbers")
    return array


def write_frame(fd, value, keep=None):
    """Encode `value` and write it whole to file descriptor `fd`."""
    write_bytes(fd, encode(value, keep))


def write_bytes(fd, frame):
    """Write an encoded frame whole to file descriptor `fd`."""
    data = memoryview(frame)
    while data:
        data = data[os.write(fd, data) :]


def read_exact(fd, size):
    """Read exactly `size` bytes from `fd`; EOF before that raises EOFError."""
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def frame_size(header):
    """The size a frame's 8-byte `header` announces; FrameError past MAX_FRAME."""
    (size,) = struct.unpack("<Q", header)
    if size > MAX_FRAME:
        raise FrameError(f"a reply of {size:,} bytes, over the limit of {MAX_FRAME:,}")
    return size


def read_frame(fd, resolve=None):
    """Read one frame from `fd` and decode it."""
    return decode(read_exact(fd, frame_size(read_exact(fd, 8))), resolve)


def type_name(obj):
    """`module.QualName` of an object's type, as shown in feedback."""
    kind = type(obj)
    return f"{kind.__module__}.{kind.__qualname__}"


def _is_tensor(value):
    torch = sys.modules.get("torch")
    return torch is not None and isinstance(value, torch.Tensor)


def _blob(array, blobs):
    buffer = io.BytesIO()
    np.save(buffer, np.asarray(array), allow_pickle=False)
    blobs.append(buffer.getvalue())
    return len(blobs) - 1


def _to_tree(value, blobs, keep, depth):
    if depth > MAX_DEPTH:
        raise FrameError("data nested too deeply")
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)) and type(value) in (int, float):
        return value if isinstance(value, int) or math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, Handle):
        return {"$handle": value.id}
    if isinstance(value, (np.ndarray, np.generic)) and np.asarray(value).dtype.kind in "biufc":
        array = np.array(value)  # a plain copy: ndarray subclasses lose their behaviour here
        return {"$ndarray": _blob(array, blobs), "scalar": isinstance(value, np.generic)}
    if _is_tensor(value):
        return _tensor_tree(value, blobs)
    if type(value) in (list, tuple):
        items = [_to_tree(item, blobs, keep, depth + 1) for item in value]
        return items if type(value) is list else {"$tuple": items}
    if type(value) is dict and all(type(key) is str for key in value):
        return {"$dict": {key: _to_tree(item, blobs, keep, depth + 1) for key, item in value.items()}}
    if keep is None:
        raise FrameError(f"{type_name(value)} is not plain data")
    return {"$handle": keep(value).id, "type": type_name(value)}


def _tensor_tree(tensor, blobs):
    import torch

    plain = tensor.detach().cpu()
    if type(plain) is not torch.Tensor:
        plain = plain.as_subclass(torch.Tensor)
    dtype = str(plain.dtype).removeprefix("torch.")
    if plain.dtype == torch.bfloat16:
        plain = plain.float()
    return {
        "$tensor": _blob(plain.resolve_conj().resolve_neg().numpy(), blobs),
        "dtype": dtype,
        "requires_grad": bool(tensor.requires_grad),
        "device": str(tensor.device),
    }


def _from_tree(tree, blobs, resolve, depth, budget):
    """`budget` is a one-element list: how many more values the tree may hold."""
    if depth > MAX_DEPTH:
        raise FrameError("data nested too deeply")
    budget[0] -= 1
    if budget[0] < 0:
        raise FrameError(f"more than {MAX_NODES} values")
    if isinstance(tree, list):
        return [_from_tree(item, blobs, resolve, depth + 1, budget) for item in tree]
    if not isinstance(tree, dict):
        return tree
    if "$ndarray" in tree:
        array = blobs[tree["$ndarray"]]
        return array[()] if tree.get("scalar") else array
    if "$tensor" in tree:
        return _tensor_from(tree, blobs[tree["$tensor"]])
    if "$float" in tree:
        return float(tree["$float"])
    if "$tuple" in tree:
        return tuple(_from_tree(item, blobs, resolve, depth + 1, budget) for item in tree["$tuple"])
    if "$dict" in tree:
        return {str(k): _from_tree(v, blobs, resolve, depth + 1, budget) for k, v in tree["$dict"].items()}
    if "$handle" in tree:
        ident = int(tree["$handle"])
        return resolve(ident) if resolve else Handle(ident, " ".join(str(tree.get("type", "object")).split())[:200])
    raise FrameError(f"unknown tag in {sorted(tree)[:3]}")


def _tensor_from(tree, array):
    import torch

    tensor = torch.from_numpy(np.array(array))
    dtype = getattr(torch, str(tree.get("dtype", "")), None)
    if isinstance(dtype, torch.dtype) and dtype != tensor.dtype:
        tensor = tensor.to(dtype)
    if tree.get("requires_grad") and tensor.is_floating_point():
        tensor.requires_grad_(True)
    return tensor
