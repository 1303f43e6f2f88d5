"""Corpus views over the store: quotes, events and actors across documents.

All SQL here is portable (``?`` placeholders through ``store.fetchall``) so the same views serve
SQLite and the PostgreSQL backend.
"""

from __future__ import annotations

import json
from typing import Any

from detente.errors import NotFoundError
from detente.store.base import date_clauses


def _like(value: str) -> str:
    return f"%{value.lower()}%"


def _actor_ids(store, name: str) -> list[str]:
    """Actor ids (KB ids or document-local ids) whose name or id matches ``name``."""
    rows = store.fetchall("SELECT DISTINCT actor_id FROM actors WHERE lower(name) LIKE ? OR "
                          "lower(actor_id) LIKE ? OR lower(coalesce(kb_id, '')) LIKE ?",
                          [_like(name)] * 3)
    return [r["actor_id"] for r in rows]


def list_quotes(store, *, speaker: str | None = None, since: str | None = None,
                until: str | None = None, kind: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Quotes with their document, newest first; ``speaker`` matches name or actor id."""
    clauses, args = [], []
    if speaker:
        clauses.append("(lower(q.speaker_name) LIKE ? OR lower(coalesce(q.speaker_actor, '')) "
                       "LIKE ?)")
        args += [_like(speaker)] * 2
    if kind:
        clauses.append("q.kind = ?")
        args.append(kind)
    date_clauses(clauses, args, "d.published", since, until)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return store.fetchall(
        "SELECT q.document_id, q.quote_id, q.kind, q.content, q.start_char, q.end_char, "
        "q.speaker_actor, q.speaker_name, q.source_type, q.stance, d.published, d.source, "
        f"d.title FROM quotes q JOIN documents d ON d.id = q.document_id {where} "
        "ORDER BY d.published DESC, q.document_id, q.start_char LIMIT ? OFFSET ?",
        [*args, limit, offset])


def list_events(store, *, type: str | None = None, actor: str | None = None,
                recipient: str | None = None, since: str | None = None, until: str | None = None,
                include_historical: bool = True, limit: int = 100, offset: int = 0
                ) -> list[dict[str, Any]]:
    """Event mentions with filters; dates filter on the event date, else publication date."""
    clauses, args = [], []
    if type:
        clauses.append("e.type = ?")
        args.append(type.upper())
    for column, name in (("e.actor", actor), ("e.recipient", recipient)):
        if name:
            ids = _actor_ids(store, name)
            if not ids:
                return []
            clauses.append("(" + " OR ".join(f"{column} LIKE ?" for _ in ids) + ")")
            args += [f'%"{i}"%' for i in ids]
    if not include_historical:
        clauses.append("e.historical = 0")
    date_clauses(clauses, args, "coalesce(e.date, d.published)", since, until)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = store.fetchall(
        "SELECT e.document_id, e.event_id, e.type, e.cameo, e.modality, e.date, e.historical, "
        "e.actor, e.recipient, e.start_char, e.end_char, d.published, d.source, d.title, "
        f"substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS evidence "
        f"FROM events e JOIN documents d ON d.id = e.document_id {where} "
        "ORDER BY coalesce(e.date, d.published) DESC, e.document_id, e.start_char "
        "LIMIT ? OFFSET ?", [*args, limit, offset])
    for r in rows:
        r["actor"] = json.loads(r["actor"] or "[]")
        r["recipient"] = json.loads(r["recipient"] or "[]")
        r["historical"] = bool(r["historical"])
    return rows


def list_actors(store, *, query: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actors across documents, merged by knowledge-base id (else by name), most mentioned first."""
    where, args = "", []
    if query:
        where, args = "WHERE lower(name) LIKE ? OR lower(actor_id) LIKE ?", [_like(query)] * 2
    return store.fetchall(
        "SELECT coalesce(kb_id, name) AS key, min(name) AS name, min(kind) AS kind, "
        "min(country) AS country, min(sector) AS sector, min(code) AS code, "
        "sum(mentions) AS mentions, count(DISTINCT document_id) AS documents "
        f"FROM actors {where} GROUP BY coalesce(kb_id, name) "
        "ORDER BY mentions DESC, name LIMIT ?", [*args, limit])


def actor_detail(store, name: str) -> dict[str, Any]:
    """One actor across the corpus: identity, documents, quotes and events (as actor/recipient)."""
    matches = list_actors(store, query=name, limit=5)
    if not matches:
        raise NotFoundError(f"no actor matching {name!r}")
    exact = [m for m in matches if m["name"].lower() == name.lower()]
    actor = (exact or matches)[0]
    ids = _actor_ids(store, actor["key"])
    docs = store.fetchall(
        "SELECT DISTINCT d.id, d.title, d.published, d.source, a.mentions FROM actors a "
        "JOIN documents d ON d.id = a.document_id WHERE coalesce(a.kb_id, a.name) = ? "
        "ORDER BY d.published", [actor["key"]])
    return {
        **actor,
        "documents": docs,
        "quotes": list_quotes(store, speaker=actor["key"], limit=50) if ids else [],
        "events_as_actor": list_events(store, actor=actor["key"], limit=50),
        "events_as_recipient": list_events(store, recipient=actor["key"], limit=50),
    }


def list_documents(store, *, source: str | None = None, since: str | None = None,
                   until: str | None = None, genre: str | None = None,
                   min_quality: float | None = None, limit: int = 50, offset: int = 0
                   ) -> list[dict[str, Any]]:
    """Documents, newest first, with the corpus filters of the document-analysis issue.

    ``genre`` keeps documents of that genre and mixed documents with a segment of it;
    ``min_quality`` keeps documents whose quality score is at least that.
    """
    filters = {"source": source, "since": since, "until": until, "min_quality": min_quality}
    if not genre:
        return store.list_documents(limit=limit, offset=offset, **filters)
    rows = store.list_documents(limit=None, genres=(genre, "mixed"), **filters)
    # Mixed documents qualify only if one of their segments has the genre asked for.
    rows = [r for r in rows if r["genre"] == genre or genre in _segment_genres(store, r["id"])]
    return rows[offset:offset + limit]


def _segment_genres(store, doc_id: str) -> set[str]:
    [row] = store.fetchall("SELECT data FROM analyses WHERE document_id = ?", [doc_id])
    return {s["genre"] for s in json.loads(row["data"])["document"]["segments"]}


def outlets(store) -> dict[str, dict[str, Any]]:
    """Per outlet: documents, genre mix, mean quality and sourcing profile."""
    from detente.docanalysis.profile import outlet_profiles, profile

    return outlet_profiles(profile(a) for a in store.iter_analyses())
