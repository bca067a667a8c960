"""Q3 graders: the LSTM mapper's shape and size, its training loop, convergence, plot and predict."""
import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.graders.tutorial8_rnn import item, probes
from autograder.judge import figures
from autograder.judge.architectures import Spec
from autograder.judge.compare import Mismatch, assert_close, assert_structure
from autograder.judge.models import check_recurrent_layer, dropout_still_active, verified
from autograder.judge.strategies import GRADING
from autograder.judge.training import Probe, judge_loop, judge_trained, student_model

MODULE = "q3_lstm_mapping"
TRAJECTORY_STEPS = 30
INPUT_SCALE = 8.0  # X_TRAIN's values lie in 1..8: the judge's own inputs for the model span the same range
CONVERGENCE_EPOCHS, CONVERGENCE_MSE = 2000, 2.0  # worst correct init 0.67; no zero_grad 12.0


def architecture(units):
    """LSTMMapper(units): one LSTM layer and a linear read-out at every step, (B, T, 1) -> (B, T)."""
    return Spec("LSTM", n_in=1, units=units, n_out=1, squeeze=True)


def training_data(reference):
    """X_TRAIN as (B, T, 1) and Y_TRAIN as (B, T) float32 tensors."""
    x = torch.tensor(reference.X_TRAIN, dtype=torch.float32).unsqueeze(-1)  # (B, T, 1)
    return x, torch.tensor(reference.Y_TRAIN, dtype=torch.float32)  # (B, T)


@item("3.1")
@settings(GRADING, max_examples=12)
@given(batch=st.integers(1, 4), steps=st.integers(1, 10), n_units=st.sampled_from([None, 1, 4, 10, 16]))
def test_lstm_mapper_shapes(student, device, batch, steps, n_units):
    """Does LSTMMapper(n_units) map (B, T, 1) to (B, T)?"""
    args = () if n_units is None else (n_units,)
    model = student_model(student, "LSTMMapper", *args, device=device)
    x = torch.rand(batch, steps, 1, generator=torch.Generator().manual_seed(batch * 100 + steps)) * 8
    try:
        assert_structure("the output", actual=student.probe("run", model, x), shape=(batch, steps))
    except Mismatch as mismatch:
        raise mismatch.with_context(f"Counterexample (shrunk by hypothesis): LSTMMapper{args or '()'} "
                                    f"on x of shape {(batch, steps, 1)}")


@item("3.2")
def test_lstm_mapper_has_one_layer_of_n_units(student, device):
    """Is there one LSTM layer, of 10 units by default and of n_units when given?"""
    for args, units in (((), 10), ((7,), 7)):
        model = student_model(student, "LSTMMapper", *args, device=device)
        try:
            check_recurrent_layer(student.probe("modules", model), student.probe("parameter_shapes", model),
                                  "LSTM", units)
            verified(student, model, architecture(units), scale=INPUT_SCALE)
        except Mismatch as mismatch:
            raise mismatch.with_context(f"LSTMMapper{args or '()'}:")


@item("3.3")
def test_train_model_follows_the_reference_loop(student, reference, mistakes, device):
    """From the same fixed model, do the losses and final weights match the reference loop's?"""
    x, y = training_data(reference)
    probe = Probe(probes.lstm_mapper())
    judge_loop(student, reference, probe=probe, x=x, y=y, budget={"n_epochs": TRAJECTORY_STEPS}, lr=reference.LR,
               device=device, mistakes=lambda start: mistakes.loop_mistakes(
                   list(probe.steps), start, x, y, TRAJECTORY_STEPS, reference.LR))


@item("3.4")
def test_trained_lstm_mapper_fits_the_data(student, reference, device):
    """After 2,000 epochs of the student's loop on the student's model, is the MSE low?"""
    x, y = training_data(reference)
    judge_trained(student, lambda: student_model(student, "LSTMMapper", device=device, seed=0), x, y,
                  budget={"n_epochs": CONVERGENCE_EPOCHS}, spec=architecture(10), scale=INPUT_SCALE,
                  score=lambda network: torch.mean((network(x) - y.double()) ** 2), threshold=CONVERGENCE_MSE,
                  what=f"the mean squared error of LSTMMapper on X_TRAIN (recomputed from its predictions, "
                       f"{CONVERGENCE_EPOCHS} epochs)")


@item("3.5")
def test_plot_learning_curve(student):
    """Is there a line of the given losses, one point per epoch, on labelled axes?"""
    losses = [float(v) for v in 10.0 / np.arange(1, 38)]
    summary = figures.summarize(student, student.call("plot_learning_curve", losses), "q3_plot_learning_curve")
    index = figures.find_line(summary, losses, "the losses")
    figures.require_labels(summary, [index])


def _probe_with_dropout(student, device):
    """A probe mapper with dropout, so that train-mode outputs would differ from eval-mode ones."""
    probe = Probe(probes.lstm_mapper(dropout=0.5))
    model = probe.build().eval()
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [4.0, 5.0, 6.0, 7.0]]).unsqueeze(-1)  # X_TEST (B, T, 1)
    with torch.no_grad():
        expected = model(x)
    return probe.send(student, device), x, expected


@item("3.6")
def test_predict_returns_eval_mode_outputs(student, device):
    """Does predict return the model's eval-mode outputs, shape (B, T)?"""
    handle, x, expected = _probe_with_dropout(student, device)
    student.probe("set_training", handle, True)
    actual = student.call("predict", handle, x, reseed=0)
    try:
        assert_close("predict(model, X_TEST)", expected=expected, actual=actual, rtol=1e-4, atol=1e-5, kind="tensor")
    except Mismatch as mismatch:
        hint = dropout_still_active(student, "predict", handle, x) if mismatch.broke == "values" else ""
        raise mismatch.with_context("On a model with dropout, left in train mode before the call:").followed_by(hint)


@item("3.7")
def test_predict_computes_without_gradients(student, device):
    """Is predict's output free of autograd history, from a model in train or in eval mode?

    torch.no_grad() and torch.inference_mode() both do; whether predict restores the model's
    previous mode afterwards is good manners, not a requirement, and is not graded.
    """
    handle, x, _ = _probe_with_dropout(student, device)
    for mode in (True, False):
        student.probe("set_training", handle, mode)
        if getattr(student.call("predict", handle, x), "requires_grad", False):
            raise Mismatch("values", f"predict's output requires grad (model in {'train' if mode else 'eval'} mode "
                                     f"before the call): compute it under torch.no_grad() or torch.inference_mode()")
