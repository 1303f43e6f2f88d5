"""Quote evaluation: detection P/R/F1, speaker accuracy, and both by kind.

Datasets: the bundled gold (``data/gold/quotes.jsonl``, dev/test split) and, when ../shared is
present, the Guardian/AFP annotation-guide hard cases and the textacy test sentences, converted
to the same form. A predicted quote matches a gold quote when their contents overlap by at least
half of the longer of the two (one-to-one, best overlap first). Speaker accuracy is over matched
quotes: with a resolved actor, its canonical name must equal the gold speaker; without one, the
speaker phrase must equal or contain (or be contained in) the gold speaker phrase, and so must
a resolved actor's phrase when gold describes the speaker with no knowledge-base id ("a Kremlin
spokesman"); a gold quote without a speaker is right only when none was predicted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from detente.config import Config
from detente.evaluation.harness import SHARED_EVAL, EvalReport, evaluator, gold_path, read_jsonl
from detente.evaluation.metrics import PRF, accuracy
from detente.facts import Quote

KINDS = ("direct", "indirect", "mixed")


@evaluator("quotes")
def evaluate(config: Config, split: str, gold: Path | None) -> list[EvalReport]:
    """Score the quotes stage on the bundled gold and, when present, the shared hard cases."""
    pipe = _pipeline(config)
    path = gold or gold_path("quotes.jsonl")
    records = [r for r in read_jsonl(path) if split in ("all", r.get("split"))]
    reports = [score(pipe, records, "detente quotes gold", split)]
    guide = SHARED_EVAL / "quotes_guardian_guide.jsonl"
    if guide.exists():
        reports.append(score(pipe, guide_records(guide), "guardian guide hard cases", "all"))
    textacy = SHARED_EVAL / "quotes_textacy_tests.jsonl"
    if textacy.exists():
        reports.append(score(pipe, textacy_records(textacy), "textacy tests (English)", "all",
                             kinds=("direct", "mixed")))
    return reports


def _pipeline(config: Config):
    from detente.pipeline import Pipeline
    from detente.pipeline.registry import STAGES, resolve_stages

    resolve_stages([])  # registers the bundled stages
    names = ["clean", "language", "nlp", *(["actors"] if "actors" in STAGES else []), "quotes"]
    return Pipeline(config.with_overrides(**{"pipeline.stages": names}))


# --- gold formats --------------------------------------------------------------------------------


def with_offsets(record: dict[str, Any]) -> dict[str, Any]:
    """Fill ``start``/``end`` of each gold quote from its exact ``content`` substring."""
    text = record["text"]
    for q in record["quotes"]:
        if "start" not in q:
            start = text.find(q["content"])
            if start < 0:
                raise ValueError(f"{record['id']}: content not in text: {q['content'][:60]!r}")
            q["start"], q["end"] = start, start + len(q["content"])
    return record


def guide_records(path: Path) -> list[dict[str, Any]]:
    """The guide's records grouped by text: its quoted spans plus our indirect/mixed parts."""
    by_text: dict[str, dict[str, Any]] = {}
    for r in read_jsonl(path):
        rec = by_text.setdefault(r["text"], {"id": r["id"], "split": "all", "text": r["text"],
                                             "quotes": []})
        spk = r.get("speaker") or {}
        speaker = {"speaker": r.get("speaker_coref") or spk.get("text"),
                   "speaker_text": spk.get("text")}
        ind = r.get("indirect_part_ours")
        for c in r.get("contents") or []:
            (cs, ce), = c["spans"][:1]
            if ind and ind["spans"][0][0] <= cs and ce <= ind["spans"][0][1]:
                continue  # the quoted part sits inside the mixed quote added below
            _add(rec, "direct", cs, ce, speaker)
        if ind:
            (s, e), = ind["spans"][:1]
            inner = any(s <= c["spans"][0][0] and c["spans"][0][1] <= e
                        for c in r.get("contents") or [])
            _add(rec, "mixed" if inner else "indirect", s, e, speaker)
    return list(by_text.values())


def _add(rec: dict[str, Any], kind: str, start: int, end: int, speaker: dict[str, Any]) -> None:
    if any(q["start"] == start and q["end"] == end for q in rec["quotes"]):
        return
    rec["quotes"].append({"kind": kind, "start": start, "end": end,
                          "content": rec["text"][start:end], **speaker})


def textacy_records(path: Path) -> list[dict[str, Any]]:
    """textacy's English test sentences (it annotates direct quotations only)."""
    out = []
    for r in read_jsonl(path):
        if r.get("lang") != "en":
            continue
        quotes = []
        for q in r["expected_quotes"]:
            (s, e), = q["content"]["spans"][:1]
            quotes.append({"kind": "direct", "start": s, "end": e, "content": r["text"][s:e],
                           "speaker": q["speaker"]["text"], "speaker_text": q["speaker"]["text"]})
        out.append({"id": r["id"], "split": "all", "text": r["text"], "quotes": quotes})
    return out


# --- scoring -------------------------------------------------------------------------------------


def score(pipe, records: list[dict[str, Any]], dataset: str, split: str,
          kinds: tuple[str, ...] = KINDS) -> EvalReport:
    """Run the pipeline over ``records`` and compare with their gold quotes."""
    from detente.ingest.document import Draft, make_document

    records = [with_offsets(r) for r in records]
    docs = [make_document(Draft(text=r["text"], origin=r["id"])) for r in records]
    results = pipe.process(docs) if docs else []
    tp = fp = fn = 0
    kind_tp: dict[str, int] = defaultdict(int)
    kind_fp: dict[str, int] = defaultdict(int)
    kind_fn: dict[str, int] = defaultdict(int)
    spk_ok: dict[str, int] = defaultdict(int)
    spk_n: dict[str, int] = defaultdict(int)
    kind_right = 0
    errors: list[dict[str, Any]] = []
    for rec, res in zip(records, results, strict=True):
        got = [q for q in getattr(res, "quotes", ()) if q.kind in kinds]
        kb = {a.id: a.kb_id for a in getattr(res, "actors", ())}
        text_offset = _offset(rec["text"], res)
        pairs = match(rec["quotes"], got, text_offset)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for gi, g in enumerate(rec["quotes"]):
            if gi not in matched_g:
                fn += 1
                kind_fn[g["kind"]] += 1
                errors.append({"id": rec["id"], "miss": g["content"][:120]})
        for pi, p in enumerate(got):
            if pi not in matched_p:
                fp += 1
                kind_fp[p.kind] += 1
                errors.append({"id": rec["id"], "false": p.content[:120], "kind": p.kind})
        for gi, pi in pairs:
            g, p = rec["quotes"][gi], got[pi]
            tp += 1
            kind_tp[g["kind"]] += 1
            kind_right += g["kind"] == p.kind
            spk_n[g["kind"]] += 1
            if speaker_correct(g, p, kb.get(p.speaker.actor or "")):
                spk_ok[g["kind"]] += 1
            else:
                errors.append({"id": rec["id"], "speaker": p.speaker.text, "actor": p.speaker.name,
                               "gold": g.get("speaker_text") or g.get("speaker"),
                               "content": p.content[:60]})
    overall = PRF("all", tp, fp, fn)
    rows = [overall] + [PRF(k, kind_tp[k], kind_fp[k], kind_fn[k]) for k in kinds]
    summary = {"quote_precision": overall.precision, "quote_recall": overall.recall,
               "quote_f1": overall.f1,
               "speaker_accuracy": accuracy(sum(spk_ok.values()), sum(spk_n.values())),
               "kind_accuracy": accuracy(kind_right, tp), "documents": float(len(records)),
               "gold_quotes": float(tp + fn)}
    for k in kinds:
        summary[f"speaker_accuracy_{k}"] = accuracy(spk_ok[k], spk_n[k])
    notes = ["match: content overlap >= 50% of the longer span; speaker accuracy over matches",
             "by-kind rows: tp/fn by gold kind, fp by predicted kind"]
    if kinds != KINDS:
        notes.append(f"only predicted quotes of kind {', '.join(kinds)} are scored")
    return EvalReport("quotes", dataset, split, rows, summary, notes, errors)


def _offset(text: str, res: Any) -> int:
    """Where the record's text starts in the analysed document (ingestion may trim it)."""
    doc = getattr(res, "document", None)
    if doc is None:
        return 0
    k = doc.text.find(text[:40].strip())
    return max(k - (len(text[:40]) - len(text[:40].lstrip())), 0) if k >= 0 else 0


def match(gold: list[dict[str, Any]], got: list[Quote], offset: int = 0
          ) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) with overlap >= 50% of the longer span."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(got):
            ps, pe = p.start - offset, p.end - offset
            inter = min(g["end"], pe) - max(g["start"], ps)
            longer = max(g["end"] - g["start"], pe - ps)
            if inter > 0 and inter / longer >= 0.5:
                cands.append((inter / longer, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(cands, reverse=True):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def _norm(s: str | None) -> str:
    return re.sub(r"[^\w ]+", "", (s or "").casefold()).strip()


def speaker_correct(g: dict[str, Any], p: Quote, kb_id: str | None = None) -> bool:
    """Actor resolved to the knowledge base: its canonical name; otherwise the surface phrase
    (see module docstring)."""
    gold_name, gold_text = _norm(g.get("speaker")), _norm(g.get("speaker_text"))
    if not gold_name and not gold_text:
        return p.speaker.actor is None and not p.speaker.text
    if p.speaker.actor is not None and kb_id:
        # Guide records give a phrase ("England's chief medical officer, Professor Chris
        # Whitty") where our gold gives the canonical name: the name must be in it.
        name = _norm(p.speaker.name)
        if bool(name) and (name in (gold_name, _norm(g.get("speaker_kb_id")), _norm(kb_id))
                           or f" {name} " in f" {gold_name} " or f" {name} " in f" {gold_text} "):
            return True
        if g.get("speaker_kb_id") or (gold_name and gold_text and gold_name != gold_text):
            return False
        # A gold speaker given only as a description, with no one named for it ("a Kremlin
        # spokesman", "The Kremlin"): the phrase found is the attribution, and resolving it to
        # a body on top is no error. (A gold phrase resolved to someone, "he" = Peskov, still
        # needs the name.)
    return _same_phrase(_norm(p.speaker.text), gold_text, gold_name)


def _same_phrase(got: str, *gold: str) -> bool:
    if not got:
        return False
    return any(got == t or (len(got) > 2 and (got in t or t in got)) for t in gold if t)
