"""Refit the genre model's weights on the dev half of a labelled paragraph set.

``python -m detente.docanalysis.fit [GOLD.jsonl] > genre_model_weights.yaml`` prints the
``genre_model`` section (bias and weights per genre) for ``genre_model.yaml``. The fit is a
multinomial logistic regression with an L2 penalty, in numpy, on the dev split only: the test
split is for reporting. The printed weights are rounded so a human can read and edit them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

from detente.docanalysis.features import FEATURES, paragraph_features
from detente.docanalysis.genre import GENRES
from detente.docanalysis.knowledge import Knowledge, default_knowledge


def fit(rows: list[dict], kb: Knowledge, l2: float = 0.005, steps: int = 4000,
        lr: float = 0.5) -> dict:
    """Bias and weights per genre fitted on ``rows`` (dicts with ``text`` and ``label``)."""
    x = np.array([[paragraph_features(r["text"], kb)[f] for f in FEATURES] for r in rows])
    y = np.array([GENRES.index(r["label"]) for r in rows])
    onehot = np.eye(len(GENRES))[y]
    w = np.zeros((x.shape[1], len(GENRES)))
    b = np.zeros(len(GENRES))
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / len(rows)
        w -= lr * (x.T @ grad + l2 * w)
        b -= lr * grad.sum(axis=0)
    return {"bias": {g: round(float(b[i]), 2) for i, g in enumerate(GENRES)},
            "weights": {g: {f: round(float(w[j, i]), 2) for j, f in enumerate(FEATURES)
                            if abs(w[j, i]) >= 0.01}
                        for i, g in enumerate(GENRES)}}


def main(argv: list[str] | None = None) -> None:
    from detente.evaluation.harness import gold_path, read_jsonl

    args = argv if argv is not None else sys.argv[1:]
    path = Path(args[0]) if args else gold_path("genre.jsonl")
    rows = [r for r in read_jsonl(path) if r.get("split") == "dev"]
    model = fit(rows, default_knowledge())
    sys.stdout.write(yaml.safe_dump({"genre_model": model}, sort_keys=False))


if __name__ == "__main__":
    main()
