"""Sourcing profile: who the claims in a document rest on, how hedged they are, what is denied.

Uses the quotes and actors other stages found when present (speaker source types, stances) and
falls back to cue patterns from ``cues.yaml`` when they are empty, so the profile is useful on
its own. Every count comes with the text spans behind it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from detente.docanalysis.features import mask_quotes
from detente.docanalysis.knowledge import CueMatcher, Knowledge, default_knowledge
from detente.facts import Actor, Quote

_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’»)]*|$)")
# "Kremlin spokesman Dmitry Peskov said": the capitalised name right before a speech verb.
_NAMED = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\s+(?:said|says|told|wrote|added|"
                    r"stated|announced|insisted|warned|argued|noted|acknowledged|reiterated|"
                    r"blasted|dismissed|denied|confirmed|claimed)\b")


# Capitalised sentence openers that are not part of a name ("But Putin said").
_NOT_NAMES = frozenset({"But", "And", "When", "While", "The", "However", "Yet", "So", "Then",
                        "Meanwhile", "Still", "Also", "Later", "Earlier", "As", "If"})
# A denial that names what it denies ("the claim", "the report") may reach further back.
_DENIED_THING = re.compile(r"\b(?:claims?|reports?|account|allegations?|story|stories)\b", re.I)


def sentence_spans(text: str, doc: Any = None) -> list[tuple[int, int, str]]:
    """(start, end, text) per sentence: the parse's sentences when given, else a regex split."""
    if doc is not None:
        return split_lines([(s.start_char, s.end_char, s.text) for s in doc.sents])
    out = []
    for m in _SENT.finditer(text):
        raw = m.group()
        body = raw.strip()
        if body:
            start = m.start() + raw.index(body)
            out.append((start, start + len(body), body))
    return out


def split_lines(sentences: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Cut sentences at line breaks: a line is a paragraph (or heading, or bullet) here, and the
    parser sometimes runs a heading into the next sentence."""
    out = []
    for start, _end, text in sentences:
        pos = 0
        for line in text.split("\n"):
            body = line.strip()
            if body:
                s = start + pos + line.index(body)
                out.append((s, s + len(body), body))
            pos += len(line) + 1
    return out


def _spans(cue: CueMatcher, text: str) -> list[dict[str, Any]]:
    return [{"start": s, "end": e, "text": text[s:e]} for s, e in cue.spans(text)]


def sourcing_profile(text: str, sentences: Sequence[tuple[int, int, str]],
                     quotes: Sequence[Quote] = (), actors: Sequence[Actor] = (),
                     genre_at: Any = None, kb: Knowledge | None = None) -> dict[str, Any]:
    """The sourcing profile of one document as a plain dict.

    ``genre_at(offset)`` gives the segment genre (claims in opinion segments are counted apart).
    Keys: ``named`` (people quoted by name, with counts), ``organisations``, ``anonymous``
    (with how they are described), ``documents``, ``hedges``, ``denials`` (each linked to the
    sentence it denies, when one can be found), ``claims`` (per sentence: source type, hedged,
    denied) and ``counts``.
    """
    cues = (kb or default_knowledge()).sourcing
    by_id = {a.id: a for a in actors}
    named: Counter[str] = Counter()
    organisations: Counter[str] = Counter()
    anonymous = _spans(cues["anonymous"], text) if "anonymous" in cues else []
    documents = _spans(cues["document"], text) if "document" in cues else []
    for q in quotes:
        sp = q.speaker
        actor = by_id.get(sp.actor) if sp.actor else None
        label = (actor.name if actor else None) or sp.name or sp.text or "?"
        label = " ".join(label.split("\n")[-1].split())  # a heading run into the name
        if sp.source_type == "named":
            if actor is not None and actor.kind in ("organization", "state", "group"):
                organisations[label] += 1
            else:
                named[label] += 1
        elif sp.source_type == "anonymous" and sp.text:
            anonymous.append({"start": q.start, "end": q.end, "text": sp.text})
        elif sp.source_type == "document" and sp.text:
            documents.append({"start": q.start, "end": q.end, "text": sp.text})
    if not quotes:
        # No quote stage output: find "<Name> said" and "<the ministry> said" by pattern.
        for m in _NAMED.finditer(mask_quotes(text)[0]):
            words = [w for w in m.group(1).split()[-2:] if w not in _NOT_NAMES]
            if words:
                named[" ".join(words)] += 1
        orgs = cues.get("organisations")
        if orgs is not None:
            for m in re.finditer(rf"\b(?:the\s+)?({orgs.pattern})\s+(?:said|says|announced|"
                                 r"stated|denied|confirmed)\b", text, re.I):
                organisations[m.group(1).lower()] += 1
    hedges = _spans(cues["hedge_markers"], text) if "hedge_markers" in cues else []
    claims = _claims(sentences, quotes, anonymous, documents, hedges, cues, genre_at)
    denials = _denials(sentences, quotes, claims, cues)
    counts = {
        "named": sum(named.values()), "organisations": sum(organisations.values()),
        "anonymous": len(anonymous), "documents": len(documents), "hedges": len(hedges),
        "denials": len(denials),
        "unattributed": sum(1 for c in claims if c["source_type"] == "unattributed"),
        "claims": len(claims),
    }
    return {"counts": counts,
            "named": [{"name": n, "count": c} for n, c in named.most_common()],
            "organisations": [{"name": n, "count": c} for n, c in organisations.most_common()],
            "anonymous": anonymous, "documents": documents, "hedges": hedges,
            "denials": denials, "claims": claims}


def _inside(spans: Sequence[dict[str, Any]], start: int, end: int) -> bool:
    return any(s["start"] < end and start < s["end"] for s in spans)


def _claims(sentences, quotes, anonymous, documents, hedges, cues, genre_at) -> list[dict]:
    """One record per sentence of reporting/analysis: where its claim comes from."""
    attribution = cues.get("attribution_verbs")
    out = []
    for start, end, text in sentences:
        genre = genre_at(start) if genre_at else None
        if genre == "opinion" or text.rstrip().endswith("?") or len(text.split()) < 4:
            continue
        if _inside(anonymous, start, end):
            source = "anonymous"
        elif _inside(documents, start, end):
            source = "document"
        elif any(q.start < end and start < q.end for q in quotes) or (
                attribution is not None and attribution.search(text)):
            source = "named"
        else:
            source = "unattributed"
        out.append({"start": start, "end": end, "source_type": source, "genre": genre,
                    "hedged": _inside(hedges, start, end), "denied_by": None})
    return out


def _denials(sentences, quotes, claims, cues) -> list[dict]:
    """Denial sentences, each linked to the closest earlier claim resting on another source."""
    regex = cues.get("denial_markers")
    denied_quotes = [(q.start, q.end) for q in quotes if q.stance == "denies"]
    out = []
    index = {c["start"]: c for c in claims}
    for i, (start, end, text) in enumerate(sentences):
        by_quote = any(s < end and start < e for s, e in denied_quotes)
        if not by_quote and not (regex is not None and regex.search(text)):
            continue
        target = None
        # The denied claim is usually just before: prefer a sentence resting on anonymous or
        # document sources, else the previous sentence.
        reach = 10 if _DENIED_THING.search(text) else 4
        earlier = list(sentences[max(0, i - reach):i])
        for s in reversed(earlier):
            claim = index.get(s[0])
            if claim and claim["source_type"] in ("anonymous", "document"):
                target = s
                break
        if target is None and earlier:
            target = earlier[-1]
        record = {"start": start, "end": end, "text": text,
                  "denies": ({"start": target[0], "end": target[1], "text": target[2]}
                             if target else None)}
        if target and target[0] in index:
            index[target[0]]["denied_by"] = {"start": start, "end": end}
        out.append(record)
    return out
