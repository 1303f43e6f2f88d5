"""Actor evaluation: mention detection and resolution on the bundled gold, and PETRARCH phrases.

Gold (``data/gold/actors.jsonl``): one record per text with ``published`` and string-anchored
mentions ``{"text", "occurrence", "actor", "kind", "country", "sector"}`` (``occurrence`` is the
0-based index of that surface string in the text; ``actor`` is a KB id, a ``new:`` slug, a
state/government code, or null for groups, anonymous sources and unknown organisations).

Measures:
- detection P/R/F1: a predicted mention matches a gold mention when their spans overlap
  (one-to-one);
- resolution accuracy: the share of gold mentions whose matched prediction is the right actor
  (same id for KB/new actors; same kind and country, and sector when gold gives one, for
  groups and anonymous sources). Undetected gold mentions count as wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.evaluation.harness import SHARED_EVAL, EvalReport, evaluator, gold_path, read_jsonl
from detente.evaluation.metrics import Counts, accuracy
from detente.facts import Actor


def anchor(text: str, surface: str, occurrence: int) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (0-based) whole-word ``surface`` in ``text``.

    Whole words only, so "he" is never found inside "the" nor "Koza" inside "Kozak".
    """
    hits = list(re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text))
    if occurrence >= len(hits):
        return None
    return hits[occurrence].start(), hits[occurrence].end()


def _correct(gold: dict[str, Any], actor: Actor) -> bool:
    if gold.get("actor"):
        return gold["actor"] in (actor.id, actor.kb_id)
    if gold.get("kind") != actor.kind or gold.get("country") != actor.country:
        return False
    return not gold.get("sector") or gold["sector"] == actor.sector


def score_record(record: dict[str, Any], actors: list[Actor]) -> dict[str, Any]:
    """Match one record's predictions to its gold; returns counts and error examples."""
    text = record["text"]
    predicted = [(m.start, m.end, a) for a in actors for m in a.mentions]
    used: set[int] = set()
    tp = correct = 0
    errors = []
    for g in record["mentions"]:
        span = anchor(text, g["text"], g.get("occurrence", 0))
        if span is None:
            raise ValueError(f"{record['id']}: {g['text']!r} not in text")
        hit = next((k for k, (s, e, _) in enumerate(predicted)
                    if k not in used and s < span[1] and span[0] < e), None)
        if hit is None:
            errors.append({"id": record["id"], "mention": g["text"], "error": "missed"})
            continue
        used.add(hit)
        tp += 1
        actor = predicted[hit][2]
        if _correct(g, actor):
            correct += 1
        else:
            errors.append({"id": record["id"], "mention": g["text"], "error": "wrong actor",
                           "gold": g.get("actor") or f"{g['kind']}:{g.get('country')}",
                           "got": actor.id})
    for k, (s, e, a) in enumerate(predicted):
        if k not in used:
            errors.append({"id": record["id"], "mention": text[s:e], "error": "spurious",
                           "got": a.id})
    return {"tp": tp, "fp": len(predicted) - len(used), "fn": len(record["mentions"]) - tp,
            "correct": correct, "total": len(record["mentions"]), "errors": errors}


def _analyze(config: Config, records: list[dict[str, Any]]) -> list[list[Actor]]:
    from detente.ingest.document import Draft, make_document
    from detente.pipeline import Pipeline

    cfg = config.with_overrides(**{"pipeline.stages": ["clean", "language", "nlp", "actors"]})
    docs = [make_document(Draft(text=r["text"], origin=r["id"], published=r.get("published")))
            for r in records]
    out = []
    for result in Pipeline(cfg).process(docs):
        out.append(list(getattr(result, "actors", ())))
    return out


@evaluator("actors")
def evaluate_actors(config: Config, split: str, gold: Path | None) -> list[EvalReport]:
    path = gold or gold_path("actors.jsonl")
    records = [r for r in read_jsonl(path) if split in ("all", r.get("split"))]
    counts = Counts()
    correct = total = 0
    errors: list[dict[str, Any]] = []
    for record, actors in zip(records, _analyze(config, records), strict=True):
        s = score_record(record, actors)
        counts.add("mention", tp=s["tp"], fp=s["fp"], fn=s["fn"])
        correct += s["correct"]
        total += s["total"]
        errors += s["errors"]
    micro = counts.micro()
    report = EvalReport(name="actors", dataset=path.name, split=split, rows=counts.per_label(),
                        errors=errors)
    report.summary = {"detection_precision": micro.precision, "detection_recall": micro.recall,
                      "detection_f1": micro.f1, "resolution_accuracy": accuracy(correct, total),
                      "resolution_accuracy_detected": accuracy(correct, micro.tp),
                      "gold_mentions": float(total)}
    report.notes.append(f"{len(records)} texts, {total} gold mentions; resolution accuracy "
                        "counts undetected mentions as wrong")
    reports = [report]
    petrarch = _petrarch_report(config)
    if petrarch is not None:
        reports.append(petrarch)
    return reports


def _shared_file() -> Path:
    return SHARED_EVAL / "petrarch_actor_phrase_tests.jsonl"


def _petrarch_report(config: Config) -> EvalReport | None:
    """PETRARCH-2's actor phrase tests: the set of country+sector codes found in each phrase.

    Phoenix codes are longer than ours (IGOWSTNAT, IMGMUSISI); a phrase passes when every
    expected code's first six characters (country+sector), or an IGO code's organisation
    part, is matched by one of our actor codes. Skipped when ../shared is absent.
    """
    path = _shared_file()
    if not path.is_file():
        return None
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    batch = [{"id": r["id"], "text": r["phrase"], "published": r.get("date")} for r in records]
    passed = 0
    report = EvalReport(name="actors-petrarch-phrases", dataset=path.name, split="all")
    for r, actors in zip(records, _analyze(config, batch), strict=True):
        ours = {a.code or "" for a in actors}
        ok = all(any(_code_matches(exp, c) for c in ours) for exp in r["expected_codes"])
        passed += ok
        if not ok:
            report.errors.append({"id": r["id"], "phrase": r["phrase"],
                                  "expected": r["expected_codes"], "got": sorted(ours)})
    report.summary = {"phrases": float(len(records)), "passed": float(passed),
                      "accuracy": accuracy(passed, len(records))}
    report.notes.append("Phoenix codes compared on country+sector (first 6 characters); "
                        "IGO codes compared on the organisation tag")
    return report


_IGO_TAGS = {"NAT": "NATO", "EEU": "EU", "UNO": "UNO"}


def _code_matches(expected: str, ours: str) -> bool:
    if not ours:
        return False
    if expected.startswith("IGO"):
        return _IGO_TAGS.get(expected[6:9], expected[6:9]) == ours or expected[3:6] == ours
    if expected.startswith("IMG"):
        return False  # international militant groups: no equivalent code family here
    return ours[:6] == expected[:6]
