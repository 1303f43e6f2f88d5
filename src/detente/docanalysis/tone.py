"""Tone toward each actor (experimental): VADER over the sentences that mention the actor.

Target-dependent in three ways: only sentences mentioning the actor count; when a sentence
mentions several actors, only the clause around this actor's mention is scored; and the actor's
own quoted words are masked (what Putin says is not the author's tone toward Putin). VADER
handles negation ("not brave") and intensifiers; ``tone.yaml`` adds conflict vocabulary and
neutralises event words ("war", "killed") that describe what happened rather than judge anyone.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from detente.docanalysis.knowledge import Knowledge, default_knowledge

_CLAUSE_BREAK = re.compile(r";|,\s*(?:but|while|whereas|and)\b|\bbut\b|\bwhile\b|\bwhereas\b|—|–")


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    score: float


@cache
def _analyzer(kb: Knowledge):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update({str(k).lower(): float(v)
                             for k, v in kb.section("tone").get("lexicon", {}).items()})
    return analyzer


@cache
def _emojis(kb: Knowledge) -> frozenset[str]:
    return frozenset(_analyzer(kb).emojis)


def compound(text: str, kb: Knowledge | None = None) -> float:
    """VADER's compound score for ``text``; 0.0 without calling VADER when no word of the text
    is in its lexicon (VADER then scores 0.0 too: only lexicon words carry valence)."""
    kb = kb or default_knowledge()
    vader = _analyzer(kb)
    # VADER's words: whitespace-split tokens, each either as written or stripped of ASCII
    # punctuation, lowercased; both forms are checked (a superset). Emoji are first replaced by
    # descriptions, so any text with one goes to VADER.
    lexicon = vader.lexicon
    if _emojis(kb).isdisjoint(text) and not any(
            w.lower() in lexicon or w.strip(string.punctuation).lower() in lexicon
            for w in text.split()):
        return 0.0
    return vader.polarity_scores(text)["compound"]


def analyzer(kb: Knowledge | None = None):
    """A VADER analyzer with the docanalysis lexicon additions (one per knowledge set)."""
    return _analyzer(kb or default_knowledge())


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` that contains [start, end): split at semicolons, dashes and
    contrastive conjunctions."""
    left, right = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= start:
            left = m.end()
        elif m.start() >= end:
            right = m.start()
            break
    return left, right


def sentence_score(sentence: str, mentions: Sequence[tuple[int, int]],
                   masks: Sequence[tuple[int, int]] = (), *, several_targets: bool = False,
                   kb: Knowledge | None = None, cache: dict[str, float] | None = None) -> float:
    """VADER compound for a target mentioned at ``mentions`` (offsets into ``sentence``);
    ``masks`` are spans (the target's own quotes) blanked first."""
    text = sentence
    for s, e in masks:
        s, e = max(0, s), min(len(text), e)
        if s < e:
            text = text[:s] + " " * (e - s) + text[e:]
    if several_targets and mentions:
        s, e = clause_around(text, mentions[0][0], mentions[0][1])
        text = text[s:e]
    if cache is None:
        return compound(text, kb)
    # Within one document a sentence that mentions several actors is scored once, not once
    # per actor (this was the document-analysis stage's main cost).
    if text not in cache:
        cache[text] = compound(text, kb)
    return cache[text]


def label_for(score: float, kb: Knowledge | None = None) -> str:
    cfg = (kb or default_knowledge()).section("tone")
    if score >= float(cfg.get("positive", 0.2)):
        return "positive"
    if score <= float(cfg.get("negative", -0.2)):
        return "negative"
    return "neutral"


def tone_toward(sentences: Iterable[tuple[int, int, str]], mentions: Sequence[tuple[int, int]],
                own_quotes: Sequence[tuple[int, int]] = (),
                other_mentions: Sequence[tuple[int, int]] = (),
                kb: Knowledge | None = None, cache: dict[str, float] | None = None) -> dict:
    """Tone toward one actor in a document.

    ``sentences`` are (start, end, text) in document offsets; ``mentions`` the actor's mention
    spans; ``own_quotes`` spans of quotes the actor spoke; ``other_mentions`` other actors'
    mentions (to detect sentences about several actors). Returns a plain dict with ``label``
    (negative/neutral/positive, or None without evidence), the mean ``score`` and ``evidence``.
    """
    kb = kb or default_knowledge()
    evidence: list[Evidence] = []
    # Mentions sorted by start, so each sentence finds its own by bisection instead of
    # testing every mention (actors x sentences x mentions was this stage's main loop).
    order = sorted(range(len(mentions)), key=lambda k: mentions[k][0])
    starts = [mentions[k][0] for k in order]
    others = sorted(other_mentions)
    other_starts = [s for s, _ in others]
    for start, end, text in sentences:
        lo = bisect_left(starts, start)
        if lo == len(starts) or starts[lo] > end:
            continue  # most sentences do not mention this actor
        ks = sorted(order[lo:bisect_right(starts, end)])
        inside = [(mentions[k][0] - start, mentions[k][1] - start) for k in ks
                  if mentions[k][1] <= end]
        if not inside:
            continue
        masks = [(s - start, e - start) for s, e in own_quotes if s < end and start < e]
        several = any(e <= end for _, e in
                      others[bisect_left(other_starts, start):bisect_right(other_starts, end)])
        score = sentence_score(text, inside, masks, several_targets=several, kb=kb,
                               cache=cache)
        evidence.append(Evidence(start, end, text, round(score, 3)))
    if not evidence:
        return {"label": None, "score": None, "evidence": [], "status": "experimental"}
    mean = sum(e.score for e in evidence) / len(evidence)
    keep = int(kb.section("tone").get("max_evidence", 5))
    strongest = sorted(evidence, key=lambda e: -abs(e.score))[:keep]
    return {"label": label_for(mean, kb), "score": round(mean, 3), "sentences": len(evidence),
            "evidence": [e.__dict__ for e in sorted(strongest, key=lambda e: e.start)],
            "status": "experimental"}
