"""Retrain the position value classifier (``position_model.yaml``).

``python -m detente.negotiation.train_positions [--gold G.jsonl] [--extra E.jsonl]
[--out MODEL.yaml] [--folds K] [--threshold T]``

Examples are clauses, from two sources:

- the **dev** records of the positions gold (never test): each clause the positions stage
  would consider (a cue or a candidate verb, :func:`find_candidates`) is labelled with the value
  of the gold position whose evidence it holds, else ``none``; a gold position in no such
  clause still gives its clause as an example;
- hand-written sentences (``position_training.jsonl``: ``text`` and ``value``, one clause each).

``margin``, ``threshold`` and the L2 strength are chosen by k-fold cross-validation over dev
records (folds by record, hand-written sentences always in training; the score is the F1 of
the positions clause by clause); the weights are then fitted on all of it and written with the
hand-written parts of the model file kept. ``--threshold`` writes a threshold chosen some other
way (the bundled model's: whole-pipeline runs on dev batches held out of training).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from detente.config import Config
from detente.knowledge import data_path
from detente.negotiation.classifier import (
    LABELS,
    MODEL_FILE,
    NONE,
    PositionModel,
    clause_vector,
    decide,
    fit,
    load_model,
)
from detente.negotiation.positions import _clauses, _cue, _Index, cue_values, find_candidates
from detente.negotiation.proposals import find_mentions
from detente.negotiation.stage import state_word

MARGINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 1.01)
L2S = (1e-4, 1e-3, 1e-2)
MIN_OVERRIDE_GAIN = 0.02  # CV accuracy a cue-overriding setting must add (see cross_validate)
_STAGES = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis"]


@dataclass
class Example:
    """One labelled clause."""

    group: str  # the gold record (cross-validation folds), "" for hand-written sentences
    text: str
    label: str
    cue: str | None  # the cue rules' value
    cues: set[str]
    candidate: bool  # whether the stage would consider this clause
    vector: np.ndarray  # the clause's token vectors, averaged (as the stage computes them)


def _parsed(config: Config, records: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], Any, Any]]:
    """(record, work item, pipeline context) for each record the stages before positions
    parsed."""
    from detente.evaluation.negotiation import _documents
    from detente.pipeline import Pipeline
    from detente.pipeline.registry import WorkItem

    pipe = Pipeline(config.with_overrides(**{"pipeline.stages": _STAGES}))
    items = [WorkItem(d) for d in _documents(records)]
    for spec in pipe.stages:
        spec.func(items, pipe.context)
    for rec, item in zip(records, items, strict=True):
        if item.doc is not None:
            yield rec, item, pipe.context


def _example(group: str, kb: Any, text: str, start: int, end: int, index: _Index, label: str,
             candidate: bool) -> Example:
    """The example of clause [start, end) of ``text`` with its cue features."""
    clause = text[start:end]
    hit = _cue(kb, clause, start, index)
    a, b = index.token_range(start, end)
    return Example(group, clause, label, hit[0].value if hit else None,
                   cue_values(kb, clause, start, index), candidate,
                   clause_vector(index.doc.tensor[a:b]))


def gold_examples(config: Config, records: list[dict[str, Any]], model: PositionModel
                  ) -> list[Example]:
    """Labelled clauses of gold records (see the module docstring)."""
    out = []
    for rec, item, ctx in _parsed(config, records):
        kb = ctx.get("negotiation_kb")
        text = item.document.text
        sentences = item.sentences()
        index = _Index(item.doc)
        # the proposals the stage finds, so the clauses are those the stage considers
        mentions = find_mentions(item, kb, sentences, state_word(ctx))
        gold = [(text.find(g["evidence"]), g["value"]) for g in rec["positions"]]
        seen: set[tuple[int, int]] = set()
        for c in find_candidates(item, kb, mentions, sentences, index, model):
            label = next((v for off, v in gold if c.start <= off < c.end), NONE)
            out.append(_example(rec["id"], kb, text, c.start, c.end, index, label, True))
            seen.add((c.start, c.end))
        for sent in sentences:
            for cs, ce in _clauses(kb, sent, text[sent.start_char:sent.end_char], index):
                label = next((v for off, v in gold if cs <= off < ce), None)
                if label is not None and (cs, ce) not in seen:
                    out.append(_example(rec["id"], kb, text, cs, ce, index, label, False))
    return out


def written_examples(config: Config, records: list[dict[str, Any]]) -> list[Example]:
    """Hand-written one-clause sentences, parsed like any text (``text``, ``value``)."""
    drafts = [{"id": f"train:{n}", "text": r["text"], "value": r["value"], "positions": []}
              for n, r in enumerate(records)]
    return [_example("", ctx.get("negotiation_kb"), item.document.text, 0,
                     len(item.document.text), _Index(item.doc), rec["value"], True)
            for rec, item, ctx in _parsed(config, drafts)]


def matrix(examples: list[Example], model: PositionModel) -> np.ndarray:
    """Feature rows of the examples."""
    return np.stack([model.row(e.cues, e.cue, e.text, e.vector) for e in examples])


def _labels(examples: list[Example]) -> np.ndarray:
    return np.array([LABELS.index(e.label) for e in examples])


def _position_f1(examples: list[Example], probs: np.ndarray, margin: float, threshold: float
              ) -> float:
    """F1 of the positions the settings give, clause by clause: a clause labelled with a value
    is found when given that value; any other value given is a false position. (Accuracy
    over all clauses, "none" included, rewards saying nothing and chose thresholds that
    lost positions on held-out batches.) A gold clause the stage would not consider counts as
    missed whatever the model says."""
    tp = fp = fn = 0
    for e, p in zip(examples, probs, strict=True):
        got = (decide(LABELS, e.cue, p, margin, threshold) if e.candidate else None) or NONE
        if e.label != NONE:
            tp += got == e.label
            fn += got != e.label
        fp += got not in (NONE, e.label)
    return 2 * tp / max(2 * tp + fp + fn, 1)


def cross_validate(gold: list[Example], written: list[Example], x_gold: np.ndarray,
                   x_written: np.ndarray, folds: int = 5, seed: int = 0,
                   margins: tuple[float, ...] = MARGINS
                   ) -> tuple[dict[str, float], list[tuple[float, float, float, float]]]:
    """k-fold CV over gold records: the best settings and every (l2, margin, threshold, f1).
    A model without cue features is tried only as one that never overrides a cue
    (``margins=(1.01,)``): it has not seen what the cue says."""
    groups = sorted({e.group for e in gold})
    rng = np.random.default_rng(seed)
    fold_of = dict(zip(groups, rng.permutation(len(groups)) % folds, strict=True))
    fold = np.array([fold_of[e.group] for e in gold])
    y_gold, y_written = _labels(gold), _labels(written)
    table = []
    for l2 in L2S:
        probs = np.zeros((len(gold), len(LABELS)))
        for k in range(folds):
            train = fold != k
            x = np.vstack([x_gold[train], x_written])
            y = np.concatenate([y_gold[train], y_written])
            w, b = fit(x, y, len(LABELS), l2=l2)
            z = x_gold[~train] @ w + b
            z -= z.max(axis=1, keepdims=True)
            probs[~train] = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        for margin, threshold in product(margins, THRESHOLDS):
            table.append((l2, margin, threshold, _position_f1(gold, probs, margin, threshold)))
    best = max(table, key=lambda r: (r[3], r[1], r[2]))  # ties: the more cautious settings
    # Overriding cues means classifying every cue clause: worth it only for a clear gain
    # over the best setting that never overrides.
    keep = max((r for r in table if r[1] > 1), key=lambda r: (r[3], r[2]))
    override = best[3]
    if best[3] - keep[3] < MIN_OVERRIDE_GAIN:
        best = keep
    cue_only = _position_f1(gold, np.zeros((len(gold), len(LABELS))), 1.01, 1.01)
    return {"l2": best[0], "margin": best[1], "threshold": best[2], "cv_f1": best[3],
            "cue_only_f1": cue_only, "override_cv_f1": override}, table


def write_model(path: Path, template: Path, w: np.ndarray, b: np.ndarray,
                settings: dict[str, float]) -> None:
    """The model file: ``template``'s comments and hand-written parts, new weights."""
    text = template.read_text("utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text)
    section = data["position_model"]
    section.update({
        "labels": list(LABELS),
        "margin": float(settings["margin"]), "threshold": float(settings["threshold"]),
        "cv": {k: round(float(v), 4) for k, v in settings.items()},
        "bias": {label: round(float(v), 4) for label, v in zip(LABELS, b, strict=True)},
        "weights": {label: [round(float(v), 4) for v in w[:, j]]
                    for j, label in enumerate(LABELS)},
    })
    body = yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=100,
                          allow_unicode=True)
    path.write_text(header + body, "utf-8")


def train(config: Config, gold_records: list[dict[str, Any]],
          written_records: list[dict[str, Any]], out: Path, template: Path | None = None,
          folds: int = 5, threshold: float | None = None) -> dict[str, float]:
    """Cross-validate, fit on everything and write the model to ``out``. Returns the CV
    figures and the settings chosen. ``threshold``: use this one instead of the CV's (chosen,
    for the bundled model, by whole-pipeline runs on dev batches held out of training: see
    docs/eval/positions.md)."""
    template = template or data_path("negotiation", MODEL_FILE)
    model = load_model(template, untrained=True)
    gold = gold_examples(config, [r for r in gold_records if r.get("split") == "dev"], model)
    written = written_examples(config, written_records)
    x_gold, x_written = matrix(gold, model), matrix(written, model)
    settings, _ = cross_validate(gold, written, x_gold, x_written, folds=folds,
                                 margins=MARGINS if model.cue_features else (1.01,))
    w, b = fit(np.vstack([x_gold, x_written]),
               np.concatenate([_labels(gold), _labels(written)]), len(LABELS),
               l2=settings["l2"])
    settings["examples"] = float(len(gold) + len(written))
    if threshold is not None:
        settings["cv_threshold"], settings["threshold"] = settings["threshold"], threshold
    write_model(out, template, w, b, settings)
    return settings


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    """Command line: retrain and overwrite the bundled model (or ``--out``)."""
    from detente.evaluation.harness import gold_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=None)
    parser.add_argument("--extra", type=Path,
                        default=data_path("negotiation", "position_training.jsonl"))
    parser.add_argument("--out", type=Path, default=data_path("negotiation", MODEL_FILE))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=None,
                        help="decision threshold to write instead of the cross-validated one")
    args = parser.parse_args(argv)
    gold = _read(args.gold or gold_path("positions.jsonl"))
    settings = train(Config(), gold, _read(args.extra), args.out, folds=args.folds,
                     threshold=args.threshold)
    sys.stdout.write(json.dumps(settings, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
