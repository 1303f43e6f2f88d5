"""Finding the actors a stretch of text refers to, from the mentions the actors stage assigned.

This is the one interface quotes, events and positions use to turn a speaker, subject or object
span into actor ids, so they never re-resolve names themselves.
"""

from __future__ import annotations

from detente.facts import Actor
from detente.pipeline.registry import WorkItem


def actors_in(item: WorkItem, start: int, end: int) -> list[Actor]:
    """Actors with a mention inside [start, end), in order of first mention there."""
    found: list[tuple[int, Actor]] = []
    for actor in item.actors:
        hits = [m.start for m in actor.mentions if start <= m.start and m.end <= end]
        if hits:
            found.append((min(hits), actor))
    return [a for _, a in sorted(found, key=lambda t: t[0])]


def actor_at(item: WorkItem, start: int, end: int) -> Actor | None:
    """The actor a span names: a mention covering the span, else the longest mention inside it.

    Returns None (never a guess) when no mention overlaps.
    """
    best: tuple[int, Actor] | None = None
    for actor in item.actors:
        for m in actor.mentions:
            if m.start <= start and end <= m.end:
                return actor
            if start <= m.start and m.end <= end:
                size = m.end - m.start
                if best is None or size > best[0]:
                    best = (size, actor)
    return best[1] if best else None
