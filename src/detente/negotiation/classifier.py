"""A learned position-value classifier for clauses that look like a party's position.

Multinomial logistic regression (numpy only) over up to three kinds of features of one clause:

- ``cue:<value>``: a cue of that value (``positions.yaml``) matches the clause, and
  ``first:<value>``: the value the cue rules pick (the first cue matching); only in a model
  with ``cue_features: true``. The bundled model leaves them out: it decides only clauses no
  cue matched, and a model that sees cue features learns mostly "no cue, no position" (on a
  fresh dev batch the cue-free model found 0.61 of the positions clause by clause against 0.54);
- ``flag:<name>``: wording flags (negation, modality, condition...), patterns in the model file;
- ``vec:<i>``: the mean of the spaCy pipeline's own token vectors (``doc.tensor``, the tok2vec
  layer the parser already computed: 96 dimensions for en_core_web_sm) over the clause,
  L2-normalised. They cost nothing beyond the parse; MiniLM sentence embeddings did slightly
  better in cross-validation (0.879 against 0.869, cue rules alone 0.859) but took 7% of the
  pipeline's throughput for it (docs/PERFORMANCE.md).

Labels are the nine position values plus ``none`` (no position). Weights, the flag patterns,
the candidate verbs (which clauses without a cue are worth classifying: the listed verbs, or
with ``any_verb: true`` every verb with an actor as its subject), the vector width
(``vector_dims``) and the decision settings (``margin``, ``threshold``) are data in
``position_model.yaml``, written by
``python -m detente.negotiation.train_positions`` and chosen by cross-validation on dev gold.

Decision (:meth:`PositionModel.decide`): where a cue fired its value stands unless the
classifier prefers another value by more than ``margin`` in probability; where none fired, the
classifier's likeliest value (``none`` aside) is kept when its probability reaches ``threshold``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from detente.config import Config
from detente.errors import KnowledgeError
from detente.knowledge import data_path, load_yaml
from detente.negotiation.knowledge import VALUES
from detente.pipeline.registry import resource

NONE = "none"
LABELS = (*VALUES, NONE)
VECTOR_DIMS = 96  # en_core_web_sm/md tok2vec width; a model file may say otherwise
MODEL_FILE = "position_model.yaml"


@dataclass(frozen=True)
class PositionModel:
    """Weights of the value classifier and the settings that go with them."""

    labels: tuple[str, ...]
    flags: tuple[tuple[str, re.Pattern[str]], ...]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    margin: float = 1.01  # above 1: the classifier never overrides a cue
    threshold: float = 1.01  # above 1: no position without a cue
    candidate_verbs: re.Pattern[str] | None = None
    vector_dims: int = VECTOR_DIMS
    cue_features: bool = True  # whether the cue:/first: columns are features
    any_verb: bool = False  # every verb with an actor subject makes a candidate clause

    @property
    def feature_names(self) -> list[str]:
        return feature_names([n for n, _ in self.flags], self.vector_dims, self.cue_features)

    def row(self, cue_values: Iterable[str], first: str | None, clause: str,
            vector: np.ndarray) -> np.ndarray:
        """The feature row of one clause for this model."""
        return features(cue_values, first, clause, self.flags, vector, self.cue_features)

    def usable(self, tensor: np.ndarray | None) -> bool:
        """Whether a document's token vectors are the kind the model was fitted on."""
        return tensor is not None and tensor.ndim == 2 and tensor.shape[1] == self.vector_dims

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Rows of label probabilities for rows of features."""
        return softmax(np.atleast_2d(x) @ self.weights + self.bias)

    def decide(self, cue_value: str | None, probs: np.ndarray) -> str | None:
        """The value for a clause: the cue's, the classifier's, or None (no position)."""
        return decide(self.labels, cue_value, probs, self.margin, self.threshold)


def feature_names(flags: Sequence[str], dims: int = VECTOR_DIMS, cue_features: bool = True
                  ) -> list[str]:
    """Names of the feature columns, in order."""
    cues = [f"cue:{v}" for v in VALUES] + [f"first:{v}" for v in VALUES] if cue_features else []
    return cues + [f"flag:{f}" for f in flags] + [f"vec:{i}" for i in range(dims)]


def clause_vector(rows: np.ndarray) -> np.ndarray:
    """The clause's vector: its tokens' rows of ``doc.tensor``, averaged and L2-normalised
    (zeros for an empty clause)."""
    if not len(rows):
        return np.zeros(rows.shape[1] if rows.ndim == 2 else VECTOR_DIMS, dtype=np.float32)
    mean = rows.mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-9)).astype(np.float32)


def features(cue_values: Iterable[str], first: str | None, clause: str,
             flags: Sequence[tuple[str, re.Pattern[str]]], vector: np.ndarray,
             cue_features: bool = True) -> np.ndarray:
    """The feature row of one clause (see the module docstring)."""
    row: list[float] = []
    if cue_features:
        hits = set(cue_values)
        row = [float(v in hits) for v in VALUES] + [float(v == first) for v in VALUES]
    row += [float(p.search(clause) is not None) for _, p in flags]
    return np.concatenate([np.array(row, dtype=np.float32), vector.astype(np.float32)])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def decide(labels: Sequence[str], cue_value: str | None, probs: np.ndarray, margin: float,
           threshold: float) -> str | None:
    """See :meth:`PositionModel.decide` (a function so that cross-validation can call it)."""
    order = np.argsort(-probs)
    best = labels[int(order[0])]
    if cue_value is not None:
        if best in (NONE, cue_value):
            return cue_value
        gap = float(probs[int(order[0])] - probs[labels.index(cue_value)])
        return best if gap > margin else cue_value
    # Without a cue: the likeliest value, when likely enough, even if "none" is likelier.
    value = next(int(i) for i in order if labels[int(i)] != NONE)
    return labels[value] if float(probs[value]) >= threshold else None


def fit(x: np.ndarray, y: np.ndarray, n_labels: int, l2: float = 1e-3, steps: int = 400,
        rate: float = 0.5, weights: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by full-batch gradient descent with Adam steps.

    ``y`` holds label indices; ``weights`` (optional) one weight per example. Returns
    (weights, bias)."""
    n, d = x.shape
    w = np.zeros((d, n_labels))
    b = np.zeros(n_labels)
    onehot = np.eye(n_labels)[y]
    sample = np.ones(n) if weights is None else weights
    sample = sample / sample.sum()
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    for t in range(1, steps + 1):
        p = softmax(x @ w + b)
        err = (p - onehot) * sample[:, None]
        grads = [x.T @ err + l2 * w, err.sum(axis=0)]
        for i, (param, g) in enumerate(zip((w, b), grads, strict=True)):
            m[i] = 0.9 * m[i] + 0.1 * g
            v[i] = 0.999 * v[i] + 0.001 * g * g
            step = rate * 0.01 * (m[i] / (1 - 0.9 ** t)) / (np.sqrt(v[i] / (1 - 0.999 ** t))
                                                             + 1e-8)
            param -= step
    return w, b


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise KnowledgeError(f"bad pattern {pattern!r}: {exc}", source=where) from None


def load_model(path: str | Path | None = None, untrained: bool = False) -> PositionModel:
    """The classifier in ``path`` (default: the bundled ``position_model.yaml``). With
    ``untrained``, only its hand-written parts (the weights are left out: retraining reads a
    file whose features may have changed)."""
    path = Path(path) if path else data_path("negotiation", MODEL_FILE)
    data = load_yaml(path)
    section = data.get("position_model")
    if not isinstance(section, dict):
        raise KnowledgeError("a 'position_model' mapping is needed", source=str(path))
    flags = tuple((name, _compile(p, f"{path} (flags: {name})"))
                  for name, p in (section.get("flags") or {}).items())
    labels = tuple(section.get("labels") or LABELS)
    dims = int(section.get("vector_dims", VECTOR_DIMS))
    cue_features = bool(section.get("cue_features", True))
    names = feature_names([n for n, _ in flags], dims, cue_features)
    table = None if untrained else section.get("weights")
    if not table:  # not trained yet: all-zero weights, and the settings keep cue rules only
        weights, bias = np.zeros((len(names), len(labels))), np.zeros(len(labels))
        section = {k: v for k, v in section.items() if k not in ("margin", "threshold")}
    else:
        try:
            weights = np.array([table[label] for label in labels], dtype=np.float64).T
            bias = np.array([float(section["bias"][label]) for label in labels])
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeError(f"weights or bias missing a label: {exc}",
                                 source=str(path)) from None
    if weights.shape != (len(names), len(labels)):
        raise KnowledgeError(f"weights need {len(names)} values per label, got "
                             f"{weights.shape[0]}", source=str(path))
    verbs = section.get("candidate_verbs") or []
    return PositionModel(labels, flags, weights, bias, float(section.get("margin", 1.01)),
                         float(section.get("threshold", 1.01)),
                         _compile(r"\b(" + "|".join(verbs) + r")\w*", f"{path} (candidate_verbs)")
                         if verbs else None, dims, cue_features,
                         bool(section.get("any_verb", False)))


@lru_cache(maxsize=4)
def bundled_model(path: str | None = None) -> PositionModel | None:
    """The model, loaded once per process; None when the file is absent."""
    try:
        return load_model(path)
    except KnowledgeError as exc:
        if "not found" in str(exc):
            return None
        raise


@resource("position_model")
def position_model(config: Config) -> PositionModel | None:
    """The value classifier the positions stage uses: the bundled one, a user's model file
    (``[negotiation] classifier_file``), or None when ``[negotiation] classifier = false``
    (cue rules only). ``[negotiation] classifier_threshold`` replaces the model's threshold."""
    settings = config.data.get("negotiation", {})
    if not settings.get("classifier", True):
        return None
    model = bundled_model(settings.get("classifier_file") or None)
    threshold = settings.get("classifier_threshold")
    if model is not None and threshold not in (None, ""):
        # A reader who prefers fewer, surer positions raises it (docs/negotiation.md gives
        # the measured trade); the model file's own value otherwise.
        model = replace(model, threshold=float(threshold))
    return model
