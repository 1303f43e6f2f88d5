"""Event exports: PLOVER-style JSON records and a GDELT-style table, as JSONL, CSV or Parquet.

Both work on per-article event mentions (from analyses) or on corpus events (from
:func:`detente.events.merge.merge_events`, one row per event with all its sources). The
GDELT-style table follows the GDELT 1.0/2.0 event columns where detente has the value (actor
codes, CAMEO code/base/root, QuadClass, Goldstein, date, action geography, mention counts,
source URLs) and adds PLOVER type, modality and evidence columns. QuadClass and Goldstein come
from ``knowledge/data/events/coding.yaml`` (root-level Goldstein approximations).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from detente.errors import DetenteError
from detente.events.dates import date_range
from detente.events.merge import MergedEvent, Party, Source, party
from detente.events.patterns import EventKnowledge, goldstein, quad_class
from detente.exports import write_rows
from detente.facts import Analysis, EventDate, Location
from detente.knowledge import data_path, load_yaml

STYLES = ("plover", "gdelt")


@cache
def coding_tables() -> EventKnowledge:
    """The CAMEO root -> QuadClass/Goldstein tables (coding.yaml), loaded once."""
    return EventKnowledge(coding=load_yaml(data_path("events", "coding.yaml")))


@dataclass(frozen=True)
class _Record:
    """What both export styles need, from a mention or a merged event."""

    id: str
    type: str
    cameo: str | None
    mode: str | None
    context: tuple[str, ...]
    actor: tuple[Party, ...]
    recipient: tuple[Party, ...]
    date: EventDate | None
    location: Location | None
    modality: str
    historical: bool
    sources: tuple[Source, ...]


def _from_analyses(analyses: Iterable[Analysis]) -> Iterator[_Record]:
    for a in analyses:
        doc = a.document
        for ev in a.events:
            src = Source(document_id=doc.id, event_id=ev.id, evidence=ev.evidence.text,
                         start=ev.evidence.start, end=ev.evidence.end, url=doc.url,
                         outlet=doc.source, published=doc.published, title=doc.title,
                         modality=ev.modality, confidence=ev.confidence)
            yield _Record(
                id=f"{doc.id}:{ev.id}", type=ev.type, cameo=ev.cameo, mode=ev.mode,
                context=tuple(ev.context),
                actor=tuple(p for i in ev.actor if (p := party(a, i)) is not None),
                recipient=tuple(p for i in ev.recipient if (p := party(a, i)) is not None),
                date=ev.date, location=ev.location, modality=ev.modality,
                historical=ev.historical, sources=(src,))


def _from_merged(merged: Iterable[MergedEvent]) -> Iterator[_Record]:
    for m in merged:
        yield _Record(id=m.id, type=m.type, cameo=m.cameo, mode=None, context=(),
                      actor=m.actor, recipient=m.recipient, date=m.date, location=m.location,
                      modality=m.modality, historical=m.historical, sources=m.sources)


def _records(items: Iterable[Analysis] | Iterable[MergedEvent]) -> Iterator[_Record]:
    buffered = list(items)
    if buffered and isinstance(buffered[0], MergedEvent):
        return _from_merged(buffered)  # type: ignore[arg-type]
    return _from_analyses(buffered)  # type: ignore[arg-type]


def _day(r: _Record) -> str | None:
    """The event's first day when it has a date, else the first report's publication day."""
    span = date_range(r.date)
    if span is not None:
        return span[0].isoformat()
    first = min((s.published for s in r.sources if s.published), default=None)
    return first[:10] if first else None


def _party(p: Party) -> dict[str, Any]:
    return {"text": p.name, "code": p.code or p.country, "country": p.country,
            "sector": p.sector, "id": p.key}


# ------------------------------------------------------------------ PLOVER

def plover_records(items: Iterable[Analysis] | Iterable[MergedEvent]) -> list[dict[str, Any]]:
    """PLOVER-style event records (the field names of the PLOVER gold records: ``event``,
    ``mode``, ``context``, ``actor``/``recipient`` lists of {text, code, sector}, ``date``,
    ``event_loc``), plus CAMEO, QuadClass, Goldstein, factuality and every source."""
    kb = coding_tables()
    out = []
    for r in _records(items):
        loc = r.location
        out.append({
            "id": r.id, "date": _day(r),
            "date_granularity": r.date.granularity if r.date else None,
            "event": r.type, "mode": r.mode, "context": list(r.context),
            "actor": [_party(p) for p in r.actor],
            "recipient": [_party(p) for p in r.recipient],
            "event_loc": None if loc is None else {"name": loc.name, "country": loc.country,
                                                   "lat": loc.lat, "lon": loc.lon},
            "cameo": r.cameo, "quad_class": quad_class(kb, r.type, r.cameo),
            "goldstein": goldstein(kb, r.cameo), "modality": r.modality,
            "historical": r.historical, "size": len(r.sources),
            "sources": [{"document_id": s.document_id, "event_id": s.event_id, "url": s.url,
                         "publication": s.outlet, "published": s.published,
                         "text": s.evidence} for s in r.sources],
        })
    return out


# ------------------------------------------------------------------ GDELT

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DateGranularity",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "DATEADDED", "SOURCEURL", "SOURCEURLS", "PloverType", "Modality", "Historical", "Evidence",
)


def gdelt_rows(items: Iterable[Analysis] | Iterable[MergedEvent]) -> list[dict[str, Any]]:
    """One GDELT-style row per event (first actor and first recipient in the Actor1/Actor2
    columns, as GDELT does; all source URLs space-separated in SOURCEURLS)."""
    kb = coding_tables()
    rows = []
    for r in _records(items):
        day = _day(r)
        a1 = r.actor[0] if r.actor else None
        a2 = r.recipient[0] if r.recipient else None
        urls = list(dict.fromkeys(s.url for s in r.sources if s.url))
        loc = r.location
        rows.append({
            "GLOBALEVENTID": r.id,
            "SQLDATE": day.replace("-", "") if day else None,
            "MonthYear": day[:7].replace("-", "") if day else None,
            "Year": int(day[:4]) if day else None,
            "DateGranularity": r.date.granularity if r.date else "published",
            "Actor1Code": (a1.code or a1.country) if a1 else None,
            "Actor1Name": a1.name if a1 else None,
            "Actor1CountryCode": a1.country if a1 else None,
            "Actor1Type1Code": a1.sector if a1 else None,
            "Actor2Code": (a2.code or a2.country) if a2 else None,
            "Actor2Name": a2.name if a2 else None,
            "Actor2CountryCode": a2.country if a2 else None,
            "Actor2Type1Code": a2.sector if a2 else None,
            "EventCode": r.cameo,
            "EventBaseCode": r.cameo[:3] if r.cameo and len(r.cameo) >= 3 else r.cameo,
            "EventRootCode": r.cameo[:2] if r.cameo else None,
            "QuadClass": quad_class(kb, r.type, r.cameo),
            "GoldsteinScale": goldstein(kb, r.cameo),
            "NumMentions": len(r.sources),
            "NumSources": len({s.outlet or s.document_id for s in r.sources}),
            "NumArticles": len({s.document_id for s in r.sources}),
            "ActionGeo_FullName": loc.name if loc else None,
            "ActionGeo_CountryCode": loc.country if loc else None,
            "ActionGeo_Lat": loc.lat if loc else None,
            "ActionGeo_Long": loc.lon if loc else None,
            "DATEADDED": min((s.published for s in r.sources if s.published), default=None),
            "SOURCEURL": urls[0] if urls else None,
            "SOURCEURLS": " ".join(urls),
            "PloverType": r.type, "Modality": r.modality, "Historical": r.historical,
            "Evidence": r.sources[0].evidence if r.sources else None,
        })
    return rows


# ------------------------------------------------------------------ writing

def event_rows(items: Iterable[Analysis] | Iterable[MergedEvent], style: str
               ) -> list[dict[str, Any]]:
    """Rows in ``style`` ("plover" or "gdelt")."""
    if style == "plover":
        return plover_records(items)
    if style == "gdelt":
        return gdelt_rows(items)
    raise DetenteError(f"unknown event export style {style!r} (plover or gdelt)")


def write_event_rows(rows: list[dict[str, Any]], fmt: str, output: str | Path | None = None
                     ) -> str | None:
    """Write rows as JSONL, CSV (nested values as JSON text) or Parquet.

    Returns the text when ``output`` is None (JSONL/CSV only); Parquet needs a file.
    """
    if output is not None or fmt == "parquet":
        write_rows(rows, fmt, str(output) if output is not None else None)
        return None
    buf = io.StringIO()
    write_rows(rows, fmt, stream=buf)
    return buf.getvalue()
