"""Graders for Tutorial 8 (recurrent networks): the rubric, and one pytest module per question."""

from autograder.rubric import Item, Question, Rubric

# Q1's random cases arrive as tensors too; torch's first optimizer step imports torch._dynamo
# (importing it ahead saves each training worker ~1 s); Q2-Q4 plot with matplotlib.
TENSORS = ("numpy", "torch")
TRAINING = (*TENSORS, "torch._dynamo", "matplotlib.pyplot")

RUBRIC = Rubric(
    assignment="tutorial8_rnn",
    questions=(
        Question(1, "q1_rnn_forward", "Forward passes of Elman and Jordan networks", 20, cost=0.8, imports=TENSORS),
        Question(2, "q2_sequence_rnn", "Learning a sequence map with an Elman RNN", 25, cost=5.1, imports=TRAINING),
        Question(3, "q3_lstm_mapping", "An LSTM sequence mapper", 25, cost=1.5, imports=TRAINING),
        Question(4, "q4_char_sentiment", "A character GRU sentiment classifier", 30, cost=3.3, imports=TRAINING),
    ),
    items=(
        Item("1.1", "Elman forward on the tutorial's sequence", 4, public=True, source="CONTRACT.md Q1",
             quote="h(t) = tanh(Uᵀ x(t) + Wᵀ h(t−1) + b), y(t) = sigmoid(Vᵀ h(t) + c). … returns numpy y of "
                   "shape (T, n_out) and h of shape (T, n_hidden). … Elman y = (0.2707, 0.7284, 0.9432, 0.1126)"),
        Item("1.2", "Elman single step (T = 1) from a given state", 3, public=True, source="CONTRACT.md Q1",
             quote="h0: (n_hidden,) or None for zeros. … h(t) = tanh(Uᵀ x(t) + Wᵀ h(t−1) + b)"),
        Item("1.3", "Elman against the reference on random sizes and inputs", 5, public=False, source="CONTRACT.md",
             quote="inputs may be numpy arrays, torch tensors or nested lists … x: (T, n_in); U: (n_in, n_hidden); "
                   "W: (n_hidden, n_hidden); V: (n_hidden, n_out); b: (n_hidden,); c: scalar or (n_out,); "
                   "h0: (n_hidden,) or None for zeros."),
        Item("1.4", "Jordan forward on the tutorial's sequence", 3, public=True, source="CONTRACT.md Q1",
             quote="as above but W: (n_out, n_hidden) and h(t) = tanh(Uᵀ x(t) + Wᵀ y(t−1) + b), y(0) = y0 or "
                   "zeros. … Jordan y = (0.2707, 0.7115, 0.9635, 0.1563)"),
        Item("1.5", "Jordan single step (T = 1) from a given output", 2, public=True, source="CONTRACT.md Q1",
             quote="h(t) = tanh(Uᵀ x(t) + Wᵀ y(t−1) + b), y(0) = y0 or zeros."),
        Item("1.6", "Jordan against the reference on random sizes and inputs", 3, public=False, source="CONTRACT.md",
             quote="inputs may be numpy arrays, torch tensors or nested lists … as above but W: (n_out, n_hidden)"),
        Item("2.1", "generate_data with the defaults, value for value", 3, public=True, source="CONTRACT.md Q2",
             quote="float32 tensors (n_seqs, n_steps, 3) and (n_seqs, n_steps, 2), drawn exactly as the tutorial "
                   "does: numpy's legacy generator seeded with seed (np.random.seed or np.random.RandomState), x "
                   "from rand, then the noise from randn"),
        Item("2.2", "generate_data for other sizes, seeds and noise levels", 3, public=False, source="CONTRACT.md Q2",
             quote="generate_data(n_seqs=8, n_steps=100, seed=10, noise=0.1) -> (x, y): float32 tensors "
                   "(n_seqs, n_steps, 3) and (n_seqs, n_steps, 2)"),
        Item("2.3", "generate_data with noise=0: the lags exactly", 3, public=False, source="CONTRACT.md Q2",
             quote="y1(t) = 5 x1(t) − 0.2 x3(t−1) for t ≥ 1, y2(t) = 25 x2(t−1) x3(t−3) for t ≥ 3, zero before, "
                   "plus noise × the normal draws."),
        Item("2.4", "SequenceRNN maps (B, T, n_in) to (B, T, n_out) for any sizes", 3, public=True,
             source="CONTRACT.md Q2", quote="__init__(self, n_in=3, n_hidden=5, n_out=2); forward(x) maps "
                                            "(batch, T, n_in) to (batch, T, n_out)"),
        Item("2.5", "SequenceRNN is a tanh recurrence that carries memory", 3, public=True, source="CONTRACT.md Q2",
             quote="through a tanh (Elman) recurrent layer from a zero state and a linear output layer."),
        Item("2.6", "train_model follows the reference loop from a fixed start", 4, public=True,
             source="CONTRACT.md Q2", quote="full-batch Adam on the mean squared error; returns the loss of every "
                                            "iteration."),
        Item("2.7", "SequenceRNN trained by train_model fits the data", 4, public=False, source="tutorial Q2",
             quote="Train an RNN to learn the above sequences by using gradient descent learning."),
        Item("2.8", "plot_predictions draws truth and prediction for y1 and y2", 2, public=True,
             source="CONTRACT.md Q2", quote="prediction against ground truth for y1 and y2 of sequence seq, one "
                                            "axes each, with labels and a legend."),
        Item("3.1", "LSTMMapper maps (B, T, 1) to (B, T) for any sizes", 3, public=True, source="CONTRACT.md Q3",
             quote="__init__(self, n_units=10); forward(x) maps (batch, T, 1) to (batch, T)"),
        Item("3.2", "LSTMMapper has one LSTM layer of n_units units", 3, public=True, source="CONTRACT.md Q3",
             quote="through one LSTM layer of n_units units and a linear read-out."),
        Item("3.3", "train_model follows the reference loop from a fixed start", 5, public=True,
             source="CONTRACT.md Q3", quote="Adam on the mean squared error, x (batch, T, 1), y (batch, T); returns "
                                            "the loss of every epoch."),
        Item("3.4", "LSTMMapper trained by train_model fits y(t) = x(t) + x(t-1)", 5, public=False,
             source="tutorial Q3", quote="Design an LSTM layer with 10 units to map the following input and output "
                                         "sequences"),
        Item("3.5", "plot_learning_curve draws the losses against epochs, labelled", 3, public=True,
             source="CONTRACT.md Q3", quote="plot_learning_curve(losses) -> Figure: loss against epoch, labelled."),
        Item("3.6", "predict returns the eval-mode outputs (B, T)", 4, public=True, source="CONTRACT.md Q3",
             quote="predict(model, x) -> torch.Tensor (batch, T), in eval mode"),
        Item("3.7", "predict computes without gradients", 2, public=True, source="CONTRACT.md Q3",
             quote="in eval mode without gradients. … torch.no_grad() and torch.inference_mode() both do."),
        Item("4.1", "vocabulary of the tutorial's sentences: sorted, lower-cased, ids in order", 3, public=True,
             source="CONTRACT.md Q4", quote="the sorted set of the lower-cased characters, ids 0..n−1 in sorted "
                                            "order."),
        Item("4.2", "preprocess on the tutorial's sentences", 3, public=True, source="CONTRACT.md Q4",
             quote="preprocess(strings, char_to_ix, max_length=40) -> torch.LongTensor (n, max_length): lower-case, "
                   "truncate to max_length, pad on the right with spaces, map each character to its id"),
        Item("4.3", "vocabulary and preprocess on any strings: case, padding, truncation, KeyError", 4, public=False,
             source="CONTRACT.md Q4", quote="lower-case, truncate to max_length, pad on the right with spaces, map "
                                            "each character to its id; a character missing from char_to_ix raises "
                                            "KeyError."),
        Item("4.4", "CharGRUClassifier maps ids (N, L) to logits (N, C) through n_units GRU units", 3, public=True,
             source="CONTRACT.md Q4", quote="forward(x) maps ids (batch, L) to logits (batch, n_classes) through one "
                                            "GRU layer of n_units units"),
        Item("4.5", "CharGRUClassifier drops out at drop_rate in train mode only", 3, public=True,
             source="CONTRACT.md Q4", quote="dropout with probability drop_rate on the GRU's output, active in train "
                                            "mode only."),
        Item("4.6", "train_model follows the reference loop from a fixed start", 3, public=True,
             source="CONTRACT.md Q4", quote="Adam on the cross-entropy of the logits."),
        Item("4.7", "CharGRUClassifier trained by train_model fits the sentences", 4, public=False,
             source="tutorial Q4", quote="Train the network using gradient descent learning with the Adam optimizer"),
        Item("4.8", "plot_history draws cost and accuracy against epochs", 2, public=True, source="CONTRACT.md Q4",
             quote="plot_history(history) -> Figure: cost and accuracy against epochs."),
        Item("4.9", "predict_proba returns eval-mode class probabilities, NEGATIVE first", 3, public=True,
             source="CONTRACT.md Q4", quote="class probabilities in eval mode, rows summing to 1, column NEGATIVE "
                                            "then POSITIVE."),
        Item("4.10", "train_model's history: a loss and an accuracy in [0, 1] per epoch", 2, public=True,
             source="CONTRACT.md Q4", quote="dict with lists \"loss\" and \"accuracy\" (one entry per epoch, "
                                            "accuracy in [0, 1]) … Q4's per-epoch accuracy may come from the training "
                                            "forward pass or from a separate eval-mode pass after the epoch's step."),
    ),
)

item = RUBRIC.mark
