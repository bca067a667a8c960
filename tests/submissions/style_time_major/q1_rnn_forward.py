"""A correct Q1 in another style: torch, float32, batched matrix products, h0 via torch.zeros."""
import torch


def _forward(x, U, W, V, b, c, state, jordan):
    x, U, W, V, b = (torch.as_tensor(a, dtype=torch.float32).reshape(torch.as_tensor(a).shape) for a in (x, U, W, V, b))
    c = torch.as_tensor(c, dtype=torch.float32)
    prev = torch.zeros(V.shape[1] if jordan else W.shape[0]) if state is None else torch.as_tensor(state, dtype=torch.float32)
    ys, hs = [], []
    for t in range(x.shape[0]):
        h = torch.tanh(x[t] @ U + prev @ W + b)
        y = torch.sigmoid(h @ V + c)
        prev = y if jordan else h
        ys.append(y)
        hs.append(h)
    y = torch.stack(ys) if ys else torch.zeros(0, V.shape[1])
    h = torch.stack(hs) if hs else torch.zeros(0, U.shape[1])
    return y.numpy(), h.numpy()


def elman_forward(x, U, W, V, b, c, h0=None):
    return _forward(x, U, W, V, b, c, h0, jordan=False)


def jordan_forward(x, U, W, V, b, c, y0=None):
    return _forward(x, U, W, V, b, c, y0, jordan=True)
