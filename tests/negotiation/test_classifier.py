"""The position value classifier: decisions, fitting, the model file and retraining."""

import numpy as np
import pytest

from detente.errors import KnowledgeError
from detente.negotiation.classifier import (
    LABELS,
    NONE,
    bundled_model,
    clause_vector,
    decide,
    fit,
    load_model,
)
from detente.negotiation.train_positions import train


def _probs(**values: float) -> np.ndarray:
    p = np.full(len(LABELS), 0.0)
    for label, v in values.items():
        p[LABELS.index(label)] = v
    return p


@pytest.mark.parametrize("cue, probs, margin, threshold, expected", [
    # a cue stands when the classifier agrees or says "none"
    ("rejects", _probs(rejects=0.6, none=0.4), 0.2, 0.5, "rejects"),
    ("rejects", _probs(none=0.9, rejects=0.1), 0.2, 0.5, "rejects"),
    # the classifier overrides a cue only beyond the margin
    ("supports", _probs(red_line=0.7, supports=0.3), 0.2, 0.5, "red_line"),
    ("supports", _probs(red_line=0.55, supports=0.45), 0.2, 0.5, "supports"),
    # without a cue: the likeliest value (none aside) when likely enough
    (None, _probs(supports=0.6, none=0.4), 0.2, 0.5, "supports"),
    (None, _probs(none=0.5, rejects=0.3, supports=0.2), 0.2, 0.25, "rejects"),
    (None, _probs(none=0.7, rejects=0.2, supports=0.1), 0.2, 0.25, None),
])
def test_decide(cue, probs, margin, threshold, expected) -> None:
    assert decide(LABELS, cue, probs, margin, threshold) == expected


def test_fit_separates_a_toy_problem() -> None:
    x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    y = np.array([0, 0, 1, 1])
    w, b = fit(x, y, 2, steps=200)
    assert ((x @ w + b).argmax(axis=1) == y).all()


def test_bundled_model_has_a_row_per_feature() -> None:
    model = bundled_model()
    assert model is not None
    assert model.weights.shape == (len(model.feature_names), len(LABELS))
    assert model.labels[-1] == NONE


@pytest.mark.parametrize("tensor, usable", [
    (np.zeros((5, 96)), True),  # en_core_web_sm/md: the width the model was fitted on
    (np.zeros((0, 0)), False),  # en_core_web_trf keeps no vectors in doc.tensor
    (np.zeros((5, 64)), False),  # another pipeline's width: cue rules only
    (None, False),
])
def test_model_uses_only_vectors_of_its_width(tensor, usable) -> None:
    assert bundled_model().usable(tensor) is usable


def test_clause_vector_is_a_normalised_mean() -> None:
    rows = np.array([[3.0, 0.0], [3.0, 8.0]])
    assert np.allclose(clause_vector(rows), [0.6, 0.8])
    assert not clause_vector(np.zeros((0, 2))).any()


@pytest.mark.parametrize("body", [
    "version: 1\nposition_model: [1, 2]\n",
    "version: 1\nposition_model:\n  weights: {proposes: [0.1]}\n  bias: {proposes: 0}\n",
    "version: 1\nposition_model:\n  flags: {bad: '(unclosed'}\n",
])
def test_bad_model_files_are_knowledge_errors(tmp_path, body) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(body)
    with pytest.raises(KnowledgeError):
        load_model(path)


def test_retraining_on_a_tiny_set_writes_a_loadable_model(config, tmp_path) -> None:
    gold = [
        {"id": "g1", "split": "dev", "text": "Russia rejected the European plan.",
         "positions": [{"party": "RUS", "value": "rejects", "proposal": "eu-plan",
                        "issue": None, "evidence": "rejected the European plan"}]},
        {"id": "g2", "split": "dev", "text": "Ukraine welcomed the American proposal.",
         "positions": [{"party": "UKR", "value": "supports", "proposal": "usa-plan",
                        "issue": None, "evidence": "welcomed the American proposal"}]},
        {"id": "t1", "split": "test", "text": "Never read: a test record.", "positions": []},
    ]
    written = [{"text": "Chile turned down the offer.", "value": "rejects"},
               {"text": "Peru endorsed the accord.", "value": "supports"},
               {"text": "The talks lasted three hours.", "value": "none"}]
    out = tmp_path / "model.yaml"
    settings = train(config, gold, written, out, folds=2)
    assert settings["examples"] == 5  # two dev clauses and three sentences: no test record
    model = load_model(out)
    assert model.weights.shape == (len(model.feature_names), len(LABELS))
    assert 0 <= model.margin <= 1.01 and 0 <= model.threshold <= 1.01


@pytest.mark.parametrize("setting, expected", [("", None), (0.55, 0.55), ("0.7", 0.7)])
def test_config_threshold_replaces_the_models(config, setting, expected) -> None:
    from detente.negotiation.classifier import position_model

    model = position_model(config.with_overrides(**{"negotiation.classifier_threshold": setting}))
    assert model is not None
    assert model.threshold == (bundled_model().threshold if expected is None else expected)
