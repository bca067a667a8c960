"""The probe models of Tutorial 8, as plain data for `autograder.judge.training.Probe`.

Plain torch layers with the contract's sizes and no dropout unless asked: every correct
training loop, whatever its style, follows the reference loop's trajectory on them exactly.
"""


def sequence_rnn(n_in=3, n_hidden=5, n_out=2):
    """(B, T, I) -> (B, T, O) through nn.RNN (tanh) and a linear read-out (Q2)."""
    return ({"module": "RNN", "kwargs": {"input_size": n_in, "hidden_size": n_hidden, "batch_first": True}},
            {"take": "output"}, {"module": "Linear", "kwargs": {"in_features": n_hidden, "out_features": n_out}})


def lstm_mapper(n_units=10, dropout=0.0):
    """(B, T, 1) -> (B, T) through nn.LSTM, dropout and a linear read-out (Q3)."""
    return ({"module": "LSTM", "kwargs": {"input_size": 1, "hidden_size": n_units, "batch_first": True}},
            {"take": "output"}, {"module": "Dropout", "kwargs": {"p": dropout}},
            {"module": "Linear", "kwargs": {"in_features": n_units, "out_features": 1}}, {"squeeze": -1})


def gru_classifier(vocab_size, n_units=10, n_classes=2, dropout=0.0):
    """Ids (N, L) -> logits (N, C): one-hot characters, nn.GRU, dropout on its final state, linear (Q4)."""
    return ({"onehot": vocab_size},
            {"module": "GRU", "kwargs": {"input_size": vocab_size, "hidden_size": n_units, "batch_first": True}},
            {"take": "final"}, {"module": "Dropout", "kwargs": {"p": dropout}},
            {"module": "Linear", "kwargs": {"in_features": n_units, "out_features": n_classes}})
