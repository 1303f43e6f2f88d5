"""The docanalysis evaluator meets the acceptance bar on its test split."""

from __future__ import annotations

from detente.evaluation.docanalysis import evaluate_genre, evaluate_tone


def test_genre_test_split_macro_f1() -> None:
    report = evaluate_genre("test")
    assert report.summary["n"] >= 50
    assert report.summary["macro_f1"] >= 0.85


def test_tone_report_has_three_labels() -> None:
    report = evaluate_tone("test")
    assert {r.label for r in report.rows} == {"negative", "neutral", "positive"}
    assert 0.0 < report.summary["accuracy"] <= 1.0
