"""Q2 knowledge: the data recipe with switches for each mistake, and the catalogues built from it."""
import numpy as np
import torch
from torch import nn

from autograder.graders.tutorial8_rnn.hidden import loops
from autograder.judge.misconceptions import Misconception, candidates


def lagged(x, y1_lag=1, y2_lags=(1, 3)):
    """y from x by the tutorial's formulas (no noise): y1 from t = 1, y2 from t = 3, lags as given."""
    x = np.asarray(x, dtype=np.float64)
    steps = x.shape[1]
    y = np.zeros(x.shape[:2] + (2,))
    y[:, 1:, 0] = 5 * x[:, 1:, 0] - 0.2 * x[:, 1 - y1_lag : steps - y1_lag, 2]
    a, b = y2_lags
    y[:, 3:, 1] = 25 * x[:, 3 - a : steps - a, 1] * x[:, 3 - b : steps - b, 2]
    return y


def _draws(source, seed):
    if source == "legacy":
        rng = np.random.RandomState(seed)
        return rng.rand, rng.randn
    if source == "default_rng":
        rng = np.random.default_rng(seed)
        return (lambda *shape: rng.random(shape)), (lambda *shape: rng.standard_normal(shape))
    generator = torch.Generator().manual_seed(seed)
    return ((lambda *shape: torch.rand(shape, generator=generator, dtype=torch.float64).numpy()),
            (lambda *shape: torch.randn(shape, generator=generator, dtype=torch.float64).numpy()))


def generate(n_seqs=8, n_steps=100, seed=10, noise=0.1, *, source="legacy", noise_first=False, noise_kind="randn"):
    """The data recipe with switches for the mistakes students make; defaults are correct."""
    rand, randn = _draws(source, seed)
    draw_noise = randn if noise_kind == "randn" else rand
    if noise_first:
        eps = draw_noise(n_seqs, n_steps, 2)
        x = rand(n_seqs, n_steps, 3)
    else:
        x = rand(n_seqs, n_steps, 3)
        eps = draw_noise(n_seqs, n_steps, 2)
    return torch.tensor(x, dtype=torch.float32), torch.tensor(lagged(x) + noise * eps, dtype=torch.float32)


def _data_catalogue(output):
    mistakes = [
        ("numpy's new Generator (np.random.default_rng) instead of the legacy seeded one", dict(source="default_rng")),
        ("torch's random generator instead of numpy's legacy one", dict(source="torch")),
        ("drawing the noise before x", dict(noise_first=True)),
        ("uniform noise (rand) instead of normal noise (randn)", dict(noise_kind="rand")),
    ]
    catalogue = [Misconception(text, lambda *a, flags=flags, **k: generate(*a, **k, **flags)[output])
                 for text, flags in mistakes]
    if output == 1:
        catalogue.append(Misconception("leaving out the noise", lambda *a, **k: generate(*a, **{**k, "noise": 0.0})[1]))
    return catalogue


DATA_CATALOGUES = (_data_catalogue(0), _data_catalogue(1))

LAG_MISTAKES = [
    Misconception(text, lambda x, lags=lags: lagged(x, *lags))
    for text, lags in [
        ("y1 built from x3(t) instead of x3(t-1)", (0, (1, 3))),
        ("y2 built from x2(t) instead of x2(t-1)", (1, (0, 3))),
        ("y2 built from x3(t-2) instead of x3(t-3)", (1, (1, 2))),
        ("y2 built from x2(t-2) instead of x2(t-1)", (1, (2, 3))),
        ("y2 built from x2(t-3)·x3(t-1) (lags swapped)", (1, (3, 1))),
    ]
]


def data_misconceptions(output, kwargs):
    """What each generator mistake returns as output 0 (x) or 1 (y) of generate_data(**kwargs)."""
    return candidates(DATA_CATALOGUES[output], **kwargs)


def lag_misconceptions(x):
    """What each lag mistake makes of the noise-free y for inputs x."""
    return candidates(LAG_MISTAKES, x)


# loop_mistakes(probe_steps, start, x, y, steps, lr): [(description, losses)] for the loop item
loop_mistakes = loops.catalogue((*loops.COMMON, loops.LAST_STEP), nn.MSELoss())
