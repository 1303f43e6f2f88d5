"""Events, not reports: merge the event mentions of many articles into corpus events.

GDELT counts reports (its 366 "kidnappings" were mostly one event); here the mentions of one
event across articles become one :class:`MergedEvent` that lists every source, while the
per-article mentions stay as they are (each source names its document and event id).

Two mentions are the same event when they have the same PLOVER type, compatible actors and
recipients (same knowledge-base entities, or at least the same countries; an unknown side is
compatible but asks for more textual similarity), compatible dates, the same polarity (a
negated "did not meet" is not "met") and similar evidence sentences (cosine of MiniLM
embeddings). Candidate pairs come only from blocks of the same type whose anchor dates (the
event date, else the publication date) lie within a window, so the work grows with the corpus
times the block size, never with all pairs; embeddings are computed only for events that have a
candidate partner. Clusters grow greedily from the most similar pair, and a mention joins a
cluster only when it is compatible with every member (no chaining of A~B~C into A=C).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from detente.events.dates import date_range, parse_published
from detente.facts import Analysis, Event, EventDate, Fact, Location


@dataclass(frozen=True)
class Party(Fact):
    """A participant identified across documents (document-local actor ids differ)."""

    key: str  # knowledge-base id, else actor code, else the lowercased name
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Source(Fact):
    """One report of a merged event: the per-article mention and where it came from."""

    document_id: str
    event_id: str
    evidence: str
    start: int
    end: int
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    similarity: float | None = None  # cosine to the cluster's first source (None for it)


@dataclass(frozen=True)
class MergedEvent(Fact):
    """One event across the corpus, with every report of it."""

    id: str
    type: str
    cameo: str | None
    actor: tuple[Party, ...]
    recipient: tuple[Party, ...]
    date: EventDate | None
    modality: str
    sources: tuple[Source, ...]
    location: Location | None = None
    first_reported: str | None = None
    historical: bool = False

    @property
    def size(self) -> int:
        return len(self.sources)


@dataclass
class _Mention:
    """An event of one analysis with everything the comparison needs."""

    n: int
    analysis: Analysis
    event: Event
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    published: date | None
    span: tuple[date, date] | None  # the event's own date range, if dated
    text: str

    @property
    def anchor(self) -> date | None:
        return self.span[0] if self.span else self.published


def party(analysis: Analysis, actor_id: str) -> Party | None:
    """The cross-document identity of a document-local actor id."""
    a = analysis.actor(actor_id)
    if a is None:
        return None
    key = a.kb_id or a.code or f"name:{a.name.lower()}"
    return Party(key=key, name=a.name, country=a.country, sector=a.sector, code=a.code)


def _mentions(analyses: Iterable[Analysis], include_historical: bool) -> list[_Mention]:
    out: list[_Mention] = []
    for analysis in analyses:
        published = parse_published(analysis.document.published)
        text = analysis.document.text
        for ev in analysis.events:
            if ev.historical and not include_historical:
                continue
            out.append(_Mention(
                n=len(out), analysis=analysis, event=ev,
                actors=tuple(p for i in ev.actor if (p := party(analysis, i)) is not None),
                recipients=tuple(p for i in ev.recipient if (p := party(analysis, i)) is not None),
                published=published, span=date_range(ev.date),
                text=ev.evidence.text or text[ev.evidence.start:ev.evidence.end]))
    return out


# ------------------------------------------------------------------ compatibility

def side_agreement(a: Sequence[Party], b: Sequence[Party]) -> float | None:
    """1.0 same entity, 0.5 same country only, 0.0 one side unknown, None for a conflict."""
    if not a or not b:
        return 0.0
    if {p.key for p in a} & {p.key for p in b}:
        return 1.0
    ca = {p.country for p in a if p.country}
    cb = {p.country for p in b if p.country}
    if ca & cb:
        return 0.5
    # Two named sides with no country in common are different parties; a side we only know by
    # an uncoded name ("the mediators") is not evidence of a conflict.
    return None if ca and cb else 0.0


def dates_compatible(x: _Mention, y: _Mention, slack: int) -> bool:
    """Event dates overlap (with ``slack`` days for time zones and "overnight"), or an undated
    report appeared on/after the dated one's start and within the window."""
    if x.span and y.span:
        return x.span[0] - timedelta(days=slack) <= y.span[1] and \
            y.span[0] - timedelta(days=slack) <= x.span[1]
    for dated, other in ((x, y), (y, x)):
        if dated.span and other.published:
            return dated.span[0] - timedelta(days=slack) <= other.published
    return True


def _polarity(modality: str) -> bool:
    return modality != "negated"


# ------------------------------------------------------------------ similarity

Embed = Callable[[list[str]], np.ndarray]
_WORD = re.compile(r"[a-z0-9]+")


def lexical_embed(texts: list[str]) -> np.ndarray:
    """A model-free stand-in (hashed bag of words): used only when MiniLM is not installed."""
    out = np.zeros((len(texts), 512), dtype=np.float32)
    for i, t in enumerate(texts):
        for w in _WORD.findall(t.lower()):
            out[i, int(hashlib.md5(w.encode()).hexdigest()[:6], 16) % 512] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


def default_embed() -> Embed:
    """MiniLM sentence embeddings when installed, else the lexical stand-in."""
    from detente.errors import ModelNotFoundError

    try:
        from detente.nlp.embeddings import shared_embedder

        embedder = shared_embedder()
    except (ModelNotFoundError, ImportError):
        return lexical_embed
    return lambda texts: embedder.embed(texts)


# ------------------------------------------------------------------ merging

@dataclass(frozen=True)
class MergeSettings:
    """Thresholds: cosine needed by how well the actor and recipient sides agree."""

    window_days: int = 4  # anchor dates further apart never merge (blocking)
    date_slack: int = 1
    sim_same_parties: float = 0.55  # both sides name the same entities
    sim_same_countries: float = 0.65  # sides agree on countries only
    sim_unknown_side: float = 0.78  # a side is missing on one report
    sim_no_parties: float = 0.88  # neither report names any party
    same_document: bool = False  # merge two mentions of one article (off: one sentence can
    # hold two different meetings; the extractor already keeps one event per trigger)

    def threshold(self, actor: float, recipient: float, any_party: bool) -> float:
        if not any_party:
            return self.sim_no_parties
        # Each side scores 1 (same entity), 0.5 (same country) or 0 (unknown).
        score = actor + recipient
        if score >= 1.5:
            return self.sim_same_parties
        if score >= 1.0:
            return self.sim_same_countries
        return self.sim_unknown_side


def candidate_pairs(mentions: Sequence[_Mention], window_days: int) -> Iterator[tuple[int, int]]:
    """Pairs in the same (type, date window) block: per type, a sliding window over mentions
    sorted by anchor date, so the count is n x (mentions per window), not n squared."""
    by_type: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_type[m.event.type].append(m)
    window = timedelta(days=window_days)
    for group in by_type.values():
        dated = sorted((m for m in group if m.anchor is not None), key=lambda m: m.anchor)
        for i, x in enumerate(dated):
            for y in dated[i + 1:]:
                if y.anchor - x.anchor > window:  # type: ignore[operator]
                    break
                yield x.n, y.n


def merge_events(analyses: Iterable[Analysis], *, embed: Embed | None = None,
                 settings: MergeSettings | None = None,
                 include_historical: bool = False) -> list[MergedEvent]:
    """Corpus events from per-document analyses; every event mention ends up in exactly one
    merged event (singletons included), merged events with the most sources first, then by date.

    ``embed`` maps texts to unit vectors (default: MiniLM, else a lexical stand-in); events
    without any date (no event date and no publication date) are never merged.
    """
    s = settings or MergeSettings()
    mentions = _mentions(analyses, include_historical)
    pairs = []
    for i, j in candidate_pairs(mentions, s.window_days):
        x, y = mentions[i], mentions[j]
        same_doc = x.analysis.document.id == y.analysis.document.id
        if same_doc and not s.same_document:
            continue
        if _polarity(x.event.modality) != _polarity(y.event.modality) or \
                x.event.historical != y.event.historical:
            continue
        actor = side_agreement(x.actors, y.actors)
        recipient = side_agreement(x.recipients, y.recipients)
        if actor is None or recipient is None or not dates_compatible(x, y, s.date_slack):
            continue
        any_party = bool((x.actors or x.recipients) and (y.actors or y.recipients))
        pairs.append((i, j, s.threshold(actor, recipient, any_party)))
    sims = _similarities(mentions, pairs, embed)
    accepted = sorted(((sims[(i, j)], i, j) for i, j, need in pairs if sims[(i, j)] >= need),
                      reverse=True)
    ok = {(i, j) for _, i, j in accepted} | {(j, i) for _, i, j in accepted}
    cluster = {m.n: [m.n] for m in mentions}
    owner = {m.n: m.n for m in mentions}
    for _, i, j in accepted:
        a, b = owner[i], owner[j]
        if a == b:
            continue
        # Complete link: every pair across the two clusters must itself be acceptable.
        if all((p, q) in ok for p in cluster[a] for q in cluster[b]):
            cluster[a].extend(cluster[b])
            for q in cluster.pop(b):
                owner[q] = a
    merged = [_build([mentions[n] for n in members], sims) for members in cluster.values()]
    merged.sort(key=lambda e: (-e.size, e.first_reported or "", e.type))
    return merged


def _similarities(mentions: Sequence[_Mention], pairs: list[tuple[int, int, float]],
                  embed: Embed | None) -> dict[tuple[int, int], float]:
    if not pairs:
        return {}
    needed = sorted({n for i, j, _ in pairs for n in (i, j)})
    texts = sorted({mentions[n].text for n in needed})
    vectors = (embed or default_embed())(texts)
    row = {t: k for k, t in enumerate(texts)}
    out = {}
    for i, j, _ in pairs:
        a, b = row[mentions[i].text], row[mentions[j].text]
        out[(i, j)] = 1.0 if a == b else float(np.dot(vectors[a], vectors[b]))
    return out


def _build(members: list[_Mention], sims: dict[tuple[int, int], float]) -> MergedEvent:
    members.sort(key=lambda m: (m.analysis.document.published or "", m.analysis.document.id,
                                m.event.evidence.start))
    first = members[0]
    cameo = Counter(m.event.cameo for m in members if m.event.cameo).most_common(1)
    modality = Counter(m.event.modality for m in members).most_common(1)[0][0]
    # The most precise date any report gives (a day beats "this week").
    order = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "century": 5}
    dated = [m.event.date for m in members if m.event.date is not None]
    when = min(dated, key=lambda d: order.get(d.granularity, 9)) if dated else None
    sources = tuple(Source(
        document_id=m.analysis.document.id, event_id=m.event.id, evidence=m.text,
        start=m.event.evidence.start, end=m.event.evidence.end, url=m.analysis.document.url,
        outlet=m.analysis.document.source, published=m.analysis.document.published,
        title=m.analysis.document.title, modality=m.event.modality,
        confidence=m.event.confidence,
        similarity=None if m is first else round(
            sims.get((first.n, m.n), sims.get((m.n, first.n), float("nan"))), 3))
        for m in members)
    key = "|".join(f"{m.analysis.document.id}:{m.event.id}" for m in members[:1])
    return MergedEvent(
        id="m" + hashlib.sha1(key.encode()).hexdigest()[:12], type=first.event.type,
        cameo=cameo[0][0] if cameo else None,
        actor=_union(m.actors for m in members), recipient=_union(m.recipients for m in members),
        date=when, modality=modality, sources=sources,
        location=next((m.event.location for m in members if m.event.location), None),
        first_reported=first.analysis.document.published,
        historical=any(m.event.historical for m in members))


def _union(sides: Iterable[tuple[Party, ...]]) -> tuple[Party, ...]:
    seen: dict[str, Party] = {}
    for side in sides:
        for p in side:
            seen.setdefault(p.key, p)
    return tuple(seen.values())


def find_merged(merged: Iterable[MergedEvent], document_id: str, event_id: str
                ) -> MergedEvent | None:
    """The merged event that holds a given per-article mention."""
    for m in merged:
        if any(s.document_id == document_id and s.event_id == event_id for s in m.sources):
            return m
    return None


def merged_to_row(m: MergedEvent) -> dict[str, Any]:
    """A flat summary of a merged event (for listings and the CLI)."""
    return {"id": m.id, "type": m.type, "cameo": m.cameo, "modality": m.modality,
            "date": m.date.value if m.date else None, "first_reported": m.first_reported,
            "actor": [p.name for p in m.actor], "recipient": [p.name for p in m.recipient],
            "sources": len(m.sources),
            "outlets": sorted({s.outlet for s in m.sources if s.outlet}),
            "evidence": m.sources[0].evidence}
