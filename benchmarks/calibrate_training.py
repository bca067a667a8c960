"""Calibrate the convergence thresholds: correct models across init seeds vs broken variants.

Run: .venv/bin/python benchmarks/calibrate_training.py [--seeds 15] [--questions 2,3,4]
Prints, per question and variant, the worst/best judge-side metric after the grading budget,
so the thresholds in autograder/graders/tutorial8_rnn can be checked with their margins.
"""
import argparse
import importlib.util
import time

import torch
from torch import nn

from autograder.graders.tutorial8_rnn import training
from autograder.paths import solutions_dir


def load(module):
    spec = importlib.util.spec_from_file_location(module, solutions_dir("tutorial8_rnn") / f"{module}.py")
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


def randn_init(model, scale=0.3):
    """A hand-made initialisation, as students write with nn.Parameter(torch.randn(...) * s)."""
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.copy_(torch.randn_like(parameter) * scale)
    return model


class NoRecurrence(nn.Module):
    """A per-step MLP: what a Q2 model without memory can reach."""

    def __init__(self, n_in=3, n_hidden=5, n_out=2):
        super().__init__()
        self.hidden, self.readout = nn.Linear(n_in, n_hidden), nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.readout(torch.tanh(self.hidden(x)))


class SoftmaxGRU(nn.Module):
    """A Q4 model that applies softmax before CrossEntropyLoss."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return torch.softmax(self.inner(x), dim=1)


def variants(question, reference):
    if question == 2:
        return {"reference": reference.SequenceRNN, "randn init": lambda: randn_init(reference.SequenceRNN()),
                "no recurrence": NoRecurrence}
    if question == 3:
        return {"reference": reference.LSTMMapper, "randn init": lambda: randn_init(reference.LSTMMapper())}
    size = len(reference.vocabulary(reference.DATA)[1])
    return {"reference": lambda: reference.CharGRUClassifier(size),
            "randn init": lambda: randn_init(reference.CharGRUClassifier(size)),
            "softmax into CE": lambda: SoftmaxGRU(reference.CharGRUClassifier(size))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=15)
    parser.add_argument("--questions", default="2,3,4")
    args = parser.parse_args()
    torch.set_num_threads(1)
    for question in map(int, args.questions.split(",")):
        setup = training.SETUPS[question]
        reference = load(setup.module)
        data = setup.data(reference)
        for name, build in variants(question, reference).items():
            started, metrics = time.perf_counter(), []
            for seed in range(args.seeds):
                torch.manual_seed(seed)
                model = build()
                reference.train_model(model, *data.train, **{setup.budget_name: setup.budget})
                metrics.append(setup.metric(model, data))
            seconds = (time.perf_counter() - started) / args.seeds
            print(f"Q{question} {name:<16} worst {max(metrics):.4f}  best {min(metrics):.4f}  "
                  f"threshold {setup.threshold}  ({seconds:.1f} s per seed)", flush=True)


if __name__ == "__main__":
    main()
