"""The article view's text: every fact marked at its character offsets.

Facts overlap (a quote contains an actor mention and an event's evidence), so the text is cut at
every fact boundary and each piece carries the set of facts covering it in ``data-f`` (tokens
such as ``a:vladimir_putin``, ``q:q1``, ``e:e4``, ``p:0``, ``flag:boilerplate``). The page's
script focuses a fact by selecting ``[data-f~="e:e4"]``; CSS colours pieces by the kinds present.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from itertools import pairwise

from markupsafe import Markup

from detente.facts import Analysis


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    token: str  # e.g. "e:e4"
    kind: str  # actor | quote | event | position | flag | segment


def marks(analysis: Analysis) -> list[Mark]:
    """Every highlightable range of the analysis, clipped to the text."""
    n = len(analysis.document.text)
    out: list[Mark] = []

    def add(start: int | None, end: int | None, token: str, kind: str) -> None:
        if start is None or end is None:
            return
        start, end = max(0, start), min(n, end)
        if start < end:
            out.append(Mark(start, end, token, kind))

    for a in analysis.actors:
        for m in a.mentions:
            add(m.start, m.end, f"a:{a.id}", "actor")
    for q in analysis.quotes:
        add(q.start, q.end, f"q:{q.id}", "quote")
    for e in analysis.events:
        add(e.evidence.start, e.evidence.end, f"e:{e.id}", "event")
    for i, p in enumerate(analysis.positions):
        add(p.evidence.start, p.evidence.end, f"p:{i}", "position")
    for f in analysis.document.quality.flags:
        add(f.start, f.end, f"flag:{f.kind}", "flag")
    for s in analysis.document.segments:
        add(s.start, s.end, f"genre:{s.genre}", "segment")
    return out


_RANK = {"e": 0, "q": 1, "p": 2, "a": 3}


def _anchor_rank(token: str) -> tuple[int, str]:
    return _RANK.get(token.split(":", 1)[0], 9), token


def render(analysis: Analysis) -> Markup:
    """The text as HTML with one ``<span>`` per run of characters covered by the same facts."""
    text = analysis.document.text
    ms = marks(analysis)
    cuts = sorted({0, len(text)} | {m.start for m in ms} | {m.end for m in ms})
    starts: dict[int, list[Mark]] = {}
    for m in ms:
        starts.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    first_seen: set[str] = set()
    parts: list[str] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        piece = escape(text[left:right])
        if not active:
            parts.append(piece)
            continue
        tokens = sorted({m.token for m in active})
        kinds = sorted({m.kind for m in active} | {m.token.replace(":", "-") for m in active
                                                    if m.kind in ("flag", "segment")})
        # The first piece of each fact gets an id, so #e-e4 links land on it; when several facts
        # start here, the most specific one names the piece and the others get empty anchors.
        anchors = sorted((t for t in tokens if t not in first_seen and any(
            m.token == t and m.start == left for m in active)), key=_anchor_rank)
        first_seen.update(anchors)
        ids = [escape(t.replace(":", "-")) for t in anchors]
        parts.extend(f'<span id="{i}"></span>' for i in ids[1:])
        id_attr = f' id="{ids[0]}"' if ids else ""
        parts.append(f'<span class="hl {" ".join(f"k-{escape(k)}" for k in kinds)}"{id_attr} '
                     f'data-f="{escape(" ".join(tokens))}">{piece}</span>')
    return Markup("".join(parts))
