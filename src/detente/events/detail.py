"""One event with all its evidence: the mention, its parties, attribution, and every other
report of the same event (the merged event's sources)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from detente.errors import NotFoundError
from detente.events.dates import parse_published
from detente.events.exports import coding_tables
from detente.events.merge import MergeSettings, find_merged, merge_events
from detente.events.patterns import goldstein, quad_class
from detente.facts import Analysis


def _find(analyses: list[Analysis], ref: str) -> Analysis:
    hits = [a for a in analyses if a.document.id == ref] or \
        [a for a in analyses if a.document.id.startswith(ref)]
    if not hits:
        raise NotFoundError(f"no document {ref!r}")
    if len(hits) > 1:
        raise NotFoundError(f"id prefix {ref!r} is ambiguous; give more characters")
    return hits[0]


def event_detail(analyses_or_store: Any, document_id: str, event_id: str, *,
                 settings: MergeSettings | None = None, embed: Any = None) -> dict[str, Any]:
    """An event mention with its document, parties (name, country, sector, code), the quote or
    speaker it is attributed to, QuadClass/Goldstein, and the merged corpus event it belongs to
    with all sources.

    ``analyses_or_store`` is an iterable of Analysis or a store (anything with ``get_analysis``
    and ``iter_analyses``); from a store only documents published within the merge window of
    this one are read. Raises NotFoundError for an unknown document or event id.
    """
    s = settings or MergeSettings()
    if hasattr(analyses_or_store, "get_analysis"):
        analysis = analyses_or_store.get_analysis(document_id)
        pub = parse_published(analysis.document.published)
        if pub is None:
            neighbours: Iterable[Analysis] = [analysis]
        else:
            # Reports of the same event appear within the window (plus the date slack) of it.
            reach = timedelta(days=s.window_days + s.date_slack + 1)
            neighbours = analyses_or_store.iter_analyses(
                since=(pub - reach).isoformat(), until=(pub + reach).isoformat())
    else:
        pool = list(analyses_or_store)
        analysis = _find(pool, document_id)
        neighbours = pool
    event = next((e for e in analysis.events if e.id == event_id), None)
    if event is None:
        raise NotFoundError(f"document {analysis.document.id[:12]} has no event {event_id!r}")
    actors = {a.id: a for a in analysis.actors}

    def parties(ids: tuple[str, ...]) -> list[dict[str, Any]]:
        return [{"id": i, "name": actors[i].name, "kind": actors[i].kind,
                 "country": actors[i].country, "sector": actors[i].sector,
                 "code": actors[i].code, "kb_id": actors[i].kb_id}
                for i in ids if i in actors]

    attributed: dict[str, Any] | None = None
    if event.attributed_to:
        quote = next((q for q in analysis.quotes if q.id == event.attributed_to), None)
        if quote is not None:
            attributed = {"quote": quote.to_dict()}
        elif event.attributed_to in actors:
            attributed = {"actor": parties((event.attributed_to,))[0]}
    pool = [a for a in neighbours if a.document.id != analysis.document.id] + [analysis]
    merged = find_merged(merge_events(pool, settings=s, embed=embed,
                                      include_historical=event.historical),
                         analysis.document.id, event.id)
    kb = coding_tables()
    doc = analysis.document
    return {
        "document": {"id": doc.id, "title": doc.title, "published": doc.published,
                     "url": doc.url, "source": doc.source},
        "event": event.to_dict(),
        "evidence": event.evidence.text or doc.text[event.evidence.start:event.evidence.end],
        "actor": parties(event.actor), "recipient": parties(event.recipient),
        "attributed_to": attributed,
        "quad_class": quad_class(kb, event.type, event.cameo),
        "goldstein": goldstein(kb, event.cameo),
        "merged": merged.to_dict() if merged is not None else None,
        "other_reports": [src.to_dict() for src in (merged.sources if merged else ())
                          if (src.document_id, src.event_id) != (doc.id, event.id)],
    }
