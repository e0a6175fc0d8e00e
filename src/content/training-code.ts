/**
 * The training loop shown on the training-code scene (10): the recurrent
 * phase classifiers of this project (rnn, gru, lstm) learning the five phases
 * from 10-second windows of host telemetry. A presenter edits the code and the
 * notes here; the scene highlights it and marks the key lines.
 *
 * Key lines are named by a piece of text that occurs on exactly one line of
 * the code (a unit test checks it), so editing the code above a key line does
 * not silently move its note to the wrong line.
 */

/** A line worth pointing at, found by text that occurs on exactly that line. */
export interface KeyLine {
  /** Text that occurs on exactly one line of the code. */
  readonly match: string;
  /** One line said about it. */
  readonly note: string;
}

/** A code listing with its key lines. */
export interface CodeListing {
  /** File name shown above the listing. */
  readonly file: string;
  /** The highlighter grammar; the scene loads Python only. */
  readonly language: 'python';
  readonly code: string;
  readonly keyLines: readonly KeyLine[];
}

const code = `import torch
from torch import nn
from torch.utils.data import DataLoader

from fleet.data import PHASES, EpisodeWindows  # episodes -> 10 s windows
from fleet.metrics import evaluate

class PhaseClassifier(nn.Module):
    def __init__(self, n_features, hidden=128, cell="gru"):
        super().__init__()
        self.cell = cell
        rnn = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[cell]
        self.encoder = rnn(n_features, hidden, num_layers=2, batch_first=True)
        self.head = nn.Linear(hidden, len(PHASES))

    def forward(self, x):  # (batch, 100 steps = 10 s at 10 Hz, features)
        out, _ = self.encoder(x)
        return self.head(out[:, -1])  # phase logits from the last step

def train(model, train_set, val_set, epochs=30, device="cuda"):
    model.to(device)
    loader = DataLoader(train_set, batch_size=256, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss(weight=train_set.class_weights.to(device))
    best = 0.0
    for epoch in range(epochs):
        model.train()
        for windows, phases in loader:
            opt.zero_grad()
            loss = loss_fn(model(windows.to(device)), phases.to(device))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            opt.step()
        acc = evaluate(model, val_set, device)  # held-out episodes only
        print(f"epoch {epoch:2d}  loss {loss.item():.4f}  val acc {acc:.3f}")
        if acc > best:
            best = acc
            torch.save(model.state_dict(), f"phase-{model.cell}.pt")
    return best

if __name__ == "__main__":
    train_set, val_set = EpisodeWindows.split("episodes.db", by="episode")
    for cell in ("rnn", "gru", "lstm"):
        train(PhaseClassifier(train_set.n_features, cell=cell), train_set, val_set)
`;

/** The training loop of the recurrent phase classifiers. */
export const TRAINING_CODE: CodeListing = {
  file: 'train.py',
  language: 'python',
  code,
  keyLines: [
    { match: 'rnn = {"rnn": nn.RNN', note: 'One model class, three recurrent cells: rnn, gru and lstm.' },
    { match: 'return self.head(out[:, -1])', note: 'The last hidden state sums up the whole window.' },
    { match: 'nn.CrossEntropyLoss(weight=', note: 'Class weights: armed and infecting windows are rare.' },
    { match: 'loss.backward()', note: 'Backpropagation through time over 100 steps.' },
    { match: 'clip_grad_norm_', note: 'Clipping tames exploding recurrent gradients.' },
    { match: 'torch.save(', note: 'Keep the best epoch: that checkpoint is served.' },
    { match: 'by="episode"', note: 'Split by episode: no window leaks into validation.' },
  ],
};
