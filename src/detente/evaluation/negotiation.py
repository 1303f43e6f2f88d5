"""Position evaluation: value accuracy and full-tuple accuracy on ``data/gold/positions.jsonl``.

Gold records are either a bundled sample article (``sample``: a file in ``data/sample``) or a
sentence written for detente (``text``), each with the positions a reader finds in it:
``party`` (a side: ISO country or organisation code, as :func:`side_of` gives), ``value``,
``proposal`` (detente's proposal id or null), ``issue`` (key or null) and ``evidence`` (a
substring of the sentence carrying the position).

A predicted position matches a gold one when its party's side is the gold party and its
evidence sentence contains the gold evidence (one-to-one over the whole record, the pairs
agreeing on most fields first: see :func:`_pairs`). Value accuracy = gold positions matched
with the right value / all gold positions; full-tuple accuracy also needs proposal and issue
right. Unmatched predictions are counted as false positives (precision).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.evaluation.harness import EvalReport, evaluator, gold_path, read_jsonl
from detente.evaluation.metrics import PRF, Counts, accuracy
from detente.facts import Analysis

STAGES = ["clean", "language", "nlp", "actors", "quotes", "events", "docanalysis", "positions"]


def _documents(records: list[dict[str, Any]]) -> list[Any]:
    from detente.ingest import iter_drafts
    from detente.ingest.document import Draft, make_document

    sample = Path(str(resources.files("detente").joinpath("data", "sample")))
    docs = []
    for r in records:
        if "sample" in r:
            [result] = list(iter_drafts([str(sample / r["sample"])]))
            docs.append(make_document(getattr(result, "draft", result)))
        else:
            docs.append(make_document(Draft(text=r["text"], origin=r["id"],
                                            published=r.get("published"))))
    return docs


def _side(analysis: Analysis, actor_id: str) -> str:
    from detente.negotiation.proposals import side_of

    actor = analysis.actor(actor_id)
    return side_of(actor) if actor else actor_id


def _pairs(analysis: Analysis, gold: list[dict[str, Any]]) -> dict[int, int]:
    """Gold position index -> predicted position index, one to one. A prediction may match a
    gold position of its party whose evidence lies in its sentence; the pairs agreeing on most
    fields (value, then proposal, then issue) are taken first over the whole record, so a
    sentence with two stances of one party pairs each prediction with the stance it states,
    whatever the order the gold lists them in."""
    text = analysis.document.text
    sides = [_side(analysis, p.party) for p in analysis.positions]
    scored = []
    for gi, g in enumerate(gold):
        off = text.find(g["evidence"])
        for pi, p in enumerate(analysis.positions):
            if sides[pi] == g["party"] and p.evidence.start <= off < p.evidence.end:
                agree = 4 * (p.value == g["value"]) + 2 * (p.proposal == g["proposal"]) \
                    + (p.issue == g["issue"])
                scored.append((-agree, gi, pi))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, gi, pi in sorted(scored):
        if gi not in pairs and pi not in taken:
            pairs[gi] = pi
            taken.add(pi)
    return pairs


def score(analyses: list[Analysis], records: list[dict[str, Any]], split: str) -> EvalReport:
    """Compare predicted positions with gold ones (see the module docstring)."""
    n = value_ok = tuple_ok = party_found = fp = 0
    counts = Counts()
    errors: list[dict[str, Any]] = []
    for rec, a in zip(records, analyses, strict=True):
        pairs = _pairs(a, rec["positions"])
        used = set(pairs.values())
        for gi, g in enumerate(rec["positions"]):
            n += 1
            if gi not in pairs:
                counts.add(g["value"], fn=1)
                errors.append({"id": rec["id"], "miss": g})
                continue
            p = a.positions[pairs[gi]]
            party_found += 1
            if p.value == g["value"]:
                value_ok += 1
                counts.add(g["value"], tp=1)
            else:
                counts.add(g["value"], fn=1)
                counts.add(p.value, fp=1)
            full = p.value == g["value"] and p.proposal == g["proposal"] and p.issue == g["issue"]
            tuple_ok += full
            if not full:
                errors.append({"id": rec["id"], "gold": g, "got": {
                    "party": p.party, "value": p.value, "proposal": p.proposal,
                    "issue": p.issue}})
        for i, p in enumerate(a.positions):
            if i not in used:
                fp += 1
                counts.add(p.value, fp=1)
                errors.append({"id": rec["id"], "false": {
                    "party": p.party, "value": p.value, "proposal": p.proposal,
                    "issue": p.issue, "evidence": p.evidence.text[:120]}})
    predicted = sum(len(a.positions) for a in analyses)
    report = EvalReport("positions", "detente positions gold", split, rows=counts.per_label())
    report.summary = {
        "gold_positions": float(n), "predicted_positions": float(predicted),
        "value_accuracy": accuracy(value_ok, n), "full_tuple_accuracy": accuracy(tuple_ok, n),
        "party_and_sentence_found": accuracy(party_found, n),
        "precision": accuracy(predicted - fp, predicted),
        # Positions whose value the learned classifier gave (not the cue rules).
        "classifier_values": float(sum((p.rule or "").startswith("model:")
                                       for a in analyses for p in a.positions)),
    }
    report.notes.append("accuracy is over all gold positions: a missed position counts as wrong")
    report.errors = errors
    return report


@evaluator("positions")
def evaluate(config: Config, split: str, gold: Path | None) -> EvalReport:
    """Run the pipeline through the positions stage over the gold records of ``split``."""
    from detente.pipeline import Pipeline

    path = gold or gold_path("positions.jsonl")
    records = [r for r in read_jsonl(path) if split in ("all", r.get("split"))]
    pipe = Pipeline(config.with_overrides(**{"pipeline.stages": STAGES}))
    analyses = pipe.process(_documents(records)) if records else []
    return score(analyses, records, split)


def value_rows(report: EvalReport) -> list[PRF]:
    """Per-value rows (for the write-up)."""
    return report.rows
