"""Every SQL query the web app runs, as functions over a store's ``fetchall``.

Only ``store.fetchall(sql, params)`` is used (never the connection), and the SQL sticks to what
SQLite and PostgreSQL share (``?`` placeholders are the store's business), so a PostgreSQL store
with the same ``fetchall`` serves the same pages. Aggregations that would need dialect-specific
JSON or date functions (event participants are JSON arrays; weeks) are done in Python.

Actor identity across documents is the stored ``actor_id`` (knowledge-base ids such as
``vladimir_putin`` or ``RUSGOV``), except anonymous actors (``anon:1``), whose ids are only
meaningful inside one document: they are left out of cross-document views.

Proposal identity across documents is the corpus id of ``negotiation.views.corpus_ids`` (the
same the CLI shows: ``usa-plan@isr-pse`` and ``usa-plan@rus-ukr`` stay apart, ``28-point-plan``
joins ``usa-plan``); the stored ``positions.proposal`` column holds per-article ids, so a
proposal filter becomes the (document, per-article id) pairs merged into the corpus id, and
rows show the corpus id.
"""

from __future__ import annotations

import json
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from datetime import date, timedelta
from typing import Any

from detente.errors import NotFoundError
from detente.facts import Analysis
from detente.negotiation.knowledge import SideRules
from detente.negotiation.views import find_proposal, party_key, proposal_index

Row = dict[str, Any]

DOC_FIELDS = ("d.id, d.title, d.published, d.url, d.source, d.author, d.language, d.genre, "
              "d.quality_score, d.duplicate_of")


@dataclass(frozen=True)
class Filters:
    """Filters every listing accepts.

    Each one narrows the listing's rows directly where it names one of their columns (``type``
    on events, ``actor`` on a quote's speaker, ``issue`` on positions), and otherwise narrows to
    rows from documents that match it (quotes in documents with an ACCUSE event).
    """

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    genre: str | None = None
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    proposal: str | None = None
    issue: str | None = None
    quality: float | None = None  # minimum document quality score

    def as_params(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


FILTER_NAMES = tuple(f.name for f in fields(Filters))


def _like_id(key: str) -> str:
    """A LIKE pattern matching ``key`` as one element of a stored JSON array of ids."""
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f'%"{escaped}"%'


class _Where:
    """Collects SQL conditions and their parameters in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _document_scope(store, w: _Where, f: Filters, *, skip: Iterable[str] = ()) -> None:
    """Conditions on the ``d`` (documents) alias; ``skip`` names filters the caller applies
    on its own rows instead."""
    skip = set(skip)
    if f.since:
        w.add("d.published >= ?", f.since)
    if f.until:
        # Dates compare as text; "until 2025-11-30" must include that whole day.
        w.add("substr(d.published, 1, ?) <= ?", len(f.until), f.until)
    if f.outlet:
        w.add("d.source = ?", f.outlet)
    if f.genre:
        w.add("d.genre = ?", f.genre)
    if f.quality is not None:
        w.add("d.quality_score >= ?", f.quality)
    if f.actor and "actor" not in skip:
        w.add("d.id IN (SELECT document_id FROM actors WHERE actor_id = ?)", f.actor)
    if f.recipient and "recipient" not in skip:
        w.add("d.id IN (SELECT document_id FROM events WHERE recipient LIKE ? ESCAPE '\\')",
              _like_id(f.recipient))
    if f.type and "type" not in skip:
        w.add("d.id IN (SELECT document_id FROM events WHERE type = ?)", f.type)
    if f.proposal and "proposal" not in skip:
        clause, params = _proposal_clause(store, f.proposal)
        w.add(f"d.id IN (SELECT document_id FROM positions WHERE {clause})", *params)
    if f.issue and "issue" not in skip:
        w.add("d.id IN (SELECT document_id FROM positions WHERE issue = ?)", f.issue)


def _page(store, select: str, where: _Where, order: str, limit: int | None, offset: int
          ) -> tuple[list[Row], int]:
    """Rows of one page and the total count; ``limit=None`` returns every row (downloads)."""
    total = store.fetchall(f"SELECT count(*) AS n FROM ({select}{where.sql()}) t",
                           where.params)[0]["n"]
    sql = f"{select}{where.sql()} ORDER BY {order}"
    params = list(where.params)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return store.fetchall(sql, params), int(total)


def _names(store, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Row]:
    """Actor rows for (document_id, actor_id) pairs, fetched per document."""
    by_doc: dict[str, set[str]] = defaultdict(set)
    for doc_id, actor_id in pairs:
        by_doc[doc_id].add(actor_id)
    out: dict[tuple[str, str], Row] = {}
    docs = list(by_doc)
    for i in range(0, len(docs), 400):
        chunk = docs[i:i + 400]
        marks = ",".join("?" * len(chunk))
        for r in store.fetchall("SELECT document_id, actor_id, name, kind, country, sector "
                                f"FROM actors WHERE document_id IN ({marks})", chunk):
            out[(r["document_id"], r["actor_id"])] = r
    return out


def _ids(raw: str | None) -> list[str]:
    return list(json.loads(raw)) if raw else []


def _participants(store, rows: list[Row]) -> None:
    """Replace each event row's JSON ``actor``/``recipient`` with lists of {id, name}."""
    pairs = [(r["document_id"], a) for r in rows for key in ("actor", "recipient")
             for a in _ids(r[key])]
    names = _names(store, pairs)
    for r in rows:
        for key in ("actor", "recipient"):
            r[key] = [{"id": a, "name": (names.get((r["document_id"], a)) or {}).get("name", a)}
                      for a in _ids(r[key])]


# --- listings ------------------------------------------------------------------------------------


def list_documents(store, f: Filters, limit: int | None = 50, offset: int = 0
                   ) -> tuple[list[Row], int]:
    w = _Where()
    _document_scope(store, w, f)
    select = f"SELECT {DOC_FIELDS}, length(d.text) AS chars FROM documents d"
    return _page(store, select, w, "d.published DESC, d.id", limit, offset)


EVENT_FIELDS = ("e.document_id, e.event_id, e.type, e.cameo, e.modality, e.date, e.historical, "
                "e.actor, e.recipient, e.start_char, e.end_char, d.title, d.published, d.source, "
                "substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS evidence")


def list_events(store, f: Filters, limit: int | None = 50, offset: int = 0
                ) -> tuple[list[Row], int]:
    w = _Where()
    _document_scope(store, w, f, skip=("actor", "recipient", "type"))
    if f.actor:
        w.add("e.actor LIKE ? ESCAPE '\\'", _like_id(f.actor))
    if f.recipient:
        w.add("e.recipient LIKE ? ESCAPE '\\'", _like_id(f.recipient))
    if f.type:
        w.add("e.type = ?", f.type)
    select = f"SELECT {EVENT_FIELDS} FROM events e JOIN documents d ON d.id = e.document_id"
    rows, total = _page(store, select, w, "d.published DESC, e.document_id, e.start_char, e.event_id",
                        limit, offset)
    _participants(store, rows)
    return rows, total


def list_quotes(store, f: Filters, limit: int | None = 50, offset: int = 0
                ) -> tuple[list[Row], int]:
    w = _Where()
    _document_scope(store, w, f, skip=("actor",))
    if f.actor:
        w.add("q.speaker_actor = ?", f.actor)
    select = ("SELECT q.document_id, q.quote_id, q.kind, q.content, q.start_char, q.end_char, "
              "q.speaker_actor, q.speaker_name, q.source_type, q.stance, d.title, d.published, "
              "d.source FROM quotes q JOIN documents d ON d.id = q.document_id")
    return _page(store, select, w, "d.published DESC, q.document_id, q.start_char", limit, offset)


def list_actors(store, f: Filters, limit: int | None = 50, offset: int = 0
                ) -> tuple[list[Row], int]:
    w = _Where()
    _document_scope(store, w, f, skip=("actor",))
    w.add("a.kind <> ?", "anonymous")
    if f.actor:
        w.add("a.actor_id = ?", f.actor)
    select = ("SELECT a.actor_id, max(a.name) AS name, max(a.kind) AS kind, "
              "max(a.country) AS country, max(a.sector) AS sector, sum(a.mentions) AS mentions, "
              "count(DISTINCT a.document_id) AS documents "
              "FROM actors a JOIN documents d ON d.id = a.document_id")
    # GROUP BY must follow WHERE: wrap the grouped query so _page's count and order still work.
    inner = f"{select}{w.sql()} GROUP BY a.actor_id"
    wrapped = _Where()
    wrapped.params = list(w.params)
    return _page(store, f"SELECT * FROM ({inner}) g", wrapped, "mentions DESC, actor_id",
                 limit, offset)


def list_positions(store, f: Filters, limit: int | None = 50, offset: int = 0
                   ) -> tuple[list[Row], int]:
    w = _Where()
    _document_scope(store, w, f, skip=("actor", "proposal", "issue"))
    if f.actor:
        w.add("p.party = ?", f.actor)
    if f.proposal:
        clause, params = _proposal_clause(store, f.proposal, "p.")
        w.add(clause, *params)
    if f.issue:
        w.add("p.issue = ?", f.issue)
    select = ("SELECT p.document_id, p.seq, p.party, p.proposal, p.issue, p.value, p.modality, "
              "a.name AS party_name, d.title, d.published, d.source FROM positions p "
              "JOIN documents d ON d.id = p.document_id "
              "LEFT JOIN actors a ON a.document_id = p.document_id AND a.actor_id = p.party")
    rows, total = _page(store, select, w, "d.published DESC, p.document_id, p.seq", limit,
                        offset)
    if any(r["proposal"] for r in rows):
        canon = _proposal_index(store)[1]
        for r in rows:
            if r["proposal"]:
                r["proposal"] = canon.get((r["document_id"], r["proposal"]), r["proposal"])
    return rows, total


LISTINGS = {
    "documents": list_documents,
    "events": list_events,
    "quotes": list_quotes,
    "actors": list_actors,
    "positions": list_positions,
}


# --- single records --------------------------------------------------------------------------------


def get_analysis(store, ref: str) -> Analysis:
    """The stored analysis of a document, by id or unique id prefix."""
    if not ref or len(ref) > 64:
        raise NotFoundError(f"no document with id {ref!r}")
    rows = store.fetchall("SELECT id FROM documents WHERE substr(id, 1, ?) = ? LIMIT 2",
                          [len(ref), ref])
    if not rows:
        raise NotFoundError(f"no document with id {ref!r}")
    if len(rows) > 1:
        raise NotFoundError(f"id prefix {ref!r} is ambiguous; give more characters")
    data = store.fetchall("SELECT data FROM analyses WHERE document_id = ?", [rows[0]["id"]])
    if not data:
        raise NotFoundError(f"document {rows[0]['id']} has no stored analysis")
    return Analysis.from_dict(json.loads(data[0]["data"]))


def get_event(store, doc_id: str, event_id: str) -> Row:
    rows = store.fetchall(f"SELECT {EVENT_FIELDS} FROM events e JOIN documents d "
                          "ON d.id = e.document_id WHERE e.document_id = ? AND e.event_id = ?",
                          [doc_id, event_id])
    if not rows:
        raise NotFoundError(f"no event {event_id!r} in document {doc_id!r}")
    _participants(store, rows)
    return rows[0]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _keys(people: list[Row]) -> frozenset[str]:
    return frozenset(p["id"] for p in people if not p["id"].startswith("anon:"))


def reporting_sources(store, event: Row, window_days: int = 7) -> list[Row]:
    """Other reports of the same event: events of the same type with the same (non-anonymous)
    actors and recipients, in other documents, dated (event date, else publication) within
    ``window_days``. A heuristic grouping until events are deduplicated across articles."""
    when = _day(event["date"]) or _day(event["published"])
    actors, recipients = _keys(event["actor"]), _keys(event["recipient"])
    if not (actors or recipients):
        return []  # nothing to match on: every same-type event would "match"
    candidates = store.fetchall(
        f"SELECT {EVENT_FIELDS} FROM events e JOIN documents d ON d.id = e.document_id "
        "WHERE e.type = ? AND e.document_id <> ? ORDER BY d.published, e.document_id",
        [event["type"], event["document_id"]])
    _participants(store, candidates)
    out = []
    for c in candidates:
        if _keys(c["actor"]) != actors or _keys(c["recipient"]) != recipients:
            continue
        other = _day(c["date"]) or _day(c["published"])
        if when and other and abs((other - when).days) > window_days:
            continue
        out.append(c)
    return out


# --- overview --------------------------------------------------------------------------------------


def counts(store) -> Row:
    out: Row = {}
    for table in ("documents", "actors", "quotes", "events", "positions"):
        out[table] = int(store.fetchall(f"SELECT count(*) AS n FROM {table}")[0]["n"])
    row = store.fetchall("SELECT min(published) AS lo, max(published) AS hi, "
                         "count(DISTINCT source) AS outlets FROM documents")[0]
    out["published_range"] = [row["lo"], row["hi"]]
    out["outlets"] = int(row["outlets"])
    out["duplicates"] = int(store.fetchall(
        "SELECT count(*) AS n FROM documents WHERE duplicate_of IS NOT NULL")[0]["n"])
    return out


def _week(day: date) -> str:
    return (day - timedelta(days=day.weekday())).isoformat()


def timeline(store, f: Filters) -> Row:
    """Events per week (Monday of the reporting article's publication week) by type.
    Historical events (1654, 1918) are left out: they are not part of the news timeline."""
    w = _Where()
    _document_scope(store, w, f, skip=("type", "actor", "recipient"))
    w.add("e.historical = ?", 0)
    if f.type:
        w.add("e.type = ?", f.type)
    if f.actor:
        w.add("e.actor LIKE ? ESCAPE '\\'", _like_id(f.actor))
    if f.recipient:
        w.add("e.recipient LIKE ? ESCAPE '\\'", _like_id(f.recipient))
    rows = store.fetchall("SELECT e.type, d.published FROM events e JOIN documents d "
                          f"ON d.id = e.document_id{w.sql()}", w.params)
    counter: Counter[tuple[str, str]] = Counter()
    for r in rows:
        day = _day(r["published"])
        if day:
            counter[(_week(day), r["type"])] += 1
    if not counter:
        return {"weeks": [], "series": {}}
    first = date.fromisoformat(min(k[0] for k in counter))
    last = date.fromisoformat(max(k[0] for k in counter))
    weeks = [(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]
    types = sorted({k[1] for k in counter}, key=lambda t: -sum(v for k, v in counter.items()
                                                             if k[1] == t))
    return {"weeks": weeks, "series": {t: [counter[(wk, t)] for wk in weeks] for t in types}}


def dyads(store, f: Filters, limit: int = 15, around: str | None = None) -> list[Row]:
    """Most frequent (actor -> recipient) pairs over events; ``around`` keeps pairs involving
    that actor (the actor page's network)."""
    w = _Where()
    _document_scope(store, w, f, skip=("actor", "recipient"))
    w.add("e.historical = ?", 0)
    w.add("e.recipient <> ?", "[]")
    if around:
        w.add("(e.actor LIKE ? ESCAPE '\\' OR e.recipient LIKE ? ESCAPE '\\')",
              _like_id(around), _like_id(around))
    rows = store.fetchall("SELECT e.document_id, e.type, e.actor, e.recipient FROM events e "
                          f"JOIN documents d ON d.id = e.document_id{w.sql()}", w.params)
    names = _names(store, [(r["document_id"], a) for r in rows
                           for a in _ids(r["actor"]) + _ids(r["recipient"])])
    pairs: Counter[tuple[str, str]] = Counter()
    types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    label: dict[str, str] = {}
    for r in rows:
        for a in _ids(r["actor"]):
            for b in _ids(r["recipient"]):
                if a == b or a.startswith("anon:") or b.startswith("anon:"):
                    continue
                if around and around not in (a, b):
                    continue
                pairs[(a, b)] += 1
                types[(a, b)][r["type"]] += 1
                for key in (a, b):
                    label.setdefault(key, (names.get((r["document_id"], key)) or {}).get("name", key))
    return [{"actor": a, "actor_name": label[a], "recipient": b, "recipient_name": label[b],
             "events": n, "types": dict(types[(a, b)].most_common())}
            for (a, b), n in pairs.most_common(limit)]


def top_actors(store, f: Filters, limit: int = 10) -> list[Row]:
    return list_actors(store, f, limit=limit, offset=0)[0]


def facets(store) -> Row:
    """Values the filter forms offer (outlets, genres, event types, actors, proposals, issues)."""
    def column(sql: str) -> list[str]:
        return [r["v"] for r in store.fetchall(sql) if r["v"] not in (None, "")]

    return {
        "outlet": column("SELECT DISTINCT source AS v FROM documents ORDER BY v"),
        "genre": column("SELECT DISTINCT genre AS v FROM documents ORDER BY v"),
        "type": column("SELECT DISTINCT type AS v FROM events ORDER BY v"),
        "proposal": sorted(e["id"] for e in _proposal_index(store)[0] if e["positions"]),
        "issue": column("SELECT DISTINCT issue AS v FROM positions ORDER BY v"),
        "actor": [{"id": r["actor_id"], "name": r["name"]} for r in store.fetchall(
            "SELECT actor_id, max(name) AS name, sum(mentions) AS m FROM actors "
            "WHERE kind <> ? GROUP BY actor_id ORDER BY m DESC, actor_id LIMIT 200",
            ["anonymous"])],
    }


# --- actors ----------------------------------------------------------------------------------------


def actor_profile(store, key: str) -> Row:
    """Names, kinds, sectors and codes an actor was seen with, with counts and date ranges."""
    rows = store.fetchall(
        "SELECT a.name, a.kind, a.country, a.sector, a.code, a.kb_id, count(*) AS documents, "
        "sum(a.mentions) AS mentions, min(d.published) AS first_seen, max(d.published) AS "
        "last_seen FROM actors a JOIN documents d ON d.id = a.document_id WHERE a.actor_id = ? "
        "GROUP BY a.name, a.kind, a.country, a.sector, a.code, a.kb_id ORDER BY documents DESC",
        [key])
    if not rows:
        raise NotFoundError(f"no actor {key!r}")
    top = rows[0]
    return {"id": key, "name": top["name"], "kind": top["kind"], "country": top["country"],
            "sector": top["sector"], "kb_id": top["kb_id"], "roles": rows,
            "documents": sum(r["documents"] for r in rows),
            "mentions": sum(r["mentions"] or 0 for r in rows)}


def actor_roles(store, key: str) -> list[Row]:
    """Roles the analyses recorded for the actor (Actor.role), read from the stored analyses
    since the narrow actors table has no role column."""
    rows = store.fetchall("SELECT n.data, d.published FROM analyses n JOIN documents d "
                          "ON d.id = n.document_id WHERE n.document_id IN "
                          "(SELECT document_id FROM actors WHERE actor_id = ?)", [key])
    seen: dict[str, Row] = {}
    for r in rows:
        for actor in json.loads(r["data"]).get("actors", []):
            role = actor.get("role")
            if actor.get("id") == key and role:
                entry = seen.setdefault(role, {"role": role, "documents": 0, "first_seen":
                                               r["published"], "last_seen": r["published"]})
                entry["documents"] += 1
                entry["first_seen"] = min(filter(None, [entry["first_seen"], r["published"]]),
                                          default=None)
                entry["last_seen"] = max(filter(None, [entry["last_seen"], r["published"]]),
                                         default=None)
    return sorted(seen.values(), key=lambda e: -e["documents"])


def actor_activity(store, key: str) -> Row:
    """Events per week with the actor as actor and as recipient."""
    out: Row = {}
    for role in ("actor", "recipient"):
        rows = store.fetchall(f"SELECT d.published FROM events e JOIN documents d ON d.id = "
                              f"e.document_id WHERE e.historical = ? AND e.{role} LIKE ? "
                              "ESCAPE '\\'", [0, _like_id(key)])
        out[role] = Counter(_week(day) for r in rows if (day := _day(r["published"])))
    weeks = sorted(set(out["actor"]) | set(out["recipient"]))
    if weeks:
        first, last = date.fromisoformat(weeks[0]), date.fromisoformat(weeks[-1])
        weeks = [(first + timedelta(weeks=i)).isoformat() for i in range((last - first).days // 7 + 1)]
    return {"weeks": weeks, "as_actor": [out["actor"][w] for w in weeks],
            "as_recipient": [out["recipient"][w] for w in weeks]}


# --- proposals and positions -----------------------------------------------------------------------


# Per store: (fingerprint of the stored analyses, proposal_index of them).
_INDEX: weakref.WeakKeyDictionary[Any, tuple[tuple[Any, ...], Any]] = \
    weakref.WeakKeyDictionary()


def _proposal_index(store) -> tuple[list[Row], dict[tuple[str, str], str]]:
    """The corpus proposals and the (document id, per-article id) -> corpus id map, computed by
    ``negotiation.views.proposal_index`` (the CLI's own) from the analyses that name
    proposals; kept until the stored analyses change (count or latest analysis time)."""
    stamp = store.fetchall("SELECT count(*) AS n, max(analyzed_at) AS t FROM analyses")[0]
    fingerprint = (stamp["n"], stamp["t"])
    cached = _INDEX.get(store)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    rows = store.fetchall("SELECT n.data FROM analyses n JOIN documents d ON d.id = "
                          "n.document_id WHERE n.data LIKE ? ORDER BY d.published, d.id",
                          ['%"proposals": [{%'])
    index = proposal_index(Analysis.from_dict(json.loads(r["data"])) for r in rows)
    _INDEX[store] = (fingerprint, index)
    return index


def _proposal_clause(store, key: str, prefix: str = "") -> tuple[str, list[Any]]:
    """SQL condition (and parameters) on a positions row's ``document_id``/``proposal``
    columns: the position is on the proposal ``key`` names (a corpus id, else a per-article
    id, as ``views.find_proposal``). A per-article id that means this proposal in every
    article is matched by itself; one that means other proposals elsewhere
    (``usa-plan`` for Gaza and for Ukraine) only in the documents where it means this one.
    Unknown: a condition no row meets."""
    entries, canon = _proposal_index(store)
    entry = find_proposal(entries, key)
    if entry is None:
        return "1 = 0", []
    docs: dict[str, list[str]] = defaultdict(list)
    elsewhere: set[str] = set()
    for (doc_id, local), corpus_id in canon.items():
        if corpus_id == entry["id"]:
            docs[local].append(doc_id)
        else:
            elsewhere.add(local)
    parts: list[str] = []
    params: list[Any] = []
    for local, ids in sorted(docs.items()):
        if local in elsewhere:
            parts.append(f"({prefix}proposal = ? AND {prefix}document_id IN "
                         f"({','.join('?' * len(ids))}))")
            params += [local, *ids]
        else:
            parts.append(f"{prefix}proposal = ?")
            params.append(local)
    return "(" + " OR ".join(parts) + ")", params


def proposals(store) -> list[Row]:
    """Proposals named in stored analyses, merged into corpus ids as the CLI's
    ``detente proposals`` does (``negotiation.views.list_proposals``), with how many documents
    and positions mention each; most discussed first."""
    return _proposal_index(store)[0]


def position_evidence(store, f: Filters, sides: SideRules | None = None) -> list[Row]:
    """Every position matching ``f`` with its evidence text, party name and side (``side``,
    ``side_name``: see :func:`detente.negotiation.views.party_key`, grouped by the side rules
    ``sides``), oldest first, read from the analysis JSON (the narrow table has no offsets)."""
    rows, _ = list_positions(store, f, limit=None)
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_doc[r["document_id"]].append(r)
    for doc_id, items in by_doc.items():
        data = store.fetchall("SELECT data FROM analyses WHERE document_id = ?", [doc_id])
        if not data:
            continue
        analysis = Analysis.from_dict(json.loads(data[0]["data"]))
        for r in items:
            if r["seq"] < len(analysis.positions):
                p = analysis.positions[r["seq"]]
                r["evidence"] = p.evidence.to_dict()
                r["quote"] = p.quote
                r["side"], r["side_name"] = party_key(analysis, p, "side", sides)
    return sorted(rows, key=lambda r: (r["published"] or "", r["document_id"], r["seq"]))


def matrix(store, f: Filters, by: str = "side", sides: SideRules | None = None) -> Row:
    """The party x issue matrix: per cell, the latest value, every position (evidence) and the
    history of value changes in date order. Parties are sides (Putin, the Kremlin and Russia
    are one row, as in ``detente matrix``), or actors with ``by="actor"``; each party lists
    the actors it groups (``actors``, for links)."""
    positions = [p for p in position_evidence(store, f, sides) if p["issue"]]
    cells: dict[tuple[str, str], Row] = {}
    parties: dict[str, Row] = {}
    for p in positions:
        key, name = (p["side"], p["side_name"]) if by == "side" and p.get("side") else (
            p["party"], p["party_name"] or p["party"])
        entry = parties.setdefault(key, {"id": key, "name": name, "actors": []})
        if p["party"] not in entry["actors"]:
            entry["actors"].append(p["party"])
        cell = cells.setdefault((key, p["issue"]), {
            "party": key, "issue": p["issue"], "value": None, "positions": [],
            "history": []})
        cell["positions"].append(p)
        if p["value"] != cell["value"]:
            cell["history"].append({"value": p["value"], "published": p["published"],
                                    "document_id": p["document_id"]})
        cell["value"] = p["value"]
    issues = sorted({p["issue"] for p in positions})
    return {"parties": sorted(parties.values(), key=lambda e: e["name"]),
            "issues": issues, "cells": list(cells.values())}


def compare(store, a: str, b: str, sides: SideRules | None = None) -> Row:
    """Two proposals side by side: their issues and each party's positions on each. ``a`` and
    ``b`` are corpus ids (or per-article ids, as the CLI accepts)."""
    entries = proposals(store)
    chosen = {x: find_proposal(entries, x) for x in (a, b)}
    missing = [x for x, e in chosen.items() if e is None]
    if missing:
        raise NotFoundError(f"no proposal {missing[0]!r}")
    known = {e["id"]: e for e in chosen.values() if e is not None}
    a, b = (chosen[x]["id"] for x in (a, b))  # type: ignore[index]
    cells_of = {}
    for key in (a, b):
        cells = matrix(store, Filters(proposal=key), sides=sides)["cells"]
        cells_of[key] = {(c["party"], c["issue"]): c for c in cells}
    issues = sorted(set(known[a]["issues"]) | set(known[b]["issues"])
                    | {i for s in cells_of.values() for (_, i) in s})
    rows = []
    for issue in issues:
        parties = sorted({p for s in cells_of.values() for (p, i) in s if i == issue})
        rows.append({"issue": issue, "in_a": issue in known[a]["issues"],
                     "in_b": issue in known[b]["issues"],
                     "parties": [{"party": p,
                                  "a": (cells_of[a].get((p, issue)) or {}).get("value"),
                                  "b": (cells_of[b].get((p, issue)) or {}).get("value")}
                                 for p in parties]})
    return {"a": known[a], "b": known[b], "issues": rows}


# --- search ----------------------------------------------------------------------------------------


def fulltext(store, query: str, limit: int = 20, offset: int = 0) -> list[Row]:
    """Full-text search through the store's own ``search`` (FTS5 on SQLite, tsvector on
    PostgreSQL), best first; raises StoreError on a query the backend cannot parse."""
    return store.search(query, limit=limit + offset)[offset:]


def document_meta(store, ids: list[str]) -> dict[str, Row]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: r for r in store.fetchall(
        f"SELECT {DOC_FIELDS} FROM documents d WHERE d.id IN ({marks})", ids)}
