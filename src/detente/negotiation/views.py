"""Corpus views over analyses: proposals, timelines, the party x issue matrix, changes, comparison.

Every function takes an iterable of :class:`~detente.facts.Analysis` (e.g.
``store.iter_analyses()``) and returns plain JSON-ready dicts. Parties are grouped by side
(``by="side"``: an actor's country or organisation code, so Putin, the Kremlin and Russia are
one row) or kept as actors (``by="actor"``). A position's date is its document's publication
date (the contract has no position date yet).

Proposals merge across articles by id (``usa-plan``); a name known only by its point count
(``28-point-plan``) joins the one proposal of the same family that some article gives the same
point count ("a 28-point U.S. plan").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from detente.facts import Analysis, Position
from detente.negotiation.proposals import side_of

_POINTS = re.compile(r"(\d+)\s*-?\s*points?\b", re.IGNORECASE)
_POINTS_ID = re.compile(r"^(\d+)-point-(\w+)$")
_EVENT_TYPES = {"AGREE", "REJECT", "CONSULT", "REQUEST", "CONCEDE", "THREATEN"}


def _date(analysis: Analysis) -> str:
    return (analysis.document.published or "")[:10]


def _party(analysis: Analysis, position: Position, by: str) -> tuple[str, str]:
    """(party key, display name) for a position."""
    actor = analysis.actor(position.party)
    if actor is None:
        return position.party, position.party
    if by == "actor":
        return actor.id, actor.name
    side = side_of(actor)
    state = next((a for a in analysis.actors if a.id == side), None)
    return side, (state.name if state else side)


def _point_counts(names: Iterable[str]) -> set[int]:
    return {int(m.group(1)) for n in names for m in _POINTS.finditer(n)}


def _canonical(analyses: list[Analysis]) -> dict[str, str]:
    """Map each proposal id to the id it merges into across the corpus."""
    counts: dict[tuple[int, str], set[str]] = defaultdict(set)
    for a in analyses:
        for p in a.proposals:
            if not _POINTS_ID.match(p.id):
                for n in _point_counts((p.name, *p.aliases)):
                    counts[(n, p.id.rsplit("-", 1)[-1])].add(p.id)
    mapping = {}
    for a in analyses:
        for p in a.proposals:
            m = _POINTS_ID.match(p.id)
            owners = counts.get((int(m.group(1)), m.group(2)), set()) if m else set()
            mapping[p.id] = next(iter(owners)) if len(owners) == 1 else p.id
    return mapping


def list_proposals(analyses: Iterable[Analysis]) -> list[dict[str, Any]]:
    """Proposals across the corpus, merged: id, name, aliases, first/last date, documents,
    positions, issues and point counts; most discussed first."""
    items = list(analyses)
    canon = _canonical(items)
    out: dict[str, dict[str, Any]] = {}
    for a in items:
        date = _date(a)
        for p in a.proposals:
            key = canon.get(p.id, p.id)
            entry = out.setdefault(key, {"id": key, "name": p.name, "aliases": [], "ids": [],
                                         "first_date": date, "last_date": date,
                                         "documents": 0, "positions": 0, "issues": [],
                                         "point_counts": []})
            entry["documents"] += 1
            for alias in (p.name, *p.aliases):
                if alias != entry["name"] and alias not in entry["aliases"]:
                    entry["aliases"].append(alias)
            if p.id not in entry["ids"]:
                entry["ids"].append(p.id)
            entry["first_date"] = min(entry["first_date"] or date, date or entry["first_date"])
            entry["last_date"] = max(entry["last_date"], date)
            entry["issues"] = sorted({*entry["issues"], *p.issues})
            entry["point_counts"] = sorted({*entry["point_counts"], *_point_counts(
                (p.name, *p.aliases))})
        for pos in a.positions:
            if pos.proposal and canon.get(pos.proposal, pos.proposal) in out:
                out[canon.get(pos.proposal, pos.proposal)]["positions"] += 1
    return sorted(out.values(), key=lambda e: (-e["positions"], -e["documents"], e["id"]))


def _position_row(a: Analysis, p: Position, canon: dict[str, str], by: str) -> dict[str, Any]:
    party, name = _party(a, p, by)
    return {"date": _date(a), "document": a.document.id, "title": a.document.title,
            "source": a.document.source, "party": party, "party_name": name,
            "actor": p.party, "value": p.value, "modality": p.modality,
            "proposal": canon.get(p.proposal, p.proposal) if p.proposal else None,
            "issue": p.issue, "quote": p.quote,
            "evidence": {"start": p.evidence.start, "end": p.evidence.end,
                         "text": p.evidence.text}}


def _rows(items: list[Analysis], by: str) -> list[dict[str, Any]]:
    canon = _canonical(items)
    rows = [_position_row(a, p, canon, by) for a in items for p in a.positions]
    return sorted(rows, key=lambda r: (r["date"], r["document"], r["evidence"]["start"]))


def show_proposal(analyses: Iterable[Analysis], proposal_id: str, *, by: str = "side"
                  ) -> dict[str, Any] | None:
    """One proposal with its timeline: positions on it and negotiation events in the same
    sentences, oldest first. None when no analysis names it."""
    items = list(analyses)
    entry = next((e for e in list_proposals(items)
                  if proposal_id == e["id"] or proposal_id in e["ids"]), None)
    if entry is None:
        return None
    timeline = [dict(r, kind="position") for r in _rows(items, by)
                if r["proposal"] == entry["id"]]
    spans = {(r["document"], r["evidence"]["start"]) for r in timeline}
    for a in items:
        names = {n.lower() for n in (entry["name"], *entry["aliases"])}
        for e in a.events:
            if e.type not in _EVENT_TYPES or e.historical:
                continue
            near = (a.document.id, e.evidence.start) in spans
            if near or any(n in e.evidence.text.lower() for n in names if len(n) > 6):
                timeline.append({"kind": "event", "date": (e.date.value if e.date else _date(a)),
                                 "document": a.document.id, "type": e.type,
                                 "actor": list(e.actor), "modality": e.modality,
                                 "evidence": e.evidence.to_dict()})
    timeline.sort(key=lambda r: (r["date"][:10], r["document"], r["evidence"]["start"]))
    return {**entry, "timeline": timeline}


def _target(row: dict[str, Any]) -> str:
    return row["issue"] or (f"proposal:{row['proposal']}" if row["proposal"] else "general")


def position_matrix(analyses: Iterable[Analysis], *, by: str = "side",
                    proposal: str | None = None) -> dict[str, Any]:
    """Party x issue: per cell the latest value, its history and evidence. Positions on a whole
    proposal (no issue) go to a column ``proposal:<id>``."""
    rows = _rows(list(analyses), by)
    if proposal:
        rows = [r for r in rows if r["proposal"] == proposal]
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


# Values that state a stance; "proposes" and "unclear" do not, so they never make a change.
_STANCES = {"supports", "accepts_as_basis", "conditional", "seeks_amendment", "rejects",
            "red_line", "denies_reported_position"}


def position_changes(analyses: Iterable[Analysis], *, by: str = "side") -> list[dict[str, Any]]:
    """Each time a party's stance on a proposal or issue, in a later document, differs from
    its previous one."""
    last: dict[tuple[str, str], dict[str, Any]] = {}
    out = []
    for r in _rows(list(analyses), by):
        if r["value"] not in _STANCES:
            continue
        targets = [t for t in (r["issue"], r["proposal"] and f"proposal:{r['proposal']}") if t]
        for target in targets:
            prev = last.get((r["party"], target))
            if prev is not None and prev["value"] != r["value"] and \
                    prev["document"] != r["document"]:
                what = target.removeprefix("proposal:")
                out.append({
                    "party": r["party"], "party_name": r["party_name"], "target": target,
                    "from": prev["value"], "to": r["value"], "date": r["date"],
                    "before": prev, "after": r,
                    "text": f"{r['party_name']}: {prev['value']} -> {r['value']} on {what}, "
                            f"{r['date']}, evidence: {r['evidence']['text'][:160]}"})
            last[(r["party"], target)] = r
    return out


def compare_proposals(analyses: Iterable[Analysis], a: str, b: str, *, by: str = "side"
                      ) -> dict[str, Any]:
    """Two proposals issue by issue: which addresses each issue, and parties' latest values
    on each (positions tied to that proposal and issue)."""
    items = list(analyses)
    known = {e["id"]: e for e in list_proposals(items)}
    for key in (a, b):
        if not any(key == e["id"] or key in e["ids"] for e in known.values()):
            raise KeyError(f"no proposal {key!r}")
    ea = next(e for e in known.values() if a == e["id"] or a in e["ids"])
    eb = next(e for e in known.values() if b == e["id"] or b in e["ids"])
    rows = _rows(items, by)
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
