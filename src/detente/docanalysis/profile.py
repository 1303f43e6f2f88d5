"""Per-document profiles (plain dicts) and per-outlet summaries for corpus views and filters.

``profile`` accepts a pipeline ``WorkItem`` (uses what the stage put in ``scratch``) or a stored
``Analysis`` / its dict (recomputes sourcing and tone from text, quotes and actors), so the CLI,
the REST API and the store can all call it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from detente.docanalysis.genre import GENRES, segment_genre_at
from detente.docanalysis.knowledge import Knowledge, default_knowledge
from detente.docanalysis.sourcing import sentence_spans, sourcing_profile
from detente.docanalysis.tone import tone_toward
from detente.facts import Analysis


def genre_mix(document: Any) -> dict[str, float]:
    """Share of the segmented text (characters) per genre."""
    sizes: Counter[str] = Counter()
    for seg in document.segments:
        sizes[seg.genre] += seg.end - seg.start
    total = sum(sizes.values())
    return {g: round(sizes[g] / total, 3) for g in GENRES if sizes[g]} if total else {}


def actor_tones(text: str, sentences, actors, quotes, kb: Knowledge | None = None
                ) -> dict[str, dict[str, Any]]:
    """Tone toward each actor with mentions, keyed by actor id."""
    out = {}
    scores: dict[str, float] = {}  # sentence scores shared by this document's actors
    all_mentions = {a.id: [(m.start, m.end) for m in a.mentions] for a in actors}
    for actor in actors:
        mine = all_mentions[actor.id]
        if not mine:
            continue
        others = [span for aid, spans in all_mentions.items() if aid != actor.id
                  for span in spans]
        own = [(q.start, q.end) for q in quotes if q.speaker.actor == actor.id]
        result = tone_toward(sentences, mine, own, others, kb, cache=scores)
        if result["label"] is not None:
            out[actor.id] = {"name": actor.name, **result}
    return out


def profile(obj: Any, kb: Knowledge | None = None) -> dict[str, Any]:
    """Genre, genre mix, segments, quality, sourcing counts and tone for one document.

    ``obj`` is a WorkItem, an Analysis, or an Analysis dict (``detente.analysis/1``)."""
    if isinstance(obj, dict):
        obj = Analysis.from_dict(obj)
    scratch = getattr(obj, "scratch", None)
    document = obj.document
    if scratch is not None and "sourcing" in scratch:
        sourcing, tone = scratch["sourcing"], scratch.get("tone", {})
    else:
        kb = kb or default_knowledge()
        sentences = sentence_spans(document.text)
        sourcing = sourcing_profile(document.text, sentences, obj.quotes, obj.actors,
                                    lambda off: segment_genre_at(document, off), kb)
        tone = actor_tones(document.text, sentences, obj.actors, obj.quotes, kb)
    kinds = Counter(f.kind for f in document.quality.flags)
    return {
        "id": document.id,
        "source": document.source,
        "published": document.published,
        "genre": document.genre,
        "genre_mix": genre_mix(document),
        "segments": [s.to_dict() for s in document.segments],
        "quality": {"score": document.quality.score, "flags": dict(sorted(kinds.items()))},
        "sourcing": sourcing["counts"],
        "anonymous_sources": sorted({a["text"] for a in sourcing["anonymous"]}),
        "tone": {aid: {"name": t["name"], "label": t["label"], "score": t["score"]}
                 for aid, t in tone.items()},
    }


def matches(prof: dict[str, Any], *, genre: str | None = None,
            min_quality: float | None = None) -> bool:
    """The corpus filters: ``--genre report`` (a document, or mixed with a segment of that
    genre) and ``--min-quality 0.7``."""
    if genre is not None and prof["genre"] != genre and genre not in prof["genre_mix"]:
        return False
    return min_quality is None or prof["quality"]["score"] >= min_quality


def outlet_profiles(profiles: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per outlet: documents, genre counts, mean quality, summed sourcing counts, and the share
    of claims that are unattributed or rest on anonymous sources."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in profiles:
        groups[p.get("source") or "(unknown)"].append(p)
    out = {}
    for outlet, docs in sorted(groups.items()):
        sourcing: Counter[str] = Counter()
        for d in docs:
            sourcing.update(d["sourcing"])
        claims = sourcing["claims"] or 1
        out[outlet] = {
            "documents": len(docs),
            "genres": dict(Counter(d["genre"] for d in docs)),
            "mean_quality": round(sum(d["quality"]["score"] for d in docs) / len(docs), 3),
            "sourcing": dict(sourcing),
            "unattributed_share": round(sourcing["unattributed"] / claims, 3),
            "anonymous_share": round(sourcing["anonymous"] / claims, 3),
        }
    return out
