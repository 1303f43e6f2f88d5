"""Finding the actors a stretch of text refers to, from the mentions the actors stage assigned.

This is the one interface quotes, events and positions use to turn a speaker, subject or object
span into actor ids, so they never re-resolve names themselves.
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass
from typing import Any

from detente.facts import Actor
from detente.nlp.backbone import doc_text
from detente.pipeline.registry import WorkItem


@dataclass(frozen=True)
class _Mentions:
    """Every mention of a document's actors sorted by start, for lookups by bisection (the
    stages ask for thousands of spans per document; scanning every mention each time was a
    visible share of the events and positions stages)."""

    # The actors indexed (held, so that no new actor can take a freed one's identity): a
    # stage that replaces them (docanalysis adds tone) gets a fresh index.
    actors: tuple[Actor, ...]
    starts: list[int]
    rows: list[tuple[int, int, int, int]]  # (start, end, actor index, mention index)
    longest: int

    @classmethod
    def of(cls, item: WorkItem) -> _Mentions:
        cached = item.scratch.get("_mention_index")
        if cached is not None and len(cached.actors) == len(item.actors) and all(
                map(operator.is_, cached.actors, item.actors)):
            return cached
        rows = sorted((m.start, m.end, ai, mi) for ai, a in enumerate(item.actors)
                      for mi, m in enumerate(a.mentions))
        index = cls(tuple(item.actors), [r[0] for r in rows], rows,
                    max((e - s for s, e, _, _ in rows), default=0))
        item.scratch["_mention_index"] = index
        return index

    def near(self, start: int, end: int) -> list[tuple[int, int, int, int]]:
        """Mentions that may cover or lie inside [start, end)."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, end)
        return self.rows[lo:hi]


def actors_in(item: WorkItem, start: int, end: int) -> list[Actor]:
    """Actors with a mention inside [start, end), in order of first mention there."""
    first: dict[int, int] = {}
    for s, e, ai, _ in _Mentions.of(item).near(start, end):
        if start <= s and e <= end and ai not in first:
            first[ai] = s  # rows are sorted by start: the first seen is the earliest
    # Ties on the first mention keep the actors' own order (as a stable sort would).
    return [item.actors[ai] for ai, _ in sorted(first.items(), key=lambda t: (t[1], t[0]))]


def actor_at(item: WorkItem, start: int, end: int) -> Actor | None:
    """The actor a span names: a mention covering the span, else the longest mention inside it
    (the first in actor and mention order among equals).

    Returns None (never a guess) when no mention overlaps.
    """
    covering: tuple[int, int] | None = None
    best: tuple[int, int, int] | None = None  # (-size, actor index, mention index)
    for s, e, ai, mi in _Mentions.of(item).near(start, end):
        if s <= start and end <= e:
            if covering is None or (ai, mi) < covering:
                covering = (ai, mi)
        elif start <= s and e <= end:
            cand = (-(e - s), ai, mi)
            if best is None or cand < best:
                best = cand
    if covering is not None:
        return item.actors[covering[0]]
    return item.actors[best[1]] if best else None


def is_dateline_subject(tok: Any) -> bool:
    """Whether a subject token is a dateline the parser made a subject ("NAIROBI — The RSF
    said"), a place of two words included ("KUALA LUMPUR —", its second word hung on the
    first). Paragraph-opening subjects followed by a comma are not datelines here."""
    first = tok.left_edge
    if first.i > 0 and "\n" not in tok.doc[first.i - 1].text_with_ws:
        return False  # not opening a line (checked first: most subjects, and cheap)
    words = [w for w in tok.doc[first.i:tok.i + 4] if not w.is_punct
             and first.i <= w.i <= tok.right_edge.i and tok in (w, *w.ancestors)]
    last = max(words, key=lambda w: w.i) if words else tok
    return is_dateline(doc_text(tok.doc), first.idx, last.idx + len(last), commas=False)


# Dashes that end a dateline ("MOSCOW —", "GAZA - "); a hyphen only with a space before it.
DATELINE_DASHES = ("\u2014", "\u2013", "-")


def is_dateline(text: str, start: int, end: int, commas: bool = True) -> bool:
    """Whether ``text[start:end]`` opens a line and a dash (with ``commas``, also a comma)
    follows it ("MOSCOW —", "GOMA/KINSHASA —", "Kyiv, Ukraine"): where the story was filed, not
    an actor. Without ``commas``, a subject opening a paragraph ("Israel, for its part,
    dismissed ...") is not taken for one."""
    line_start = start == 0 or text[start - 1] == "\n"
    spaced = text[end:end + 3].lstrip(" ")
    after = spaced[:1]
    # a hyphen needs a space before it: "al-Alimi" is a name, "GAZA - " a dateline
    dash = after in DATELINE_DASHES and (after != "-" or len(spaced) < len(text[end:end + 3]))
    # a comma only before a name ("Kyiv, Ukraine"): "Rabat, which has offered ..., said" is
    # a subject opening its paragraph
    named = text[end + 1:end + 3].lstrip(" ")[:1].isupper()
    return line_start and (dash or (commas and after == "," and named))
