"""Scores the cleaning stage (boilerplate and garbling flags) against hand-labelled gold."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from detente.clean.boilerplate import BoilerplateRules
from detente.clean.quality import assess
from detente.config import Config
from detente.evaluation.harness import EvalReport, evaluator, gold_path, read_jsonl
from detente.evaluation.metrics import Counts


def locate(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the n-th occurrence of ``surface`` in ``text`` (gold is anchored by strings);
    whole-word occurrences first, so "Kravchen" is not found inside "Kravchenko"."""
    whole = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
    if len(whole) > occurrence:
        return whole[occurrence]
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(surface, pos + 1)
        if pos < 0:
            raise ValueError(f"{surface!r} not found in gold text")
    return pos, pos + len(surface)


def score_flags(record: dict, predicted: list[tuple[str, int, int]], counts: Counts,
                report: EvalReport) -> None:
    """Count one gold record: a predicted ``(kind, start, end)`` is a true positive when its kind
    equals a gold flag's and the spans overlap; misses and spurious flags go to the errors."""
    text = record["text"]
    expected = [(g["kind"], *locate(text, g["text"])) for g in record["flags"]]
    unmatched = list(predicted)
    for kind, start, end in expected:
        hit = next((p for p in unmatched if p[0] == kind and p[1] < end and start < p[2]), None)
        if hit:
            unmatched.remove(hit)
            counts.add(kind, tp=1)
        else:
            counts.add(kind, fn=1)
            report.errors.append({"id": record["id"], "missed": kind, "text": text[start:end]})
    for kind, start, end in unmatched:
        counts.add(kind, fp=1)
        report.errors.append({"id": record["id"], "spurious": kind, "text": text[start:end]})


def flag_report(name: str, dataset: str, split: str, path: Path,
                predict: Callable[[str], Iterable[tuple[str, int, int]]]) -> EvalReport:
    """Score ``predict(text) -> (kind, start, end)`` flags on the gold records of ``split``:
    per-kind rows plus micro and macro figures."""
    counts = Counts()
    report = EvalReport(name, dataset, split)
    for record in read_jsonl(path):
        if split in ("all", record.get("split")):
            score_flags(record, list(predict(record["text"])), counts, report)
    report.rows = counts.per_label()
    micro = counts.micro()
    report.summary = {"micro_precision": micro.precision, "micro_recall": micro.recall,
                      "micro_f1": micro.f1, **{f"macro_{k}": v for k, v in counts.macro().items()}}
    report.notes.append("flag matches when kind is equal and spans overlap")
    return report


@evaluator("quality")
def evaluate_quality(config: Config, split: str, gold: Path | None) -> EvalReport:
    """A predicted flag counts when its kind matches and its span overlaps the gold span."""
    rules = BoilerplateRules.load(config.get("knowledge.boilerplate_files"))

    def predict(text: str) -> list[tuple[str, int, int]]:
        return [(f.kind, f.start, f.end) for f in assess(text, rules.flags(text)).flags]

    return flag_report("quality", "detente cleaning gold (hand-written)", split,
                       gold or gold_path("quality.jsonl"), predict)
