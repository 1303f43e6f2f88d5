"""The garbling evaluator: per-kind precision and recall on a hand-built gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.config import Config
from detente.evaluation.garbling import evaluate_garbling

RECORDS = [
    {"id": "g1", "split": "dev", "text": "They called it a smoky screen. 据报道 Talks went on.",
     "flags": [{"kind": "tortured_phrase", "text": "smoky screen"},
               {"kind": "foreign_script", "text": "据报道"}]},
    {"id": "g2", "split": "dev", "text": "Both sides drew red lines.", "flags": []},
    {"id": "g3", "split": "dev", "text": "He paid lip servings to reform.",
     "flags": [{"kind": "tortured_phrase", "text": "lip servings"}]},
    {"id": "g4", "split": "test", "text": "An olive brunch was offered.",
     "flags": [{"kind": "tortured_phrase", "text": "olive brunch"}]},
]


@pytest.fixture()
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "garbling.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), "utf-8")
    return path


def test_per_kind_counts_on_one_split(gold: Path) -> None:
    report = evaluate_garbling(Config(), "dev", gold)
    rows = {r.label: r for r in report.rows}
    # "lip servings" is a swap too far from "lip service" (a known miss): recall 1/2
    assert (rows["tortured_phrase"].tp, rows["tortured_phrase"].fn) == (1, 1)
    assert rows["tortured_phrase"].fp == 0
    assert rows["foreign_script"].tp == 1
    assert report.errors == [{"id": "g3", "missed": "tortured_phrase", "text": "lip servings"}]


def test_bundled_gold_has_both_splits() -> None:
    reports = [evaluate_garbling(Config(), split, None) for split in ("dev", "test")]
    assert all(sum(r.support for r in rep.rows) >= 20 for rep in reports)
