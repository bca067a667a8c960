"""Realistic wrong submissions for Q2–Q4, as mutations of the reference: what changes, what it costs;
and the readings of the contract that differ from the reference's but must keep full marks.

Each MISTAKES entry: (module, [(old, new), ...], the items it must lose, a phrase its feedback must
contain). Each READINGS entry: (module, [(old, new), ...]), which must score its question's total.
"""
Q2, Q3, Q4 = "q2_sequence_rnn", "q3_lstm_mapping", "q4_char_sentiment"
CARRIED = ("        if getattr(self, 'h', None) is None or self.h.shape[1] != x.shape[0]:\n"
           "            self.h = torch.zeros(1, x.shape[0], self.rnn.hidden_size, device=x.device)\n"
           "        hidden, h = self.rnn(x, self.h)  # (B, T, H)\n        self.h = h.detach()\n")
ACCURACY = '        history["accuracy"].append((logits.argmax(dim=1) == y).float().mean().item())\n'

MISTAKES = {
    "Q2 wrong lag for y2": (Q2, [("x[:, :-3, 2]", "x[:, 1:-2, 2]")], {"2.1", "2.2", "2.3"}, "x3(t-2) instead of x3(t-3)"),
    "Q2 new-style generator": (Q2, [
        ("rng = np.random.RandomState(seed)", "rng = np.random.default_rng(seed)"),
        ("x = rng.rand(n_seqs, n_steps, N_IN)", "x = rng.random((n_seqs, n_steps, N_IN))"),
        ("rng.randn(n_seqs, n_steps, N_OUT)", "rng.standard_normal((n_seqs, n_steps, N_OUT))"),
    ], {"2.1", "2.2"}, "default_rng"),
    "Q2 ReLU recurrence": (Q2, [('nonlinearity="tanh"', 'nonlinearity="relu"')], {"2.5"}, "uses relu"),
    "Q2 no zero_grad": (Q2, [("        optimizer.zero_grad()\n        loss = loss_fn(model(x), y)",
                              "        loss = loss_fn(model(x), y)")], {"2.6", "2.7"}, "zero_grad"),
    "Q2 SGD": (Q2, [("optimizer = torch.optim.Adam(model.parameters(), lr=lr)\n    loss_fn = nn.MSELoss()\n    model.train()\n    losses = []\n    for _ in range(n_iters)",
                     "optimizer = torch.optim.SGD(model.parameters(), lr=lr)\n    loss_fn = nn.MSELoss()\n    model.train()\n    losses = []\n    for _ in range(n_iters)")],
               {"2.6"}, "SGD instead of Adam"),
    "Q2 no memory": (Q2, [("hidden, _ = self.rnn(x)  # (B, T, H)",
                           "hidden = torch.cat([self.rnn(x[:, t : t + 1])[0] for t in range(x.shape[1])], dim=1)")],
                     {"2.5", "2.7"}, "not carried"),
    "Q2 no batch_first": (Q2, [('nn.RNN(n_in, n_hidden, nonlinearity="tanh", batch_first=True)',
                                'nn.RNN(n_in, n_hidden, nonlinearity="tanh")')], {"2.5", "2.7"}, "batch_first=True"),
    "Q2 hidden state carried across sequences": (Q2, [("        hidden, _ = self.rnn(x)  # (B, T, H)\n", CARRIED)],
                                                 {"2.5"}, "carries its hidden state from one batch"),
    "Q3 loss on the last time step only": (Q3, [("        loss = loss_fn(model(x), y)\n",
                                                 "        loss = loss_fn(model(x)[:, -1], y[:, -1])\n")],
                                           {"3.3", "3.4"}, "a loss on the last time step only"),
    "Q3 flattened output": (Q3, [("return self.readout(hidden).squeeze(-1)  # (B, T)",
                                  "return self.readout(hidden).flatten()  # (B*T,)")],
                            {"3.1", "3.2", "3.4"}, "outputs are right but flattened"),
    "Q3 five LSTM units": (Q3, [("self.lstm = nn.LSTM(1, n_units, batch_first=True)\n        self.readout = nn.Linear(n_units, 1)",
                                 "self.lstm = nn.LSTM(1, 5, batch_first=True)\n        self.readout = nn.Linear(5, 1)")],
                           {"3.2", "3.4"}, "has 5 units; expected 10"),
    "Q3 no batch_first": (Q3, [("self.lstm = nn.LSTM(1, n_units, batch_first=True)", "self.lstm = nn.LSTM(1, n_units)")],
                          {"3.2", "3.4"}, "batch_first=True"),
    "Q3 no zero_grad": (Q3, [("    for _ in range(n_epochs):\n        optimizer.zero_grad()\n        loss = loss_fn(model(x), y)",
                              "    for _ in range(n_epochs):\n        loss = loss_fn(model(x), y)")],
                        {"3.3", "3.4"}, "zero_grad"),
    "Q3 no optimizer.step": (Q3, [("        loss.backward()\n        optimizer.step()\n        losses.append(loss.item())\n    return losses\n    ### END SOLUTION\n\n\n# %%\ndef plot_learning_curve",
                                   "        loss.backward()\n        losses.append(loss.item())\n    return losses\n    ### END SOLUTION\n\n\n# %%\ndef plot_learning_curve")],
                             {"3.3", "3.4"}, "without optimizer.step()"),
    "Q3 predict in train mode": (Q3, [("    was_training = model.training\n    model.eval()\n    try:\n        with torch.no_grad():\n            return model(x)",
                                       "    was_training = model.training\n    try:\n        with torch.no_grad():\n            return model(x)")],
                                 {"3.6"}, "model.eval()"),
    "Q3 predict keeps gradients": (Q3, [("        with torch.no_grad():\n            return model(x)", "        return model(x)")],
                                   {"3.7"}, "requires grad"),
    "Q3 unlabelled learning curve": (Q3, [('    ax.set_xlabel("epoch")\n    ax.set_ylabel("mean squared error")\n'
                                           '    ax.set_title("Learning curve")\n', "")],
                                     {"3.5"}, "no axis labels"),
    "Q4 unsorted vocabulary": (Q4, [('chars = sorted(set("".join(strings).lower()))',
                                     'chars = list(dict.fromkeys("".join(strings).lower()))')],
                               {"4.1", "4.3"}, "not 0, 1, … in sorted character order"),
    "Q4 left padding": (Q4, [("s.lower()[:max_length].ljust(max_length)", "s.lower()[:max_length].rjust(max_length)")],
                        {"4.2", "4.3"}, "padding on the left"),
    "Q4 dropout in eval mode": (Q4, [("return self.classify(self.dropout(last[-1]))  # (N, C)",
                                      "return self.classify(nn.functional.dropout(last[-1], self.dropout.p, training=True))")],
                                {"4.5"}, "dropout must be off in eval mode"),
    "Q4 predict_proba in train mode": (Q4, [("    model.eval()\n    try:\n        with torch.no_grad():\n"
                                             "            return torch.softmax(model(x), dim=1)",
                                             "    try:\n        with torch.no_grad():\n"
                                             "            return torch.softmax(model(x), dim=1)")],
                                       {"4.9"}, "call model.eval() first"),
    "Q4 logits from predict_proba": (Q4, [("return torch.softmax(model(x), dim=1)", "return model(x)")],
                                     {"4.9"}, "logits instead of probabilities"),
    "Q4 swapped columns": (Q4, [("return torch.softmax(model(x), dim=1)", "return torch.softmax(model(x), dim=1)[:, [1, 0]]")],
                           {"4.9"}, "swapping the columns"),
    "Q4 accuracy in percent": (Q4, [(ACCURACY, ACCURACY.replace(".item())", ".item() * 100)"))],
                               {"4.10"}, "not percentages"),
    "Q4 softmax before CrossEntropyLoss in the loop": (Q4, [("loss = loss_fn(logits, y)",
                                                             "loss = loss_fn(torch.softmax(logits, dim=1), y)")],
                                                       {"4.6"}, "before CrossEntropyLoss (which applies log-softmax itself"),
    "Q4 softmax fed to CrossEntropyLoss": (Q4, [("return self.classify(self.dropout(last[-1]))  # (N, C)",
                                                 "return torch.softmax(self.classify(self.dropout(last[-1])), dim=1)")],
                                           {"4.7"}, "cross-entropy"),
}

# Mistakes `autograder check` cannot catch, and why: each costs only items that need full training.
CONVERGENCE_ONLY = {
    "Q4 softmax fed to CrossEntropyLoss": "the softmax sits in the model's forward: the public items read the "
                                          "model as a classifier ending in a softmax (4.4) or train the judge's "
                                          "probe (4.6); only 1,000 epochs of the student's own model show it "
                                          "cannot fit (4.7)",
}

# Where the contract leaves a choice, every choice earns full marks (CONTRACT.md, "What is graded").
READINGS = {
    "Q3 tutorial-style predict under inference_mode, mode not restored, curve titled only": (Q3, [
        ("    was_training = model.training\n    model.eval()\n    try:\n        with torch.no_grad():\n"
         "            return model(x)\n    finally:\n        model.train(was_training)\n",
         "    model.eval()\n    with torch.inference_mode():\n        return model(x)\n"),
        ('    ax.set_xlabel("epoch")\n    ax.set_ylabel("mean squared error")\n', ""),
    ]),
    "Q4 accuracy from an eval-mode pass after the step, mode not restored, plot unlabelled": (Q4, [
        (ACCURACY, "        model.eval()\n        with torch.no_grad():\n"
                   "            history[\"accuracy\"].append((model(x).argmax(dim=1) == y).float().mean().item())\n"
                   "        model.train()\n"),
        ("    finally:\n        model.train(was_training)\n", "    finally:\n        pass\n"),
        ('    cost_ax.set_xlabel("epoch")\n    cost_ax.set_ylabel("cross-entropy")\n', ""),
        ('    accuracy_ax.set_xlabel("epoch")\n    accuracy_ax.set_ylabel("accuracy")\n', ""),
    ]),
}

# The mistakes that passed `check` before its training-loop checks (issue 14), and one whose named
# hint is new: `check` must now fail on each, and each hint fire on its own mistake only.
ISSUE = ("Q2 no batch_first", "Q2 hidden state carried across sequences", "Q2 no zero_grad", "Q3 no zero_grad",
         "Q3 loss on the last time step only", "Q4 softmax before CrossEntropyLoss in the loop", "Q3 flattened output")
