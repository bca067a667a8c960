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

from autograder.graders.tutorial8_rnn import test_q2_sequence_rnn as grader_q2
from autograder.graders.tutorial8_rnn import test_q3_lstm_mapping as grader_q3
from autograder.graders.tutorial8_rnn import test_q4_char_sentiment as grader_q4
from autograder.paths import solutions_dir
from autograder.runner import probes


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


def setups():
    """Per question: the reference module, its data, the budget and threshold the grader uses, and variants."""
    q2 = load("q2_sequence_rnn")
    q3 = load("q3_lstm_mapping")
    q4 = load("q4_char_sentiment")
    vocab_size, ids, targets = grader_q4.training_data(q4)
    return {
        2: (q2, q2.generate_data(), {"n_iters": grader_q2.CONVERGENCE_ITERS}, grader_q2.CONVERGENCE_MSE, mse, {
            "reference": q2.SequenceRNN, "randn init": lambda: randn_init(q2.SequenceRNN()),
            "no recurrence": NoRecurrence}),
        3: (q3, grader_q3.training_data(q3), {"n_epochs": grader_q3.CONVERGENCE_EPOCHS}, grader_q3.CONVERGENCE_MSE,
            mse, {"reference": q3.LSTMMapper, "randn init": lambda: randn_init(q3.LSTMMapper())}),
        4: (q4, (ids, targets), {"n_epochs": grader_q4.CONVERGENCE_EPOCHS}, grader_q4.CONVERGENCE_CE, cross_entropy, {
            "reference": lambda: q4.CharGRUClassifier(vocab_size),
            "randn init": lambda: randn_init(q4.CharGRUClassifier(vocab_size)),
            "softmax into CE": lambda: SoftmaxGRU(q4.CharGRUClassifier(vocab_size))}),
    }


def mse(model, x, y):
    return float(((probes.run(model, x) - y) ** 2).mean())


def cross_entropy(model, x, y):
    return float(nn.functional.cross_entropy(probes.run(model, x), y))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=15)
    parser.add_argument("--questions", default="2,3,4")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the grading budgets, to try smaller ones")
    args = parser.parse_args()
    torch.set_num_threads(1)
    table = setups()
    for question in map(int, args.questions.split(",")):
        reference, (x, y), budget, threshold, metric, variants = table[question]
        budget = {name: int(steps * args.scale) for name, steps in budget.items()}
        for name, build in variants.items():
            started, metrics = time.perf_counter(), []
            for seed in range(args.seeds):
                torch.manual_seed(seed)
                model = build()
                reference.train_model(model, x, y, **budget)
                metrics.append(metric(model, x, y))
            seconds = (time.perf_counter() - started) / args.seeds
            print(f"Q{question} {name:<16} {budget} worst {max(metrics):.4f}  best {min(metrics):.4f}  "
                  f"threshold {threshold}  ({seconds:.1f} s per seed)", flush=True)


if __name__ == "__main__":
    main()
