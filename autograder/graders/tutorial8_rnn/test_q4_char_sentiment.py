"""Q4 graders: character ids, the GRU classifier and its dropout, training, convergence, plots, probabilities."""
import string

import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from autograder.graders.tutorial8_rnn import item, probes
from autograder.judge import figures
from autograder.judge.architectures import Spec
from autograder.judge.cases import check_cases, counterexample
from autograder.judge.compare import Mismatch, as_numpy, assert_structure
from autograder.judge.misconceptions import assert_explained
from autograder.judge.models import (check_recurrent_layer, dropout_kept, dropout_still_active, plain_outputs,
                                     verified)
from autograder.judge.strategies import GRADING
from autograder.judge.training import (LOSS_RTOL, Probe, check_losses, judge_loop, judge_trained, reference_run,
                                       student_model)
from autograder.runner.errors import StudentRaised

MODULE = "q4_char_sentiment"
TRAJECTORY_STEPS = 30
CONVERGENCE_EPOCHS, CONVERGENCE_CE = 1000, 0.15  # worst correct init 0.02; softmax into CE >= 0.31
DROPOUT_TOLERANCE = 0.08  # 640 units drawn per pass: a correct rate lands within 0.04 (two sd)
ALPHABET = string.ascii_letters + " .,!?'"

sentences = st.lists(st.text(ALPHABET, max_size=50), min_size=1, max_size=5)


def architecture(vocab_size, units=10, classes=2):
    """CharGRUClassifier(vocab_size, units, classes) in eval mode: ids, one-hot or embedded, through
    one GRU layer, and a linear layer on its final state."""
    return Spec("GRU", n_in=vocab_size, units=units, n_out=classes, ids=True, per_step=False)


def training_data(reference):
    """The tutorial's sentences as ids (N, 40) and their targets (N,)."""
    vocab_size, char_to_ix = reference.vocabulary(reference.DATA)
    return vocab_size, reference.preprocess(reference.DATA, char_to_ix), torch.tensor(reference.TARGETS)


@item("4.1")
def test_vocabulary_of_the_tutorial_sentences(student, reference):
    """Are the ids the positions of DATA's lower-cased characters in sorted order?"""
    check_vocabulary(student, reference, reference.DATA, "vocabulary(DATA)")


@item("4.3")
def test_vocabulary_of_any_strings(student, reference):
    """Sorted, lower-cased, ids in order, for any strings?"""
    check_cases(sentences, lambda strings: check_vocabulary(
        student, reference, strings, f"Counterexample (shrunk by hypothesis): vocabulary({strings!r})"), max_examples=20)


def check_vocabulary(student, reference, strings, context):
    with counterexample(f"{context}:"):
        problem = _vocabulary_problem(reference.vocabulary(strings), student.call("vocabulary", strings))
        if problem:
            raise Mismatch("values", problem)


def _vocabulary_problem(expected, actual):
    if not isinstance(actual, (tuple, list)) or len(actual) != 2 or not isinstance(actual[1], dict):
        return "vocabulary must return (vocab_size, char_to_ix) with char_to_ix a dict"
    size, mapping = actual
    if any(ch != ch.lower() for ch in mapping):
        return "char_to_ix has upper-case characters: lower-case the text first"
    if set(mapping) != set(expected[1]):
        return f"char_to_ix has the characters {''.join(sorted(mapping))!r}; expected {''.join(sorted(expected[1]))!r}"
    if {ch: int(i) for ch, i in mapping.items()} != expected[1]:
        return "the ids are not 0, 1, … in sorted character order"
    if int(size) != expected[0]:
        return f"vocab_size is {size}; expected {expected[0]}"
    return ""


def check_preprocess(student, reference, mistakes, strings, max_length, context):
    _, char_to_ix = reference.vocabulary(list(strings) + [" "])
    kwargs = {} if max_length is None else {"max_length": max_length}
    expected = reference.preprocess(strings, char_to_ix, **kwargs)
    wrong = mistakes.preprocess_misconceptions(strings, char_to_ix, max_length or 40)  # asked up front: recordable
    with counterexample(context):
        actual = student.call("preprocess", strings, char_to_ix, **kwargs)
        try:
            assert_explained("ids", expected=expected, actual=actual, wrong=wrong, rtol=0, atol=0, kind="tensor",
                             dtype=torch.int64, loose=None)
        except Mismatch as mismatch:
            raise (mismatch.followed_by(_as_text(expected, actual, char_to_ix)) if mismatch.broke == "values"
                   else mismatch) from None


def _as_text(expected, actual, char_to_ix):
    """The first sentence whose ids differ, read back as text, expected then got: a padding or
    truncation mistake reads at once, where forty ids would not."""
    want, got = as_numpy(expected), as_numpy(actual)
    row = int(np.argmax((got != want).reshape(len(want), -1).any(axis=1)))
    chars = {int(i): ch for ch, i in char_to_ix.items()}

    def text(ids):
        return "".join(chars.get(int(i), "?") for i in ids)
    return f"sentence {row} as text:\nexpected {text(want[row])!r}\n     got {text(got[row])!r}"


@item("4.2")
def test_preprocess_on_the_tutorial_sentences(student, reference, mistakes):
    """Are DATA's sentences turned into the right (11, 40) LongTensor of ids?"""
    check_preprocess(student, reference, mistakes, reference.DATA, None, "preprocess(DATA, char_to_ix):")


@item("4.3")
def test_preprocess_on_any_strings(student, reference, mistakes):
    """Lower-casing, right padding with spaces, truncation and max_length, for any strings?"""
    def check(case):
        strings, max_length = case
        shown = "" if max_length is None else f", max_length={max_length}"
        check_preprocess(student, reference, mistakes, strings, max_length,
                         f"Counterexample (shrunk by hypothesis): preprocess({strings!r}, char_to_ix{shown}):")

    check_cases(st.tuples(sentences, st.one_of(st.none(), st.integers(1, 45))), check, max_examples=25)


@item("4.3")
def test_preprocess_raises_key_error_for_unknown_characters(student):
    """Does a character missing from char_to_ix raise KeyError?"""
    try:
        student.call("preprocess", ["abz"], {"a": 0, "b": 1, " ": 2}, max_length=5)
    except StudentRaised as error:
        if error.kind != "KeyError":
            raise Mismatch("type", f"preprocess(['abz'], no 'z' in char_to_ix) raised {error.kind}; expected KeyError")
        return
    raise Mismatch("values", "preprocess(['abz'], char_to_ix without 'z') returned; it must raise KeyError")


@item("4.4")
@settings(GRADING, max_examples=10)
@given(batch=st.integers(1, 4), length=st.integers(1, 20), vocab=st.integers(2, 30),
       sizes=st.sampled_from([(), (6,), (10, 3)]))
def test_classifier_shapes_and_units(student, device, batch, length, vocab, sizes):
    """Does CharGRUClassifier(V, *sizes) map ids (N, L) to (N, n_classes) through one GRU layer?"""
    n_units, n_classes = (sizes + (10, 2)[len(sizes):]) if sizes else (10, 2)
    model = student_model(student, "CharGRUClassifier", vocab, *sizes, device=device)
    ids = torch.randint(0, vocab, (batch, length), generator=torch.Generator().manual_seed(batch * 31 + length))
    try:
        assert_structure("the logits", actual=student.probe("run", model, ids), shape=(batch, n_classes))
        check_recurrent_layer(student.probe("modules", model), student.probe("parameter_shapes", model), "GRU", n_units)
        verified(student, model, architecture(vocab, n_units, n_classes))
    except Mismatch as mismatch:
        raise mismatch.with_context(f"Counterexample (shrunk by hypothesis): CharGRUClassifier({vocab}"
                                    f"{''.join(f', {s}' for s in sizes)}) on ids of shape {(batch, length)}")


@item("4.5")
def test_dropout_in_train_mode_only(student, device):
    """Dropout at drop_rate on the GRU's output, in train mode only (0 means none)? Judged from the
    parameters: eval-mode outputs must be the judge's own GRU's, and each train-mode output that
    GRU's final state with some units dropped, about drop_rate of them."""
    ids = torch.randint(0, 20, (64, 15), generator=torch.Generator().manual_seed(5))
    for kwargs, rate in (({}, 0.7), ({"drop_rate": 0.3}, 0.3), ({"drop_rate": 0.0}, 0.0)):
        model = student_model(student, "CharGRUClassifier", 20, **kwargs, device=device)
        try:
            _check_dropout(student, model, ids, rate)
        except Mismatch as mismatch:
            raise mismatch.with_context(f"CharGRUClassifier(20{''.join(f', {k}={v}' for k, v in kwargs.items())}):")


def _check_dropout(student, model, ids, rate):
    if not np.array_equal(*(as_numpy(student.probe("run", model, ids)) for _ in range(2))):
        raise Mismatch("values", "in eval mode two passes gave different outputs: dropout must be off in eval mode")
    network = verified(student, model, architecture(20))
    claims = [plain_outputs(student.probe("run", model, ids, train=True, seed=seed)) for seed in (1, 2)]
    if rate and np.array_equal(*claims):
        raise Mismatch("values", "in train mode two passes gave identical outputs: no dropout is active")
    kept = [dropout_kept(network, ids, claim, rate) for claim in claims]
    if None in kept:
        raise Mismatch("values", "the train-mode outputs are not the GRU's final state with some units dropped: "
                                 "apply the dropout to the GRU's output, before the linear layer")
    dropped = 1 - float(np.mean(kept))
    if abs(dropped - rate) > DROPOUT_TOLERANCE:
        raise Mismatch("values", f"in train mode {dropped:.0%} of the GRU's units are dropped; drop_rate={rate} asks "
                                 f"for about {rate:.0%}")


@item("4.6")
def test_train_model_follows_the_reference_loop(student, reference, mistakes, device):
    """From the same fixed model, do the losses and final weights match the reference loop's?"""
    vocab_size, x, y = training_data(reference)
    probe = Probe(probes.gru_classifier(vocab_size))
    judge_loop(student, reference, probe=probe, x=x, y=y, budget={"n_epochs": TRAJECTORY_STEPS}, lr=reference.LR,
               device=device, losses_of=_history_losses, mistakes=lambda start: mistakes.loop_mistakes(
                   list(probe.steps), start, x, y, TRAJECTORY_STEPS, reference.LR))


def _history_losses(history):
    if not isinstance(history, dict) or "loss" not in history:
        raise Mismatch("type", 'train_model must return a dict with lists "loss" and "accuracy"')
    return history["loss"]


@item("4.7")
def test_trained_classifier_fits_the_sentences(student, reference, device):
    """After 1,000 epochs of the student's loop on the student's model, is the eval-mode cross-entropy low?"""
    vocab_size, x, y = training_data(reference)
    judge_trained(student, lambda: student_model(student, "CharGRUClassifier", vocab_size, device=device, seed=0),
                  x, y, budget={"n_epochs": CONVERGENCE_EPOCHS}, spec=architecture(vocab_size),
                  score=lambda network: nn.functional.cross_entropy(network(x), y), threshold=CONVERGENCE_CE,
                  what=f"the eval-mode cross-entropy on DATA (recomputed from the model's logits, "
                       f"{CONVERGENCE_EPOCHS} epochs)")


@item("4.8")
def test_plot_history(student):
    """Are cost and accuracy drawn against epochs, labelled?"""
    epochs = 23
    history = {"loss": [float(v) for v in 1.0 / np.arange(1, epochs + 1)],
               "accuracy": [float(v) for v in np.linspace(0.3, 1.0, epochs)]}
    summary = figures.summarize(student, student.call("plot_history", history), "q4_plot_history")
    figures.find_line(summary, history["loss"], "the cost")
    figures.find_line(summary, history["accuracy"], "the accuracy")


@item("4.9")
def test_predict_proba(student, reference, mistakes, device):
    """Eval-mode softmax over the classes, rows summing to 1, NEGATIVE (0) in column 0?"""
    vocab_size, char_to_ix = reference.vocabulary(reference.DATA + reference.TEST_DATA)
    # Lower-case sentences of exactly MAX_LENGTH characters: preprocess mistakes (graded in 4.2
    # and 4.3) change nothing here, so this item judges the probabilities alone.
    strings = [s.lower().ljust(reference.MAX_LENGTH)[: reference.MAX_LENGTH] for s in reference.DATA]
    probe = Probe(probes.gru_classifier(vocab_size, dropout=0.5))
    with torch.no_grad():
        logits = probe.build().eval()(reference.preprocess(strings, char_to_ix))
    wrong = mistakes.probability_misconceptions(logits)  # asked up front: recordable
    handle = probe.send(student, device)
    student.probe("set_training", handle, True)
    with counterexample("predict_proba(model, sentences, char_to_ix) on a model with dropout, left in train mode:"):
        actual = student.call("predict_proba", handle, strings, char_to_ix, reseed=0)
        try:
            assert_explained("the probabilities", expected=torch.softmax(logits, 1), actual=actual, wrong=wrong,
                             rtol=1e-4, atol=1e-5, kind="tensor")
        except Mismatch as mismatch:
            hint = dropout_still_active(student, "predict_proba", handle, strings, char_to_ix)
            raise (mismatch.followed_by(hint) if mismatch.broke == "values" else mismatch) from None


@item("4.10")
def test_history_has_a_loss_and_an_accuracy_per_epoch(student, reference, device):
    """One loss and one accuracy in [0, 1] per epoch; and, where the loop follows the reference's,
    the accuracy of the epoch's training pass or of an eval-mode pass after its step?"""
    vocab_size, x, y = training_data(reference)
    probe = Probe(probes.gru_classifier(vocab_size))
    run = reference_run(reference, probe, x, y, budget={"n_epochs": TRAJECTORY_STEPS}, lr=reference.LR)
    history = student.call("train_model", probe.send(student, device, run["start"]), x, y, n_epochs=TRAJECTORY_STEPS,
                           lr=reference.LR, limit=student.limits.train_seconds)
    if not isinstance(history, dict) or not {"loss", "accuracy"} <= set(history):
        raise Mismatch("type", 'train_model must return a dict with lists "loss" and "accuracy"')
    losses = check_losses('history["loss"]', history["loss"], TRAJECTORY_STEPS)
    accuracy = _accuracies(history["accuracy"])
    expected = run["returned"]
    if np.allclose(losses, expected["loss"], rtol=LOSS_RTOL, atol=0):
        _check_accuracy_readings(accuracy, expected["accuracy"], _accuracy(probe.build(run["final"]), x, y))


def _accuracies(values):
    """history["accuracy"] as TRAJECTORY_STEPS fractions in [0, 1], or a Mismatch saying what is wrong."""
    try:
        accuracy = np.asarray(values.tolist() if hasattr(values, "tolist") else values, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mismatch("type", 'history["accuracy"] must be a list of numbers, one per epoch') from None
    if accuracy.shape != (TRAJECTORY_STEPS,):
        raise Mismatch("shape", f'history["accuracy"] has {accuracy.size} entries for {TRAJECTORY_STEPS} epochs; '
                                f"expected one per epoch")
    if not ((accuracy >= 0) & (accuracy <= 1)).all():
        raise Mismatch("values", 'history["accuracy"] must hold fractions in [0, 1] (not percentages), one per epoch')
    return accuracy


def _accuracy(model, x, y):
    """The fraction of sentences the model classifies right, in eval mode."""
    with torch.no_grad():
        return float((model.eval()(x).argmax(dim=1) == y).double().mean())


def _check_accuracy_readings(accuracy, training_pass, final):
    """`accuracy` must be the epochs' training-pass accuracies (the model before each step) or
    eval-mode accuracies after each step (the next epoch's, then the final model's)."""
    readings = (np.asarray(training_pass, dtype=np.float64), np.append(training_pass[1:], final))
    if any(np.allclose(accuracy, reading, atol=1e-6) for reading in readings):
        return
    first = int(np.argmax(~np.isclose(accuracy, readings[0], atol=1e-6)))
    raise Mismatch("values", f'history["accuracy"] at epoch {first + 1} is {accuracy[first]:.4f}; the fraction of '
                             f"correctly classified sentences was {readings[0][first]:.4f} in that epoch's training "
                             f"pass and {readings[1][first]:.4f} after its step")
