"""Q2 graders: the lagged data recipe, the Elman RNN, its training loop, convergence and plot."""
import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.graders.tutorial8_rnn import item, probes
from autograder.judge import figures
from autograder.judge.architectures import Spec
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.compare import Mismatch, as_numpy, assert_structure
from autograder.judge.misconceptions import assert_explained, assert_outputs_explained
from autograder.judge.models import carried_state, check_recurrent_layer, check_time_axis, verified
from autograder.judge.strategies import GRADING
from autograder.judge.training import Probe, judge_loop, judge_trained, student_model

MODULE = "q2_sequence_rnn"
TRAJECTORY_STEPS = 30
ARCHITECTURE = Spec("RNN", n_in=3, units=5, n_out=2)  # SequenceRNN(): a tanh RNN layer and a linear read-out
CONVERGENCE_ITERS, CONVERGENCE_MSE = 2000, 5.0  # worst correct init 2.3; no recurrence 16.8


def check_data(student, reference, mistakes, kwargs, context):
    """generate_data(**kwargs) must equal the reference's, value for value."""
    expected = reference.generate_data(**kwargs)
    wrong = [mistakes.data_misconceptions(output, kwargs) for output in (0, 1)]  # asked up front: recordable
    with counterexample(context):
        actual = _pair(student.call("generate_data", **kwargs))
        assert_outputs_explained("xy", expected=expected, actual=actual, wrong=wrong, rtol=1e-6, atol=1e-5,
                                 kind="tensor", dtype=torch.float32, loose=None)


@item("2.1")
def test_generate_data_with_the_defaults(student, reference, mistakes):
    """Does generate_data() draw exactly the tutorial's sequences?"""
    check_data(student, reference, mistakes, {}, "generate_data() with the defaults")


@item("2.2")
def test_generate_data_for_other_arguments(student, reference, mistakes):
    """Are n_seqs, n_steps, seed and noise all honoured?"""
    arguments = st.fixed_dictionaries({"n_seqs": st.integers(1, 6), "n_steps": st.integers(1, 30),
                                       "seed": st.integers(0, 10_000), "noise": st.sampled_from([0.0, 0.1, 0.5, 1.0])})
    check_cases(arguments, lambda kwargs: check_data(
        student, reference, mistakes, kwargs, f"Counterexample (shrunk by hypothesis): generate_data({_args(kwargs)})"),
        max_examples=15)


@item("2.3")
def test_noise_free_data_has_the_exact_lags(student, mistakes):
    """With noise=0, is y exactly 5·x1(t) − 0.2·x3(t−1) and 25·x2(t−1)·x3(t−3), zero before?"""
    for seed in (0, 3):
        kwargs = dict(n_seqs=3, n_steps=12, seed=seed, noise=0.0)
        with counterexample(f"generate_data({_args(kwargs)}): y compared with the formulas applied to your own x"):
            x, y = _pair(student.call("generate_data", **kwargs))
            x = as_numpy(x)  # x's own container and dtype are items 2.1 and 2.2
            if x.shape != (3, 12, 3):
                raise Mismatch("shape", f"x has shape {x.shape}; expected (3, 12, 3)")
            assert_explained("y", expected=mistakes.lagged(x), actual=y, wrong=mistakes.lag_misconceptions(x),
                             rtol=1e-5, atol=1e-5, kind="tensor")


@item("2.4")
@settings(GRADING, max_examples=12)
@given(batch=st.integers(1, 4), steps=st.integers(1, 12),
       sizes=st.one_of(st.just(()), st.tuples(st.integers(1, 6), st.integers(1, 6), st.integers(1, 6))))
def test_sequence_rnn_shapes(student, device, batch, steps, sizes):
    """Does SequenceRNN(*sizes) map (B, T, n_in) to (B, T, n_out)?"""
    n_in, _, n_out = sizes or (3, 5, 2)
    model = student_model(student, "SequenceRNN", *sizes, device=device)
    x = torch.rand(batch, steps, n_in, generator=torch.Generator().manual_seed(batch * 100 + steps))
    try:
        assert_structure("the output", actual=student.probe("run", model, x), shape=(batch, steps, n_out))
    except Mismatch as mismatch:
        raise mismatch.with_context(f"Counterexample (shrunk by hypothesis): SequenceRNN{sizes or '()'} "
                                    f"on x of shape {(batch, steps, n_in)}")


@item("2.5")
def test_sequence_rnn_is_a_tanh_recurrence_with_memory(student, device):
    """Is the hidden layer a bounded (tanh) recurrence from a zero state that remembers the past?"""
    model = student_model(student, "SequenceRNN", device=device)
    check_recurrent_layer(student.probe("modules", model), student.probe("parameter_shapes", model), "RNN", 5)
    x = torch.rand(2, 10, 3, generator=torch.Generator().manual_seed(7))
    out = as_numpy(assert_structure("the output", actual=student.probe("run", model, x), shape=(2, 10, 2)))
    again = as_numpy(student.probe("run", model, x))
    if not np.array_equal(out, again):
        raise Mismatch("values", "two forward passes of the same x differ: start every sequence from a zero "
                                 "state").followed_by(carried_state(student, model, ARCHITECTURE, x, out, again))
    early, late = x.clone(), x.clone()
    early[:, 0] += 1.0
    late[:, 5:] += 1.0
    if np.abs(as_numpy(student.probe("run", model, early))[:, 1:] - out[:, 1:]).max() < 1e-6:
        check_time_axis(student, model, ARCHITECTURE)  # the same symptom, another mistake: named first
        raise Mismatch("values", "changing x(0) changes no later output: the hidden state is not carried from step to step")
    if np.abs(as_numpy(student.probe("run", model, late))[:, :5] - out[:, :5]).max() > 1e-5:
        raise Mismatch("values", "outputs depend on later inputs: the recurrence must run forward only")
    large, larger = (np.abs(as_numpy(student.probe("run", model, x * scale))).max() for scale in (1e3, 1e4))
    if larger > 2 * large + 1e-3:
        raise Mismatch("values", "outputs keep growing with the inputs: the hidden layer is not bounded (tanh is asked for)")
    network = verified(student, model, ARCHITECTURE)  # the checks above explain; this decides
    if network.variant["nonlinearity"] != "tanh":
        raise Mismatch("values", f"the recurrence computes {network.variant['nonlinearity']}; the question asks for tanh")


@item("2.6")
def test_train_model_follows_the_reference_loop(student, reference, mistakes, device):
    """From the same fixed model, do the losses and final weights match the reference loop's?"""
    x, y = reference.generate_data()
    probe = Probe(probes.sequence_rnn())
    judge_loop(student, reference, probe=probe, x=x, y=y, budget={"n_iters": TRAJECTORY_STEPS}, lr=reference.LR,
               device=device, mistakes=lambda start: mistakes.loop_mistakes(
                   list(probe.steps), start, x, y, TRAJECTORY_STEPS, reference.LR))


@item("2.7")
def test_trained_sequence_rnn_fits_the_data(student, reference, device):
    """After 2,000 iterations of the student's loop on the student's model, is the MSE low?"""
    x, y = reference.generate_data()
    judge_trained(student, lambda: student_model(student, "SequenceRNN", device=device, seed=reference.SEED), x, y,
                  budget={"n_iters": CONVERGENCE_ITERS}, spec=ARCHITECTURE,
                  score=lambda network: torch.mean((network(x) - y.double()) ** 2), threshold=CONVERGENCE_MSE,
                  what=f"the mean squared error of SequenceRNN on the training data (recomputed from its "
                       f"predictions, {CONVERGENCE_ITERS} iterations)")


@item("2.8")
def test_plot_predictions(student, device):
    """Does the figure show ground truth and prediction of y1 and y2 for sequence `seq`, labelled?"""
    generator = torch.Generator().manual_seed(1)
    x, y = torch.rand(3, 30, 3, generator=generator), torch.randn(3, 30, 2, generator=generator)
    probe = Probe(probes.sequence_rnn())
    figure = student.call("plot_predictions", probe.send(student, device), x, y, seq=1)
    summary = figures.summarize(student, figure, "q2_plot_predictions")
    with torch.no_grad():
        prediction = probe.build()(x)
    used = []
    for k in (0, 1):
        truth_axes = figures.find_line(summary, y[1, :, k], f"the ground truth y{k + 1} of sequence seq=1")
        prediction_axes = figures.find_line(summary, prediction[1, :, k], f"the prediction of y{k + 1} for seq=1")
        if truth_axes != prediction_axes:
            raise Mismatch("values", f"truth and prediction of y{k + 1} are on different axes; put them together")
        used.append(truth_axes)
    if used[0] == used[1]:
        raise Mismatch("values", "y1 and y2 share one axes; give each output its own axes")
    figures.require_labels(summary, used)
    figures.require_legend(summary, used)


def _pair(returned):
    """What generate_data returned, when it is a pair (x, y)."""
    if not isinstance(returned, (tuple, list)) or len(returned) != 2:
        raise Mismatch("type", "generate_data must return a pair (x, y)")
    return returned


def _args(kwargs):
    return ", ".join(f"{name}={value!r}" for name, value in kwargs.items())
