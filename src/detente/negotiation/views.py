"""Corpus views over analyses: proposals, timelines, the party x issue matrix, changes, comparison.

Every function takes an iterable of :class:`~detente.facts.Analysis` (e.g.
``store.iter_analyses()``) and returns plain JSON-ready dicts. Parties are grouped by side
(``by="side"``: an actor's country or organisation code, so Putin, the Kremlin and Russia are
one row) or kept as actors (``by="actor"``). A position's date is its document's publication
date (the contract has no position date yet).

Proposals merge across articles by id (``usa-plan``); a name known only by its point count
(``28-point-plan``) joins the one proposal of the same family that some article gives the same
point count ("a 28-point U.S. plan"). :func:`corpus_ids` is the one place that decides which
corpus id a proposal of one article has; the CLI views and the web pages and API all use it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from detente.facts import Analysis, Position, Proposal
from detente.negotiation.knowledge import SideRules
from detente.negotiation.proposals import (
    compose_id,
    conflict_in,
    parse_id,
    side_of,
    split_identities,
)

_POINTS = re.compile(r"(\d+)\s*-?\s*points?\b", re.IGNORECASE)
_POINTS_ID = re.compile(r"^(\d+)-point-(\w+)$")
_EVENT_TYPES = {"AGREE", "REJECT", "CONSULT", "REQUEST", "CONCEDE", "THREATEN"}


def _date(analysis: Analysis) -> str:
    return (analysis.document.published or "")[:10]


def party_key(analysis: Analysis, position: Position, by: str = "side",
              sides: SideRules | None = None) -> tuple[str, str]:
    """(party key, display name) for a position: its side (country or organisation, as
    :func:`side_of` gives with ``sides``, the knowledge base's side rules; the bundled ones
    when None) or, with ``by="actor"``, its own actor. The CLI views and the web matrix both
    group parties with this."""
    actor = analysis.actor(position.party)
    if actor is None:
        return position.party, position.party
    if by == "actor":
        return actor.id, actor.name
    side = side_of(actor, sides)
    state = next((a for a in analysis.actors if a.id == side), None)
    return side, (state.name if state else side)


def _point_counts(names: Iterable[str]) -> set[int]:
    return {int(m.group(1)) for n in names for m in _POINTS.finditer(n)}


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    """The paragraph around ``offset``: the analysis keeps no sentence bounds, and a period
    is no sentence end in "the U.S. plan"."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, (end if end >= 0 else len(text))


def _conflict(a: Analysis, p: Proposal) -> str | None:
    """The conflict a proposal of one article is about: the one the proposals stage recorded
    (``Proposal.conflict``), else its id's qualifier. Analyses stored before that field existed
    fall back to the bundled conflicts' parties and places named where it is mentioned
    (paragraphs naming it, evidence of positions on it, its parts), else in the whole article."""
    qualified = p.conflict or parse_id(p.id)[3]
    if qualified:
        return qualified
    text, low = a.document.text, a.document.text.lower()
    offsets = [m.start() for n in {p.name, *p.aliases} if len(n) > 3
               for m in re.finditer(re.escape(n.lower()), low)]
    spans = [_paragraph(text, o) for o in offsets]
    spans += [(x.evidence.start, x.evidence.end) for x in a.positions if x.proposal == p.id]
    spans += [(part.start, part.end) for part in p.parts]
    return conflict_in(a.actors, text, spans) or conflict_in(a.actors, text, [(0, len(text))])


@dataclass
class _Ref:
    """One article's proposal, with what identifies it across articles."""

    analysis: Analysis
    proposal: Proposal
    base: str
    revised: bool
    conflict: str | None
    points: int | None
    key: str = ""


def corpus_ids(analyses: Iterable[Analysis]) -> dict[tuple[str, str], str]:
    """Map (document id, per-article proposal id) to the corpus id the proposal merges into.

    Proposals merge by base id (proposer and kind, ``usa-plan``), conflict and version; a
    points-only name (``28-point-plan``) joins the one proposer's proposal of the same kind,
    conflict and point count. Corpus ids carry a conflict qualifier (``usa-plan@isr-pse``) only
    when one base id is used for several conflicts, and a point-count qualifier
    (``usa-plan-28pt``) only when unrevised versions differ in points; a mention with no point
    count joins the latest counted one before it (by date), else the first after."""
    refs = []
    for a in list(analyses):
        for p in a.proposals:
            base, points, revised, _ = parse_id(p.id)
            refs.append(_Ref(a, p, base, revised, _conflict(a, p), points or p.point_count))
    owners: dict[tuple[int, str, str | None], set[str]] = defaultdict(set)
    for r in refs:
        if not _POINTS_ID.match(r.base):
            for n in {r.points, *_point_counts((r.proposal.name, *r.proposal.aliases))} - {None}:
                owners[(n, r.base.rsplit("-", 1)[-1], r.conflict)].add(r.base)
    for r in refs:
        m = _POINTS_ID.match(r.base)
        found = owners.get((int(m.group(1)), m.group(2), r.conflict), set()) if m else set()
        if len(found) == 1:
            r.base = next(iter(found))
    conflicts_of: dict[str, set[str | None]] = defaultdict(set)
    groups: dict[tuple[str, str | None], list[_Ref]] = defaultdict(list)
    for r in sorted(refs, key=lambda r: (_date(r.analysis), r.analysis.document.id)):
        conflicts_of[r.base].add(r.conflict)
        groups[(r.base, r.conflict)].append(r)
    for (base, conflict), group in groups.items():
        shown = conflict if len(conflicts_of[base] - {None}) > 1 else None
        points = split_identities(group, lambda r: None if r.revised else r.points)
        for i, r in enumerate(group):
            r.key = compose_id(base, points.get(i), r.revised, shown)
    return {(r.analysis.document.id, r.proposal.id): r.key for r in refs}


def list_proposals(analyses: Iterable[Analysis]) -> list[dict[str, Any]]:
    """Proposals across the corpus, merged: id, name, aliases, ids (per-article ids), proposer,
    conflict, revises, first/last date, documents, positions, issues and point counts; most
    discussed first."""
    return proposal_index(analyses)[0]


def proposal_index(analyses: Iterable[Analysis]
                   ) -> tuple[list[dict[str, Any]], dict[tuple[str, str], str]]:
    """:func:`list_proposals` and :func:`corpus_ids` of the same analyses, computed once."""
    items = list(analyses)
    canon = corpus_ids(items)
    out: dict[str, dict[str, Any]] = {}
    for a in items:
        date = _date(a)
        for p in a.proposals:
            key = canon[(a.document.id, p.id)]
            base, points, revised, conflict = parse_id(key)
            entry = out.setdefault(key, {"id": key, "name": p.name, "aliases": [], "ids": [],
                                         "proposer": p.proposer, "conflict": conflict,
                                         "revises": None, "first_date": date,
                                         "last_date": date, "documents": 0, "positions": 0,
                                         "issues": [], "point_counts": []})
            entry["documents"] += 1
            entry["proposer"] = entry["proposer"] or p.proposer
            entry["conflict"] = entry["conflict"] or _conflict(a, p)
            if p.revises and (a.document.id, p.revises) in canon:
                # "reworked into a 20-point framework": a version with a name of its own.
                origin = canon[(a.document.id, p.revises)]
                entry["revises"] = entry["revises"] or (origin if origin != key else None)
            if revised:
                entry["revises"] = compose_id(base, points, False, conflict)
            for alias in (p.name, *p.aliases):
                if alias != entry["name"] and alias not in entry["aliases"]:
                    entry["aliases"].append(alias)
            if p.id not in entry["ids"]:
                entry["ids"].append(p.id)
            entry["first_date"] = min(entry["first_date"] or date, date or entry["first_date"])
            entry["last_date"] = max(entry["last_date"], date)
            entry["issues"] = sorted({*entry["issues"], *p.issues})
            entry["point_counts"] = sorted({*entry["point_counts"], *_point_counts(
                (p.name, *p.aliases)), *([p.point_count] if p.point_count else [])})
        for pos in a.positions:
            key = canon.get((a.document.id, pos.proposal or ""))
            if key in out:
                out[key]["positions"] += 1
    for entry in out.values():
        if entry["revises"] not in out:  # the revised one's original is never named itself
            entry["revises"] = next((k for k in out if entry["revises"] and
                                     parse_id(k)[0] == parse_id(entry["revises"])[0]
                                     and not parse_id(k)[2]), entry["revises"])
    entries = sorted(out.values(), key=lambda e: (-e["positions"], -e["documents"], e["id"]))
    return entries, canon


def find_proposal(entries: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    """The entry a user's id names: a corpus id, else a per-article id (the most discussed
    proposal with it), else None."""
    return next((e for e in entries if e["id"] == key), None) or \
        next((e for e in entries if key in e["ids"]), None)


def _position_row(a: Analysis, p: Position, canon: dict[tuple[str, str], str], by: str,
                  sides: SideRules | None) -> dict[str, Any]:
    party, name = party_key(a, p, by, sides)
    return {"date": (p.date or _date(a))[:10], "published": _date(a),
            "document": a.document.id, "title": a.document.title,
            "source": a.document.source, "party": party, "party_name": name,
            "actor": p.party, "value": p.value, "modality": p.modality,
            "proposal": canon.get((a.document.id, p.proposal), p.proposal)
            if p.proposal else None,
            "issue": p.issue, "quote": p.quote, "segment_genre": p.segment_genre,
            "evidence": {"start": p.evidence.start, "end": p.evidence.end,
                         "text": p.evidence.text}}


def _rows(items: list[Analysis], by: str, sides: SideRules | None = None
          ) -> list[dict[str, Any]]:
    canon = corpus_ids(items)
    rows = [_position_row(a, p, canon, by, sides) for a in items for p in a.positions]
    return sorted(rows, key=lambda r: (r["date"], r["document"], r["evidence"]["start"]))


def list_positions(analyses: Iterable[Analysis], *, party: str | None = None,
                   issue: str | None = None, proposal: str | None = None, by: str = "side",
                   sides: SideRules | None = None) -> list[dict[str, Any]]:
    """Position rows oldest first, filtered: ``party`` matches the party key, its name or the
    actor id (case-insensitive substring), ``issue`` an issue key or its first level
    (``security``), ``proposal`` a corpus or per-article proposal id. ``sides``: the side
    rules parties are grouped by (see :func:`party_key`)."""
    items = list(analyses)
    rows = _rows(items, by, sides)
    if proposal:
        entry = find_proposal(list_proposals(items), proposal)
        rows = [r for r in rows if entry and r["proposal"] == entry["id"]]
    if issue:
        rows = [r for r in rows if r["issue"] and (r["issue"] == issue
                                                   or r["issue"].split(".")[0] == issue)]
    if party:
        want = party.lower()
        rows = [r for r in rows if any(want in (v or "").lower() for v in
                                       (r["party"], r["party_name"], r["actor"]))]
    return rows


def timeline(analyses: Iterable[Analysis], proposal: str | None = None, *, by: str = "side",
             sides: SideRules | None = None) -> list[dict[str, Any]]:
    """Positions (``kind: position``) and negotiation events (AGREE, REJECT, CONSULT,
    REQUEST, CONCEDE, THREATEN; ``kind: event``) oldest first: on one proposal (its positions,
    and events in the same sentences or naming it), or with no ``proposal`` on all proposals.
    Unknown proposal: empty."""
    items = list(analyses)
    entries = list_proposals(items)
    chosen = [find_proposal(entries, proposal)] if proposal else entries
    ids = {e["id"] for e in chosen if e}
    rows = [dict(r, kind="position") for r in _rows(items, by, sides) if r["proposal"] in ids]
    spans = {(r["document"], r["evidence"]["start"]): r["proposal"] for r in rows}
    names = {n.lower(): e["id"] for e in chosen if e for n in (e["name"], *e["aliases"])
             if len(n) > 6}
    for a in items:
        for e in a.events:
            if e.type not in _EVENT_TYPES or e.historical:
                continue
            about = spans.get((a.document.id, e.evidence.start)) or next(
                (pid for n, pid in names.items() if n in e.evidence.text.lower()), None)
            if about:
                rows.append({"kind": "event", "date": (e.date.value if e.date else _date(a)),
                             "published": _date(a), "document": a.document.id,
                             "proposal": about, "type": e.type, "actor": list(e.actor),
                             "modality": e.modality, "evidence": e.evidence.to_dict()})
    rows.sort(key=lambda r: (r["date"][:10], r["document"], r["evidence"]["start"]))
    return rows


def show_proposal(analyses: Iterable[Analysis], proposal_id: str, *, by: str = "side",
                  sides: SideRules | None = None) -> dict[str, Any] | None:
    """One proposal with its timeline (see :func:`timeline`). None when no analysis names it."""
    items = list(analyses)
    entry = find_proposal(list_proposals(items), proposal_id)
    if entry is None:
        return None
    return {**entry, "timeline": timeline(items, entry["id"], by=by, sides=sides)}


def _target(row: dict[str, Any]) -> str:
    return row["issue"] or (f"proposal:{row['proposal']}" if row["proposal"] else "general")


def position_matrix(analyses: Iterable[Analysis], *, by: str = "side",
                    proposal: str | None = None, sides: SideRules | None = None
                    ) -> dict[str, Any]:
    """Party x issue: per cell the latest value, its history and evidence. Positions on a whole
    proposal (no issue) go to a column ``proposal:<id>``. ``proposal``: only positions on it
    (a corpus or per-article id; unknown: an empty matrix)."""
    items = list(analyses)
    rows = _rows(items, by, sides)
    if proposal:
        entry = find_proposal(list_proposals(items), proposal)
        rows = [r for r in rows if entry and r["proposal"] == entry["id"]]
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    names: dict[str, str] = {}
    for r in rows:
        names[r["party"]] = r["party_name"]
        cell = cells.setdefault((r["party"], _target(r)), {
            "party": r["party"], "issue": _target(r), "value": None, "history": []})
        cell["history"].append(r)
        cell["value"] = r["value"]  # rows are in date order: the last one is the latest
    parties = sorted(names)
    issues = sorted({c["issue"] for c in cells.values()})
    return {"parties": [{"id": p, "name": names[p]} for p in parties], "issues": issues,
            "cells": [cells[k] for k in sorted(cells)]}


def matrix_grid(matrix: dict[str, Any]) -> list[list[str]]:
    """A :func:`position_matrix` as a grid for tables and CSV: a header row ("party", then one
    column per issue), then one row per party with each cell's latest value ("" when none)."""
    values = {(c["party"], c["issue"]): c["value"] or "" for c in matrix["cells"]}
    return [["party", *matrix["issues"]]] + [
        [p["name"], *(values.get((p["id"], i), "") for i in matrix["issues"])]
        for p in matrix["parties"]]


# Values that state a stance; "proposes" and "unclear" do not, and a denial says a reported
# stance was never taken, so none of these three makes (or undoes) a change.
_STANCES = {"supports", "accepts_as_basis", "conditional", "seeks_amendment", "rejects",
            "red_line"}
_WORD = re.compile(r"\w+")


def _flat(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _same_statement(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two reports of one statement: same party and date, and most words of the shorter
    evidence are in the other (outlets rephrase around a shared quote)."""
    if a["date"] != b["date"]:
        return False
    wa, wb = (set(_WORD.findall(r["evidence"]["text"].lower())) for r in (a, b))
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def position_changes(analyses: Iterable[Analysis], *, by: str = "side",
                     sides: SideRules | None = None) -> list[dict[str, Any]]:
    """Changes of a party's stance on one (proposal, issue) key, oldest first.

    Only dated stance positions from reporting count (never opinion segments, never
    ``proposes``, ``unclear`` or ``denies_reported_position``). A change is listed when the
    value differs from the party's previous one on the same key and was taken on a later
    date; a report of a statement already seen (same date, same wording: one statement
    reported twice) is not a new position, so it neither makes nor undoes a change; a
    different value on the same date is a conflicting report, not a change. Each change has
    both evidences."""
    last: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}
    seen: dict[tuple[str, str | None, str | None], list[dict[str, Any]]] = defaultdict(list)
    out = []
    for r in _rows(list(analyses), by, sides):
        if r["value"] not in _STANCES or r["segment_genre"] == "opinion" or not r["date"]:
            continue
        key = (r["party"], r["proposal"], r["issue"])
        if not (r["proposal"] or r["issue"]):
            continue
        if any(_same_statement(r, s) for s in seen[key]):
            continue
        seen[key].append(r)
        prev = last.get(key)
        if prev is not None and prev["value"] == r["value"]:
            last[key] = r
            continue
        if prev is not None and r["date"] > prev["date"]:
            what = " / ".join(x for x in (r["proposal"], r["issue"]) if x)
            out.append({
                "party": r["party"], "party_name": r["party_name"], "proposal": r["proposal"],
                "issue": r["issue"], "target": what, "from": prev["value"], "to": r["value"],
                "date": r["date"], "before": prev, "after": r,
                "text": f"{r['party_name']}: {prev['value']} -> {r['value']} on {what}, "
                        f"{r['date']}, evidence: {_flat(r['evidence']['text'], 160)} "
                        f"(before, {prev['date']}: {_flat(prev['evidence']['text'], 120)})"})
        if prev is None or r["date"] > prev["date"]:
            last[key] = r
    return out


def compare_proposals(analyses: Iterable[Analysis], a: str, b: str, *, by: str = "side",
                      sides: SideRules | None = None) -> dict[str, Any]:
    """Two proposals issue by issue: which addresses each issue, and parties' latest values
    on each (positions tied to that proposal and issue). KeyError for an unknown id."""
    items = list(analyses)
    entries = list_proposals(items)
    ea, eb = find_proposal(entries, a), find_proposal(entries, b)
    for key, entry in ((a, ea), (b, eb)):
        if entry is None:
            raise KeyError(key)
    assert ea is not None and eb is not None
    rows = _rows(items, by, sides)
    issues = sorted({*ea["issues"], *eb["issues"],
                     *(r["issue"] for r in rows if r["issue"] and r["proposal"] in
                       (ea["id"], eb["id"]))})
    table = []
    for issue in issues:
        line: dict[str, Any] = {"issue": issue}
        for tag, entry in (("a", ea), ("b", eb)):
            latest: dict[str, dict[str, Any]] = {}
            for r in rows:
                if r["proposal"] == entry["id"] and r["issue"] == issue:
                    latest[r["party"]] = r
            line[tag] = {"addressed": issue in entry["issues"] or bool(latest),
                         "positions": {p: {"value": r["value"], "date": r["date"],
                                           "evidence": r["evidence"]["text"]}
                                       for p, r in sorted(latest.items())}}
        table.append(line)
    return {"a": ea, "b": eb, "issues": table}
